// Resolves `--strategy NAME|PATH` and `--strategy-config FILE` into a strategy definition and its options.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { BadInputError } from '../core/errors.js';
import { BUILTIN_STRATEGIES, asStrategyDefinition, findBuiltinStrategy } from '../strategy/registry.js';
import type { StrategyDefinition, StrategyOptions } from '../strategy/strategy.js';
import { guardUserStrategy } from '../strategy/user-strategy.js';

const looksLikePath = (s: string): boolean => s.includes('/') || s.includes('\\') || /\.(ts|js|mjs)$/.test(s);

export async function loadStrategy(spec: string, cwd: string): Promise<StrategyDefinition> {
  if (!looksLikePath(spec)) {
    const def = findBuiltinStrategy(spec);
    if (!def) throw new BadInputError(`--strategy ${spec}`, `unknown strategy (built-in: ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')}; or give a path to a .ts file)`);
    return def;
  }
  const file = resolve(cwd, spec);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new BadInputError(file, `cannot load strategy module: ${(e as Error).message}`, { cause: e });
  }
  return guardUserStrategy(asStrategyDefinition(mod.default ?? mod.strategy, file), file);
}

/** Reads a YAML (or JSON) strategy config file; errors name the file and line. */
export function loadStrategyConfig(path: string | undefined, cwd: string): StrategyOptions {
  if (path === undefined) return {};
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInputError(file, `cannot read strategy config: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  try {
    return { config: parseYaml(text) as unknown, configSource: file };
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0].line;
      throw new BadInputError(line ? `${file}:${line}` : file, `not valid YAML: ${e.message.split('\n')[0]}`, { cause: e });
    }
    throw e;
  }
}

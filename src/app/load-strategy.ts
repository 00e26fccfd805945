// Resolves `--strategy NAME|PATH` and `--strategy-config FILE` into a strategy definition and its options, with the source files' hashes.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { BadInputError } from '../core/errors.js';
import { BUILTIN_STRATEGIES, asStrategyDefinition, findBuiltinStrategy } from '../strategy/registry.js';
import type { StrategyDefinition, StrategyOptions } from '../strategy/strategy.js';
import type { FileRef, StrategyRef } from './backtest-spec.js';
import { fileRef, sha256 } from './run-hashes.js';

const looksLikePath = (s: string): boolean => s.includes('/') || s.includes('\\') || /\.(ts|js|mjs)$/.test(s);

export interface LoadStrategyOptions {
  /** Type-check a TypeScript strategy file before loading it (default true). */
  readonly typecheck?: boolean;
}

export interface LoadedStrategy {
  readonly definition: StrategyDefinition;
  /** The built-in name, or the file with the SHA-256 of its source (its own imports are not covered). */
  readonly ref: StrategyRef;
}

export async function loadStrategy(spec: string, cwd: string, o: LoadStrategyOptions = {}): Promise<LoadedStrategy> {
  if (!looksLikePath(spec)) {
    const def = findBuiltinStrategy(spec);
    if (!def) throw new BadInputError(`--strategy ${spec}`, `unknown strategy (built-in: ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')}; or give a path to a .ts file)`);
    return { definition: def, ref: { builtin: def.name } };
  }
  const file = resolve(cwd, spec);
  if (!existsSync(file)) throw new BadInputError(`--strategy ${spec}`, `no such file (${file}); built-in strategies: ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')}`);
  if (o.typecheck !== false && /\.(ts|mts|cts)$/.test(file)) {
    // Loaded only for a TypeScript file: the compiler is a second of start-up a built-in strategy does not need.
    const { typecheckStrategy } = await import('./strategy-typecheck.js');
    const errors = typecheckStrategy(file, cwd);
    if (errors.length > 0) {
      // One line, as every error of the CLI: the first error, and where to see them all.
      const first = errors[0].split('\n')[0];
      const n = errors.length;
      throw new BadInputError(file, `${n === 1 ? '1 type error' : `${n} type errors, the first`}: ${first} (sextant check ${relative(cwd, file) || file} lists ${n === 1 ? 'it' : 'them all'}; --no-typecheck skips the check)`);
    }
  }
  const ref = fileRef(file, 'strategy file');
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new BadInputError(file, `cannot load strategy module: ${(e as Error).message}`, { cause: e });
  }
  return { definition: asStrategyDefinition(mod.default ?? mod.strategy, file), ref: { file: ref } };
}

export interface LoadedConfig {
  readonly options: StrategyOptions;
  readonly file: FileRef;
  readonly content: string;
}

/** Reads a YAML (or JSON) strategy config file; errors name the file and line. */
export function loadStrategyConfig(path: string, cwd: string): LoadedConfig {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInputError(file, `cannot read strategy config: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  return parseStrategyConfig(text, file);
}

/** A config's text as read (or as kept in a run spec), parsed; `file` names it in errors. */
export function parseStrategyConfig(text: string, file: string): LoadedConfig {
  try {
    return { options: { config: parseYaml(text) as unknown, configSource: file }, file: { path: file, sha256: sha256(text) }, content: text };
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0].line;
      throw new BadInputError(line ? `${file}:${line}` : file, `not valid YAML: ${e.message.split('\n')[0]}`, { cause: e });
    }
    throw e;
  }
}

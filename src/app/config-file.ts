// sextant.yaml on disk: read and validate with file:line:col in every message, create the commented template on first start.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { BadInputError } from '../core/errors.js';
import { systemErrorCode, systemErrorReason } from '../core/system-error.js';
import { formatIssue, type ConfigIssue } from '../config/config-issues.js';
import { readSextantConfig } from '../config/read-config.js';
import type { SextantConfig } from '../config/sextant-config.js';
import { configTemplate } from './config-template.js';
import { notRegularFileReason } from '../core/file-kind.js';

export const DEFAULT_CONFIG_FILE = 'sextant.yaml';

export type ConfigText =
  | { readonly ok: true; readonly config: SextantConfig; readonly hash: string }
  | { readonly ok: false; readonly errors: readonly string[]; readonly hash: string };

/** The config is invalid: `errors` holds every problem, one line each (`sextant.yaml:12:5: path: …`). */
export class ConfigInvalidError extends BadInputError {
  readonly errors: readonly string[];
  constructor(file: string, errors: readonly string[]) {
    super(file, `${errors.length === 1 ? '1 problem' : `${errors.length} problems`}: ${errors[0]}`);
    this.errors = errors;
  }
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

type Pos = { readonly line: number; readonly col: number };

/** Where `path` is in the document: the key of a mapping entry, the item of a list, or the nearest ancestor that exists. */
function locate(doc: Document, lines: LineCounter, path: ConfigIssue['path']): Pos | undefined {
  let node: unknown = doc.contents;
  let at: number | undefined = (node as { range?: [number, number, number] } | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) break;
      at = (pair.key as { range?: [number, number, number] }).range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      at = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? at;
    } else break;
  }
  return at === undefined ? undefined : lines.linePos(at);
}

/**
 * Parses and validates sextant.yaml text; `file` names it in messages. YAML syntax errors stop
 * there (with line and column); otherwise every validation problem is listed, in file order.
 */
export function parseConfigText(text: string, file: string): ConfigText {
  const hash = sha256Hex(text);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const p = lines.linePos(e.pos[0]);
      return `${file}:${p.line}:${p.col}: not valid YAML: ${e.message.split('\n')[0]}`;
    });
    return { ok: false, errors, hash };
  }
  // An alias inside the node it names would make a cyclic value that no check can walk to its end.
  const cycles: string[] = [];
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target !== undefined && path.includes(target)) {
        const p = lines.linePos(alias.range?.[0] ?? 0);
        cycles.push(`${file}:${p.line}:${p.col}: not valid for a config: the alias refers to a node that contains it (a recursive alias)`);
      }
    },
  });
  if (cycles.length > 0) return { ok: false, errors: cycles, hash };
  const result = readSextantConfig(doc.toJS({ maxAliasCount: 100 }));
  if (result.ok) return { ok: true, config: result.config, hash };
  const located = result.issues.map((issue, i) => ({ issue, i, pos: locate(doc, lines, issue.path) }));
  located.sort((a, b) => (a.pos?.line ?? Infinity) - (b.pos?.line ?? Infinity) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0) || a.i - b.i);
  return { ok: false, errors: located.map((x) => formatIssue(file, x.issue, x.pos)), hash };
}

/**
 * Paths in the file made absolute: data_dir, a bot's strategy file and strategy_config against the
 * file's folder; kill.file against the data dir. Built-in strategy names stay names.
 */
export function resolveConfigPaths(c: SextantConfig, configFile: string): SextantConfig {
  const base = dirname(resolve(configFile));
  const dataDir = resolve(base, c.dataDir);
  const looksLikePath = (s: string): boolean => s.includes('/') || s.includes('\\') || /\.(ts|js|mjs)$/.test(s);
  return {
    ...c,
    dataDir,
    kill: { ...c.kill, file: isAbsolute(c.kill.file) ? c.kill.file : join(dataDir, c.kill.file) },
    bots: c.bots.map((b) => ({
      ...b,
      strategy: looksLikePath(b.strategy) ? resolve(base, b.strategy) : b.strategy,
      ...(b.strategyConfig !== undefined ? { strategyConfig: resolve(base, b.strategyConfig) } : {}),
    })),
  };
}

/** Reads the file's text, or a BadInputError naming it (a missing file says how to get one). */
/** A config is a few KB; a larger file is a mistake (a data file given as --config), refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export function readConfigText(path: string): string {
  try {
    // A FIFO without a writer would block the read forever; a device or socket is no config either.
    const st = statSync(path, { throwIfNoEntry: false });
    if (st !== undefined && !st.isFile()) throw new BadInputError(path, `${notRegularFileReason(st) as string} (the config is a YAML file)`);
    if (st !== undefined && st.size > MAX_CONFIG_BYTES) throw new BadInputError(path, `${st.size} bytes is no config file (at most ${MAX_CONFIG_BYTES}; a config is a few KB)`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadInputError(path, 'no such config file (`sextant config init` or the first `sextant start` writes a commented one)', { cause: e });
    throw new BadInputError(path, `cannot read the config file (${code ?? (e as Error).message})`, { cause: e });
  }
}

export interface LoadedConfigFile {
  readonly path: string;
  /** With absolute paths (resolveConfigPaths). */
  readonly config: SextantConfig;
  /** SHA-256 of the text read, for the watcher and the audit trail. */
  readonly hash: string;
  /** True when this call wrote the template. */
  readonly created: boolean;
}

/** Reads and validates `path`; throws ConfigInvalidError (every problem) or BadInputError (unreadable). */
export function loadConfigFile(path: string): LoadedConfigFile {
  const abs = resolve(path);
  const parsed = parseConfigText(readConfigText(abs), basename(abs));
  if (!parsed.ok) throw new ConfigInvalidError(abs, parsed.errors);
  return { path: abs, config: resolveConfigPaths(parsed.config, abs), hash: parsed.hash, created: false };
}

/**
 * Writes the commented template to `path` unless a file is there; true when written. The text
 * goes to a temporary file first and is linked into place, so the config is never half-written
 * and an existing one (or one another process just created) is never replaced.
 */
export function createConfigFile(path: string): boolean {
  const abs = resolve(path);
  // An existing file is left alone without writing anything (its folder may be read-only).
  if (existsSync(abs)) return false;
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.tmp`);
  let writing = false;
  let linking = false;
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writing = true;
    writeFileSync(tmp, configTemplate(), { flag: 'w' });
    linking = true;
    linkSync(tmp, abs);
    return true;
  } catch (e) {
    if (linking && (e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // The system error names the temporary file, which the user never asked for.
    if (systemErrorCode(e) !== undefined) throw new BadInputError(abs, `cannot write the config file: ${systemErrorReason(e)}`, { cause: e });
    throw e;
  } finally {
    // Only once the folder exists: under a file, removing the temporary file would throw too.
    if (writing) rmSync(tmp, { force: true });
  }
}

/** What `sextant start` does: create the file when missing, then load it. */
export function loadOrCreateConfigFile(path: string): LoadedConfigFile {
  const created = createConfigFile(path);
  return { ...loadConfigFile(path), created };
}

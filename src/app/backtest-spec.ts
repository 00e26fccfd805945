// The backtest run spec: everything a run needs to be repeated (strategy, inputs with their hashes, settings), and its check when read back.
import { BadInputError } from '../core/errors.js';
import { BAR_FILE_FORMATS } from '../store/formats/bar-parse-options.js';

/** A file an input came from, by absolute path and the SHA-256 of its bytes (hex). */
export interface FileRef {
  readonly path: string;
  readonly sha256: string;
}

export type StrategyRef = { readonly builtin: string } | { readonly file: FileRef };

/** Where the bars (and events) came from. Store and recording data are identified by `inputs.sha256`. */
export type DataRef =
  | { readonly kind: 'file'; readonly file: FileRef; readonly format: string; readonly symbol: string | null; readonly interval: string | null }
  | { readonly kind: 'store'; readonly db: string; readonly venue: string; readonly symbols: readonly string[]; readonly interval: string }
  | { readonly kind: 'recording'; readonly db: string; readonly recording: number; readonly venue: string }
  | { readonly kind: 'ticks-only' };

/** The fee schedule a run used and why (`basis`: what chose it, shown in summaries). */
export interface FeeSpec {
  readonly makerBps: number;
  readonly takerBps: number;
  readonly perUnit: number;
  /** The preset the rates came from, if any. */
  readonly preset: string | null;
  readonly basis: string;
}

/** What the run consumed, after --from/--to: one hash over every bar, event and funding rate, and the range. */
export interface InputDigest {
  readonly sha256: string;
  readonly bars: number;
  readonly events: number;
  /** First and last time (bar open or event time), ms UTC; null when there were none. */
  readonly first: number | null;
  readonly last: number | null;
}

export interface BacktestSpec {
  readonly version: 1;
  /** The Sextant version (package.json) that made the run. */
  readonly sextant: string;
  readonly strategy: StrategyRef;
  /** Resolved parameter values (defaults included). */
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** The config's content is kept, so a rerun uses exactly it even if the file changed or is gone. */
  readonly strategyConfig: { readonly file: FileRef; readonly content: string } | null;
  readonly data: DataRef;
  readonly ticks: readonly FileRef[];
  readonly funding: readonly { readonly symbol: string; readonly file: FileRef }[];
  readonly from: number | null;
  readonly to: number | null;
  readonly cash: number;
  readonly fees: FeeSpec;
  readonly slippageBps: number;
  readonly exitSlippageBps: number | null;
  readonly fillModel: string;
  readonly leverage: number | null;
  readonly tick: number | null;
  readonly lot: number | null;
  readonly multiplier: number;
  readonly inputs: InputDigest;
}

/**
 * Checks a stored spec (JSON from the store) field by field: a run saved by another version, or a
 * hand-edited row, is refused naming the field rather than half-used.
 */
export function parseBacktestSpec(value: unknown, where: string): BacktestSpec {
  const o = obj(value, where);
  if (o.version !== 1) throw new BadInputError(where, `unknown run spec version ${JSON.stringify(o.version)} (this Sextant reads version 1)`);
  str(o.sextant, `${where}: sextant`);
  const s = obj(o.strategy, `${where}: strategy`);
  if ('builtin' in s) str(s.builtin, `${where}: strategy.builtin`);
  else fileRef(s.file, `${where}: strategy.file`);
  const params = obj(o.params, `${where}: params`);
  for (const [k, v] of Object.entries(params)) {
    if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) throw new BadInputError(`${where}: params.${k}`, `expected a number, boolean or string, got ${JSON.stringify(v)}`);
  }
  if (o.strategyConfig !== null) {
    const c = obj(o.strategyConfig, `${where}: strategyConfig`);
    fileRef(c.file, `${where}: strategyConfig.file`);
    str(c.content, `${where}: strategyConfig.content`);
  }
  const d = obj(o.data, `${where}: data`);
  if (d.kind === 'file') {
    fileRef(d.file, `${where}: data.file`);
    if (!(BAR_FILE_FORMATS as readonly unknown[]).includes(d.format)) throw new BadInputError(`${where}: data.format`, `expected one of ${BAR_FILE_FORMATS.join(', ')}, got ${JSON.stringify(d.format)}`);
    for (const k of ['symbol', 'interval'] as const) if (d[k] !== null) str(d[k], `${where}: data.${k}`);
  } else if (d.kind === 'store') {
    str(d.db, `${where}: data.db`);
    str(d.venue, `${where}: data.venue`);
    str(d.interval, `${where}: data.interval`);
    if (!Array.isArray(d.symbols) || d.symbols.length === 0) throw new BadInputError(`${where}: data.symbols`, 'expected a list of symbols');
    d.symbols.forEach((x: unknown, i) => str(x, `${where}: data.symbols[${i}]`));
  } else if (d.kind === 'recording') {
    str(d.db, `${where}: data.db`);
    num(d.recording, `${where}: data.recording`);
    str(d.venue, `${where}: data.venue`);
  } else if (d.kind !== 'ticks-only') throw new BadInputError(`${where}: data.kind`, `unknown data kind ${JSON.stringify(d.kind)}`);
  list(o.ticks, `${where}: ticks`).forEach((t, i) => fileRef(t, `${where}: ticks[${i}]`));
  list(o.funding, `${where}: funding`).forEach((f, i) => {
    const x = obj(f, `${where}: funding[${i}]`);
    str(x.symbol, `${where}: funding[${i}].symbol`);
    fileRef(x.file, `${where}: funding[${i}].file`);
  });
  for (const k of ['from', 'to', 'exitSlippageBps', 'leverage', 'tick', 'lot'] as const) if (o[k] !== null) num(o[k], `${where}: ${k}`);
  for (const k of ['cash', 'slippageBps', 'multiplier'] as const) num(o[k], `${where}: ${k}`);
  str(o.fillModel, `${where}: fillModel`);
  const f = obj(o.fees, `${where}: fees`);
  for (const k of ['makerBps', 'takerBps', 'perUnit'] as const) num(f[k], `${where}: fees.${k}`);
  str(f.basis, `${where}: fees.basis`);
  if (f.preset !== null) str(f.preset, `${where}: fees.preset`);
  const i = obj(o.inputs, `${where}: inputs`);
  str(i.sha256, `${where}: inputs.sha256`);
  return value as BacktestSpec;
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadInputError(where, `expected an object, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

function list(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new BadInputError(where, `expected a list, got ${JSON.stringify(v)}`);
  return v;
}

function str(v: unknown, where: string): void {
  if (typeof v !== 'string') throw new BadInputError(where, `expected a string, got ${JSON.stringify(v)}`);
}

function num(v: unknown, where: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadInputError(where, `expected a finite number, got ${JSON.stringify(v)}`);
}

function fileRef(v: unknown, where: string): void {
  const f = obj(v, where);
  str(f.path, `${where}.path`);
  if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) throw new BadInputError(`${where}.sha256`, `expected 64 hex digits, got ${JSON.stringify(f.sha256)}`);
}

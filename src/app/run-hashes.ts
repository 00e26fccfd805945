// SHA-256 fingerprints of a run's inputs (files, bars, events, funding) and of its outputs (fills, equity curve, final ledger figures).
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BarSeries } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import type { BacktestResult } from '../research/backtest-result.js';
import type { FundingRates } from '../store/formats/funding-file.js';
import type { FileRef, InputDigest } from './backtest-spec.js';

/** The file's path and the SHA-256 of its bytes. */
export function fileRef(path: string, what: string): FileRef {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new BadInputError(path, `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  return { path, sha256: sha256(bytes) };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Typed arrays hashed as their bytes (little-endian on every platform Node runs on), so equal digests mean equal doubles. */
function bytesOf(a: Float64Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function jsonWithArrays(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Float64Array ? Array.from(x) : x));
}

/**
 * One hash over exactly what a run consumes: each series (symbol, interval, every column), each
 * event envelope in order, and each funding series. Any changed bar, event or rate changes it.
 */
export function inputDigest(series: readonly BarSeries[], events: readonly Envelope[], funding: ReadonlyMap<string, FundingRates>): InputDigest {
  const h = createHash('sha256');
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let bars = 0;
  for (const s of series) {
    h.update(`series ${s.symbol} ${s.intervalMs ?? '?'} ${s.length}\n`);
    for (const c of [s.time, s.open, s.high, s.low, s.close, s.volume]) h.update(bytesOf(c.subarray(0, s.length)));
    if (s.length > 0) {
      first = Math.min(first, s.time[0]);
      last = Math.max(last, s.time[s.length - 1]);
    }
    bars += s.length;
  }
  h.update(`events ${events.length}\n`);
  for (const e of events) {
    h.update(`${e.type} ${e.symbol} ${e.source} ${e.seq} ${e.tsEvent} ${e.tsInit} ${jsonWithArrays(e.data)}\n`);
    first = Math.min(first, e.tsEvent, e.tsInit);
    last = Math.max(last, e.tsEvent, e.tsInit);
  }
  for (const sym of [...funding.keys()].sort()) {
    const f = funding.get(sym) as FundingRates;
    h.update(`funding ${sym} ${f.time.length}\n`);
    h.update(bytesOf(f.time));
    h.update(bytesOf(f.rate));
  }
  const some = Number.isFinite(first);
  return { sha256: h.digest('hex'), bars, events: events.length, first: some ? first : null, last: some ? last : null };
}

/** The outputs a rerun must reproduce byte for byte, each part hashed on its own so a difference can be named. */
export interface OutputDigest {
  /** Over the three parts below. */
  readonly sha256: string;
  /** Every fill: time, symbol, side, qty, price, fee, reason. */
  readonly fills: string;
  /** The equity curve's times, equity and in-market flags, as bytes. */
  readonly equity: string;
  /** Final cash, equity, fees and funding (the ledger's exact decimals). */
  readonly ledger: string;
  readonly fillCount: number;
  readonly steps: number;
}

export function outputDigest(r: BacktestResult): OutputDigest {
  const fills = hashLines(r.fills.map((f) => JSON.stringify([f.time, f.symbol, f.side, f.qty, f.price, f.fee, f.reason])));
  const eq = createHash('sha256');
  eq.update(bytesOf(r.equityTime)).update(bytesOf(r.equity)).update(bytesOf(r.inMarket));
  const equity = eq.digest('hex');
  const ledger = sha256(JSON.stringify({ cash: r.finalCash, equity: r.finalEquity, fees: r.totalFees, funding: r.totalFunding }));
  return { sha256: sha256(`${fills}\n${equity}\n${ledger}\n`), fills, equity, ledger, fillCount: r.fills.length, steps: r.equity.length };
}

function hashLines(lines: readonly string[]): string {
  const h: Hash = createHash('sha256');
  for (const l of lines) h.update(l + '\n');
  return h.digest('hex');
}

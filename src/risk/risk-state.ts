// The risk manager's durable state (kill levels, flatten request, equity peak, rate buckets) as plain JSON, and its strict reader.
import type { KillLevel } from '../config/risk-config.js';
import type { UnixMs } from '../core/clock.js';
import { BadInputError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';
import type { SourceLevel } from './kill-state.js';
import { parseKillLevel } from './kill-level.js';
import type { PeakState } from './loss-guard.js';
import type { BucketState } from './token-bucket.js';
import { KILL_SOURCES, type KillSource } from './verdict.js';

export const RISK_STATE_VERSION = 1;

export interface RiskStateSnapshot {
  readonly version: typeof RISK_STATE_VERSION;
  readonly savedAt: UnixMs;
  readonly kill: Readonly<Partial<Record<KillSource, SourceLevel>>>;
  readonly flattenPending: boolean;
  readonly peak: PeakState;
  /** Keyed `entries`, `entries:SYMBOL`, `exits`, `cancels`. */
  readonly buckets: Readonly<Record<string, BucketState>>;
}

const WHERE = 'risk state';

/** Reads a snapshot (e.g. parsed from JSON) strictly: a BadInputError names the first bad field. */
export function parseRiskState(raw: unknown): RiskStateSnapshot {
  const o = object(raw, WHERE);
  if (o.version !== RISK_STATE_VERSION) throw new BadInputError(`${WHERE}.version`, `expected ${RISK_STATE_VERSION}, got ${quoteJson(o.version)}`);
  const kill: Partial<Record<KillSource, SourceLevel>> = {};
  for (const [source, v] of Object.entries(object(o.kill, `${WHERE}.kill`))) {
    const at = `${WHERE}.kill.${source}`;
    if (!(KILL_SOURCES as readonly string[]).includes(source)) throw new BadInputError(at, `unknown source (expected one of ${KILL_SOURCES.join(', ')})`);
    const e = object(v, at);
    if (typeof e.level !== 'string') throw new BadInputError(`${at}.level`, `expected a kill level, got ${quoteJson(e.level)}`);
    const level: KillLevel = parseKillLevel(e.level, `${at}.level`);
    if (level === 'off') throw new BadInputError(`${at}.level`, 'a source at off is not stored');
    if (typeof e.reason !== 'string') throw new BadInputError(`${at}.reason`, `expected text, got ${quoteJson(e.reason)}`);
    kill[source as KillSource] = { level, reason: e.reason, ts: finite(e.ts, `${at}.ts`) };
  }
  if (typeof o.flattenPending !== 'boolean') throw new BadInputError(`${WHERE}.flattenPending`, `expected true or false, got ${quoteJson(o.flattenPending)}`);
  const p = object(o.peak, `${WHERE}.peak`);
  const peak: PeakState = { peak: optionalFinite(p.peak, `${WHERE}.peak.peak`), peakTs: optionalFinite(p.peakTs, `${WHERE}.peak.peakTs`), peakDay: optionalFinite(p.peakDay, `${WHERE}.peak.peakDay`) };
  const buckets: Record<string, BucketState> = {};
  for (const [name, v] of Object.entries(object(o.buckets, `${WHERE}.buckets`))) {
    const b = object(v, `${WHERE}.buckets.${name}`);
    const tokens = finite(b.tokens, `${WHERE}.buckets.${name}.tokens`);
    if (tokens < 0) throw new BadInputError(`${WHERE}.buckets.${name}.tokens`, `expected ≥ 0, got ${tokens}`);
    buckets[name] = { tokens, at: finite(b.at, `${WHERE}.buckets.${name}.at`) };
  }
  return { version: RISK_STATE_VERSION, savedAt: finite(o.savedAt, `${WHERE}.savedAt`), kill, flattenPending: o.flattenPending, peak, buckets };
}

function object(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadInputError(at, `expected an object, got ${quoteJson(v)}`);
  return v as Record<string, unknown>;
}

function finite(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadInputError(at, `expected a finite number, got ${typeof v === 'number' ? String(v) : quoteJson(v)}`);
  return v;
}

function optionalFinite(v: unknown, at: string): number | undefined {
  return v === undefined || v === null ? undefined : finite(v, at);
}

// Typed builders for the indicators a strategy declares: the catalogue (src/indicators) by name, or a custom one.
import { parseInterval } from '../core/bars.js';
import type { Indicator } from '../indicators/index.js';
import type { IndicatorRequest, IndicatorValues, LineValues } from '../strategy/needs.js';

/** Where and how much of an indicator to keep. */
export interface IndicatorOptions {
  /** Compute it on closed bars of this longer interval built from the run's bars, e.g. `'4h'`. */
  readonly timeframe?: string;
  /** Values kept per line, the current one included (default 2: enough for crosses). */
  readonly history?: number;
}

/** A declared indicator: the request the engine serves, and its line names (for typed `line()`). */
export interface IndicatorDecl<L extends string = string> {
  readonly request: IndicatorRequest;
  readonly lines: readonly L[];
}

/** What a strategy reads for a declared indicator: line 0 directly, the others by (typed) name. */
export interface IndicatorOf<L extends string> extends LineValues {
  readonly lines: readonly string[];
  line(name: L): LineValues;
}

/** The values a strategy reads, one entry per declared indicator. */
export type IndicatorSet<I> = { readonly [K in keyof I]: I[K] extends IndicatorDecl<infer L> ? IndicatorOf<L> : IndicatorValues };

type Seed2 = 'sma' | 'first';
type SeedTa = 'sma' | 'talib';

function decl<L extends string>(name: string, lines: readonly L[], params: Record<string, number | string | undefined>, o: IndicatorOptions = {}): IndicatorDecl<L> {
  const clean: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  return {
    request: { name, params: clean, timeframeMs: o.timeframe === undefined ? undefined : parseInterval(o.timeframe, `${name} timeframe`), history: o.history },
    lines,
  };
}

const periodOf = (p: number | { period?: number } | undefined): number | undefined => (typeof p === 'number' ? p : p?.period);

/** Any catalogue indicator by name with its parameters (see src/indicators/README.md); lines are read by name. */
export function indicator(name: string, params: Readonly<Record<string, number | string>> = {}, o?: IndicatorOptions): IndicatorDecl {
  return decl(name, [], { ...params }, o);
}

/**
 * A custom indicator: `create` builds one instance per symbol implementing the `Indicator` interface
 * (update(open, high, low, close, volume), lines, value(line), lineReady(line)). `id` names it; equal ids
 * with equal `params` share one instance, so give different ids to different computations.
 */
export function custom<L extends string = ''>(id: string, create: () => Indicator, o?: IndicatorOptions & { readonly params?: Readonly<Record<string, number | string>> }): IndicatorDecl<L> {
  const d = decl<L>(id, [], { ...(o?.params ?? {}) }, o);
  return { request: { ...d.request, create }, lines: [] };
}

/** The catalogue as typed builders: `sma(20)`, `macd({ fast: 12, slow: 26, signal: 9 })`, `atr(14, { timeframe: '1h' })`. */
export const indicators = {
  sma: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('sma', [''], { period: periodOf(p) }, o),
  ema: (p?: number | { period?: number; seed?: Seed2 }, o?: IndicatorOptions) => decl('ema', [''], { period: periodOf(p), seed: typeof p === 'object' ? p.seed : undefined }, o),
  wma: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('wma', [''], { period: periodOf(p) }, o),
  dema: (p?: number | { period?: number; seed?: Seed2 }, o?: IndicatorOptions) => decl('dema', [''], { period: periodOf(p), seed: typeof p === 'object' ? p.seed : undefined }, o),
  tema: (p?: number | { period?: number; seed?: Seed2 }, o?: IndicatorOptions) => decl('tema', [''], { period: periodOf(p), seed: typeof p === 'object' ? p.seed : undefined }, o),
  kama: (p: { period?: number; fast?: number; slow?: number; seed?: SeedTa } = {}, o?: IndicatorOptions) => decl('kama', [''], { ...p }, o),
  rsi: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('rsi', [''], { period: periodOf(p) }, o),
  atr: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('atr', [''], { period: periodOf(p) }, o),
  adx: (p?: number | { period?: number; seed?: SeedTa }, o?: IndicatorOptions) => decl('adx', [''], { period: periodOf(p), seed: typeof p === 'object' ? p.seed : undefined }, o),
  dmi: (p?: number | { period?: number; seed?: SeedTa }, o?: IndicatorOptions) => decl('dmi', ['plus', 'minus'], { period: periodOf(p), seed: typeof p === 'object' ? p.seed : undefined }, o),
  macd: (p: { fast?: number; slow?: number; signal?: number; seed?: 'sma' | 'first' | 'talib' } = {}, o?: IndicatorOptions) => decl('macd', ['macd', 'signal', 'hist'], { ...p }, o),
  bbands: (p: { period?: number; dev?: number } = {}, o?: IndicatorOptions) => decl('bbands', ['top', 'mid', 'bot'], { ...p }, o),
  stoch: (p: { period?: number; k?: number; d?: number } = {}, o?: IndicatorOptions) => decl('stoch', ['k', 'd'], { ...p }, o),
  stochrsi: (p: { period?: number; stoch?: number; k?: number; d?: number } = {}, o?: IndicatorOptions) => decl('stochrsi', ['k', 'd'], { ...p }, o),
  cci: (p: { period?: number; factor?: number; meandev?: 'sma' | 'window' } = {}, o?: IndicatorOptions) => decl('cci', [''], { ...p }, o),
  roc: (p: { period?: number; scale?: number } = {}, o?: IndicatorOptions) => decl('roc', [''], { ...p }, o),
  momentum: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('momentum', [''], { period: periodOf(p) }, o),
  willr: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('willr', [''], { period: periodOf(p) }, o),
  obv: (p: { seed?: 'first' | 'zero' } = {}, o?: IndicatorOptions) => decl('obv', [''], { ...p }, o),
  vwap: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('vwap', [''], { period: periodOf(p) }, o),
  donchian: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('donchian', ['top', 'mid', 'bot'], { period: periodOf(p) }, o),
  aroon: (p?: number | { period?: number }, o?: IndicatorOptions) => decl('aroon', ['up', 'down'], { period: periodOf(p) }, o),
  trix: (p?: number | { period?: number; seed?: Seed2 }, o?: IndicatorOptions) => decl('trix', [''], { period: periodOf(p), seed: typeof p === 'object' ? p.seed : undefined }, o),
  ultosc: (p: { p1?: number; p2?: number; p3?: number } = {}, o?: IndicatorOptions) => decl('ultosc', [''], { ...p }, o),
  psar: (p: { af?: number; afmax?: number } = {}, o?: IndicatorOptions) => decl('psar', [''], { ...p }, o),
  ichimoku: (p: { tenkan?: number; kijun?: number; senkou?: number; displacement?: number } = {}, o?: IndicatorOptions) =>
    decl('ichimoku', ['tenkan', 'kijun', 'senkou_a', 'senkou_b', 'chikou'], { ...p }, o),
};

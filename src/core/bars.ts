// Columnar OHLCV bar series: one symbol's candles in typed arrays (8 bytes per field per bar).
import { BadInputError } from './errors.js';
import { grown } from './typed-arrays.js';
import { quoteJson } from './quote-input.js';

/** One bar of one symbol (read-only view). Passed as an object so hot calls box no doubles. */
export interface Bar {
  readonly symbol: string;
  /** Bar open time, ms UTC. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bars of one symbol, oldest first, times strictly increasing. Times are bar open, ms UTC. */
export interface BarSeries {
  readonly symbol: string;
  /** Bar interval in ms when known (e.g. 60000 for 1m), else undefined. */
  readonly intervalMs: number | undefined;
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Most decimals seen in any price of the source (the price grid), when known. */
  readonly priceDecimals: number | undefined;
}

/** Growable builder used by parsers; `finish()` trims to length and checks ordering. */
export class BarSeriesBuilder {
  private n = 0;
  private cap: number;
  private t: Float64Array;
  private o: Float64Array;
  private h: Float64Array;
  private l: Float64Array;
  private c: Float64Array;
  private v: Float64Array;
  private decimals = 0;

  constructor(
    readonly symbol: string,
    initialCapacity = 1024,
  ) {
    this.cap = Math.max(16, initialCapacity);
    this.t = new Float64Array(this.cap);
    this.o = new Float64Array(this.cap);
    this.h = new Float64Array(this.cap);
    this.l = new Float64Array(this.cap);
    this.c = new Float64Array(this.cap);
    this.v = new Float64Array(this.cap);
  }

  get length(): number {
    return this.n;
  }

  /** Notes that a price had `d` decimals in the source text (for the price grid). */
  noteDecimals(d: number): void {
    if (d > this.decimals) this.decimals = d;
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.t[i] = time;
    this.o[i] = open;
    this.h[i] = high;
    this.l[i] = low;
    this.c[i] = close;
    this.v[i] = volume;
  }

  lastTime(): number | undefined {
    return this.n === 0 ? undefined : this.t[this.n - 1];
  }

  private grow(): void {
    const cap = (this.cap *= 2);
    this.t = grown(this.t, cap);
    this.o = grown(this.o, cap);
    this.h = grown(this.h, cap);
    this.l = grown(this.l, cap);
    this.c = grown(this.c, cap);
    this.v = grown(this.v, cap);
  }

  /** Builds the series; `where` names the source for errors. */
  finish(where: string, intervalMs?: number, priceDecimals?: number): BarSeries {
    const n = this.n;
    for (let i = 1; i < n; i++) {
      if (!(this.t[i] > this.t[i - 1])) {
        throw new BadInputError(where, `${this.symbol}: bar times not strictly increasing at bar ${i + 1} (${new Date(this.t[i]).toISOString()})`);
      }
    }
    // Keep the columns only as large as the data: a capacity estimate (or doubling) can leave
    // ~40 % slack, which a view would hold for the life of the series.
    const trim = this.cap - n > n / 16;
    const col = (a: Float64Array): Float64Array => (trim ? a.slice(0, n) : a.subarray(0, n));
    return {
      symbol: this.symbol,
      intervalMs: intervalMs ?? inferIntervalMs(this.t, n),
      length: n,
      time: col(this.t),
      open: col(this.o),
      high: col(this.h),
      low: col(this.l),
      close: col(this.c),
      volume: col(this.v),
      priceDecimals: priceDecimals ?? this.decimals,
    };
  }
}

/** The most common gap between consecutive bars, or undefined for fewer than 2 bars. */
export function inferIntervalMs(time: Float64Array, n = time.length): number | undefined {
  if (n < 2) return undefined;
  const counts = new Map<number, number>();
  const m = Math.min(n, 1000);
  for (let i = 1; i < m; i++) {
    const d = time[i] - time[i - 1];
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== undefined && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/** Restricts a series to bars with from ≤ time < to (either bound optional). */
export function sliceBars(s: BarSeries, from?: number, to?: number): BarSeries {
  let a = 0;
  let b = s.length;
  if (from !== undefined) while (a < b && s.time[a] < from) a++;
  if (to !== undefined) while (b > a && s.time[b - 1] >= to) b--;
  if (a === 0 && b === s.length) return s;
  return {
    ...s,
    length: b - a,
    time: s.time.subarray(a, b),
    open: s.open.subarray(a, b),
    high: s.high.subarray(a, b),
    low: s.low.subarray(a, b),
    close: s.close.subarray(a, b),
    volume: s.volume.subarray(a, b),
  };
}

const INTERVALS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const DAY_MS = 86_400_000;

/**
 * Where bars of a fixed interval open: phase + k × interval. The phase is 0 (multiples since the
 * epoch; UTC midnight for 1d) except for whole weeks, which open on Monday 00:00 UTC as venues'
 * weekly candles do (1970-01-01 was a Thursday).
 */
export function barGridPhase(intervalMs: number): number {
  return intervalMs % (7 * DAY_MS) === 0 ? 4 * DAY_MS : 0;
}

/** Open time of the bar of `intervalMs` that holds `time` (the last grid time at or before it; times before 1970 too). */
export function barOpenAt(time: number, intervalMs: number): number {
  const phase = barGridPhase(intervalMs);
  return phase + Math.floor((time - phase) / intervalMs) * intervalMs;
}

/** Parses an interval like `1m`, `15m`, `1h`, `1d`, `1w` into ms. */
export function parseInterval(text: string, where = 'interval'): number {
  const m = /^(\d+)([smhdw])$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new BadInputError(where, `expected an interval like 1m, 1h or 1d, got ${quoteJson(text)}`);
  return Number(m[1]) * INTERVALS[m[2]];
}

/** Formats ms as the shortest interval label (60000 → "1m"). */
export function formatInterval(ms: number): string {
  for (const u of ['w', 'd', 'h', 'm', 's']) {
    const k = INTERVALS[u];
    if (ms % k === 0) return `${ms / k}${u}`;
  }
  return `${ms}ms`;
}

/**
 * The candle intervals venues name (Hyperliquid's list, the one list every part reads). All but
 * `1M` have a fixed length; `1M` is a calendar month.
 */
export const CANDLE_INTERVALS: readonly string[] = Object.freeze(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '8h', '12h', '1d', '3d', '1w', '1M']);

/** The candle intervals of a fixed length (CANDLE_INTERVALS without the calendar month). */
export const FIXED_CANDLE_INTERVALS: readonly string[] = Object.freeze(CANDLE_INTERVALS.filter((i) => i !== '1M'));

/** Length in ms of a candle interval of fixed length; undefined for `1M` and labels not in CANDLE_INTERVALS. */
export function candleIntervalMs(label: string): number | undefined {
  return FIXED_CANDLE_INTERVALS.includes(label) ? parseInterval(label) : undefined;
}

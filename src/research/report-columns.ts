// The report's compact numeric columns: values quantised to 10^-k, delta + zigzag varints (decoded by report-decoder-js.ts).
import { grown } from '../core/typed-arrays.js';

/**
 * Where a column sits in the byte stream: byte offset, value count, decimals (value = integer / 10^k),
 * and the order of differences stored: 0 the integers themselves, 1 steps, 2 changes of steps
 * (smooth lines such as moving averages step by nearly the same amount bar after bar).
 */
export interface ColumnRef {
  readonly o: number;
  readonly n: number;
  readonly k: number;
  readonly d: 0 | 1 | 2;
}

/** A bar series' prices: close as steps; open, high and low against the close before / the bar's own body (small numbers). */
export interface BarsRef {
  readonly c: ColumnRef;
  /** open − previous close (the gap; 0 for the first bar: the open itself). */
  readonly o: ColumnRef;
  /** high − max(open, close). */
  readonly h: ColumnRef;
  /** min(open, close) − low. */
  readonly l: ColumnRef;
}

/** Integers beyond 2^52 lose their unit digit in a double: decimals are cut so |q| stays below. */
const MAX_Q = 2 ** 52;

/**
 * Decimals that keep `digits` significant digits of the largest magnitude in `values` (NaN ignored):
 * prices without a known grid, volumes, indicator lines.
 */
export function relativeDecimals(values: ArrayLike<number>, digits: number, from = 0, to = values.length): number {
  let max = 0;
  for (let i = from; i < to; i++) {
    const a = Math.abs(values[i]);
    if (a > max && a !== Infinity) max = a;
  }
  if (max === 0) return 0;
  return Math.max(-12, Math.min(12, digits - 1 - Math.floor(Math.log10(max))));
}

/**
 * Appends columns to one byte stream. Token per value: 0 = no value (NaN), else zigzag(q − previous
 * q) + 1 as an unsigned LEB128 varint, q = round(value · 10^k). Smooth series (prices on a grid,
 * times on a fixed interval) cost 1–2 bytes a value before gzip; arithmetic instead of bit
 * operations because q may exceed 32 bits (ms times, cents of large equities).
 */
export class ColumnWriter {
  private buf = new Uint8Array(1 << 16);
  private len = 0;

  put(values: ArrayLike<number>, k: number, from = 0, to = values.length, order: 0 | 1 | 2 = 1): ColumnRef {
    let max = 0;
    for (let i = from; i < to; i++) {
      const a = Math.abs(values[i]);
      if (a > max && a !== Infinity) max = a;
    }
    while (k > -12 && max * 10 ** k >= MAX_Q) k--;
    const ref: ColumnRef = { o: this.len, n: to - from, k, d: order };
    const mul = 10 ** Math.abs(k);
    let prev = 0;
    let prevStep = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) {
        this.byte(0);
        continue;
      }
      const q = k >= 0 ? Math.round(v * mul) : Math.round(v / mul);
      const step = q - prev;
      const d = order === 0 ? q : order === 1 ? step : step - prevStep;
      prev = q;
      prevStep = step;
      let z = (d >= 0 ? 2 * d : -2 * d - 1) + 1;
      while (z >= 128) {
        this.byte((z % 128) | 128);
        z = Math.floor(z / 128);
      }
      this.byte(z);
    }
    return ref;
  }

  /** The four price columns of bars on a grid of 10^-k: OHLC bars mostly differ by a few ticks from each other. */
  putBars(open: ArrayLike<number>, high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, k: number): BarsRef {
    const n = close.length;
    const gap = new Float64Array(n);
    const upper = new Float64Array(n);
    const lower = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      gap[i] = i === 0 ? open[0] : open[i] - close[i - 1];
      upper[i] = high[i] - Math.max(open[i], close[i]);
      lower[i] = Math.min(open[i], close[i]) - low[i];
    }
    // One k for all four, chosen on the largest price, so the differences add up in integers.
    let max = 0;
    for (let i = 0; i < n; i++) if (Math.abs(high[i]) > max) max = Math.abs(high[i]);
    while (k > -12 && max * 10 ** k >= MAX_Q) k--;
    return { c: this.put(close, k), o: this.put(gap, k, 0, n, 0), h: this.put(upper, k, 0, n, 0), l: this.put(lower, k, 0, n, 0) };
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  private byte(b: number): void {
    if (this.len === this.buf.length) this.buf = grown(this.buf, this.buf.length * 2);
    this.buf[this.len++] = b;
  }
}

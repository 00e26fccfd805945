// The report's compact numeric columns: values quantised to 10^-k, delta + zigzag varints (decoded by report-decoder-js.ts).
import { grown } from '../core/typed-arrays.js';

/** Where a column sits in the byte stream: byte offset, value count, decimals (value = integer / 10^k). */
export interface ColumnRef {
  readonly o: number;
  readonly n: number;
  readonly k: number;
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

  put(values: ArrayLike<number>, k: number, from = 0, to = values.length): ColumnRef {
    let max = 0;
    for (let i = from; i < to; i++) {
      const a = Math.abs(values[i]);
      if (a > max && a !== Infinity) max = a;
    }
    while (k > -12 && max * 10 ** k >= MAX_Q) k--;
    const ref: ColumnRef = { o: this.len, n: to - from, k };
    const mul = 10 ** Math.abs(k);
    let prev = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) {
        this.byte(0);
        continue;
      }
      const q = k >= 0 ? Math.round(v * mul) : Math.round(v / mul);
      const d = q - prev;
      prev = q;
      let z = (d >= 0 ? 2 * d : -2 * d - 1) + 1;
      while (z >= 128) {
        this.byte((z % 128) | 128);
        z = Math.floor(z / 128);
      }
      this.byte(z);
    }
    return ref;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  private byte(b: number): void {
    if (this.len === this.buf.length) this.buf = grown(this.buf, this.buf.length * 2);
    this.buf[this.len++] = b;
  }
}

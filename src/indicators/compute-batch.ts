// Runs an indicator over a whole BarSeries and returns each line as a Float64Array with its valid range.
import type { BarSeries } from '../core/bars.js';
import type { Indicator } from './indicator.js';

/**
 * One output line. Only `values[first..end)` hold values; outside that range the array holds NaN as filler,
 * which callers should not test for — use the range. `first === end` when the line never became valid.
 * `end < length` only for a line with a negative shift (Ichimoku chikou: its last |shift| bars have no value).
 */
export interface BatchLine {
  /** Line name, '' for single-line indicators. */
  readonly name: string;
  readonly values: Float64Array;
  /** First index with a value. */
  readonly first: number;
  /** One past the last index with a value. */
  readonly end: number;
}

/**
 * Feeds every bar of `bars` into `ind` (normally fresh from createIndicator) and records each line where it is
 * plotted: stream step i goes to index i + shift. Values are exactly what streaming gives.
 */
export function computeBatch(ind: Indicator, bars: BarSeries): BatchLine[] {
  const n = bars.length;
  const k = ind.lines.length;
  const out: Float64Array[] = [];
  const first: number[] = [];
  const end: number[] = [];
  for (let j = 0; j < k; j++) {
    out.push(new Float64Array(n).fill(NaN));
    first.push(-1);
    end.push(0);
  }
  const shifts = ind.shifts;
  const { open, high, low, close, volume } = bars;
  for (let i = 0; i < n; i++) {
    ind.update(open[i], high[i], low[i], close[i], volume[i]);
    for (let j = 0; j < k; j++) {
      if (!ind.lineReady(j)) continue;
      const at = i + shifts[j];
      if (at < 0 || at >= n) continue;
      out[j][at] = ind.value(j);
      if (first[j] < 0) first[j] = at;
      end[j] = at + 1;
    }
  }
  return ind.lines.map((name, j) => ({ name, values: out[j], first: first[j] < 0 ? n : first[j], end: first[j] < 0 ? n : end[j] }));
}

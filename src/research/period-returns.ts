// Calendar-month and calendar-year returns (UTC) of an equity curve, and the equal-weight buy-and-hold benchmark.
import type { BarSeries } from '../core/bars.js';

/** Return of one calendar period; `month` is 0–11, or null for a whole year. NaN when it started at equity ≤ 0. */
export interface PeriodReturn {
  readonly year: number;
  readonly month: number | null;
  readonly ret: number;
}

/**
 * Each period's return runs from the equity at the end of the previous period (initial cash for the
 * first) to the last equity inside it, so the periods chain to the total return. Periods without an
 * equity point (gaps in the data) do not appear.
 */
export function periodReturns(time: Float64Array, equity: Float64Array, initial: number, by: 'month' | 'year'): PeriodReturn[] {
  const out: PeriodReturn[] = [];
  let start = initial;
  let key = NaN;
  let year = 0;
  let month = 0;
  const close = (end: number): void => {
    out.push({ year, month: by === 'month' ? month : null, ret: start > 0 ? (end - start) / start : NaN });
    start = end;
  };
  for (let i = 0; i < time.length; i++) {
    const d = new Date(time[i]);
    const y = d.getUTCFullYear();
    const m = by === 'month' ? d.getUTCMonth() : 0;
    const k = y * 12 + m;
    if (k !== key) {
      if (i > 0) close(equity[i - 1]);
      key = k;
      year = y;
      month = m;
    }
  }
  if (time.length > 0) close(equity[time.length - 1]);
  return out;
}

/**
 * Buy-and-hold at each equity time: the initial cash split equally over the symbols with bars, each
 * part bought at the symbol's first close and valued at its latest close (a symbol whose first bar
 * is still ahead holds its part as cash). No fees, no funding.
 */
export function buyAndHold(time: Float64Array, bars: readonly BarSeries[], initial: number): Float64Array {
  const series = bars.filter((s) => s.length > 0);
  const out = new Float64Array(time.length);
  const at = new Int32Array(series.length).fill(-1);
  const part = initial / Math.max(1, series.length);
  for (let i = 0; i < time.length; i++) {
    let v = series.length === 0 ? initial : 0;
    for (let k = 0; k < series.length; k++) {
      const s = series[k];
      let j = at[k];
      while (j + 1 < s.length && s.time[j + 1] <= time[i]) j++;
      at[k] = j;
      v += j < 0 ? part : (part * s.close[j]) / s.close[0];
    }
    out[i] = v;
  }
  return out;
}

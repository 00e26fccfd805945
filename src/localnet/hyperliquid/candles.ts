// Candles of every venue interval built from trades (and a seeded one-minute history before the start).
import { barOpenAt, CANDLE_INTERVALS, candleIntervalMs } from '../../core/bars.js';

/** The local venue's calendar month: 30 days (a simplification; the real venue follows the calendar). */
const MONTH_MS = 30 * 86_400_000;

/** Every venue interval and its length in ms. */
export const INTERVALS: Readonly<Record<string, number>> = Object.fromEntries(CANDLE_INTERVALS.map((i) => [i, candleIntervalMs(i) ?? MONTH_MS]));

/** The venue keeps only the newest 5000 candles of an interval. */
const KEEP = 5_000;

export interface Candle {
  /** Open time and close time (open + interval − 1), ms. */
  readonly t: number;
  readonly T: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
}

/** Open time of the candle holding `time`. Weeks start on Monday and months on the 1st, UTC, as on the venue. */
export function candleOpen(interval: string, time: number): number {
  if (interval === '1M') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  return barOpenAt(time, INTERVALS[interval]);
}

function candleClose(interval: string, open: number): number {
  if (interval === '1M') {
    const d = new Date(open);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
  }
  return open + INTERVALS[interval] - 1;
}

/** All intervals of one symbol. */
export class CandleSeries {
  private readonly byInterval = new Map<string, Candle[]>();

  constructor() {
    for (const i of Object.keys(INTERVALS)) this.byInterval.set(i, []);
  }

  /** Adds a trade (or a history segment: open/high/low/close with volume and count) at `time`. */
  add(time: number, o: number, h: number, l: number, c: number, v: number, n: number): void {
    for (const [interval, list] of this.byInterval) {
      const open = candleOpen(interval, time);
      const last = list[list.length - 1];
      if (last !== undefined && last.t === open) {
        if (h > last.h) last.h = h;
        if (l < last.l) last.l = l;
        last.c = c;
        last.v += v;
        last.n += n;
      } else if (last === undefined || open > last.t) {
        list.push({ t: open, T: candleClose(interval, open), o, h, l, c, v, n });
        if (list.length > KEEP) list.splice(0, list.length - KEEP);
      }
    }
  }

  /** Candles overlapping [start, end], oldest first. */
  range(interval: string, start: number, end: number): readonly Candle[] {
    const list = this.byInterval.get(interval) ?? [];
    return list.filter((c) => c.T >= start && c.t <= end);
  }

  latest(interval: string): Candle | undefined {
    const list = this.byInterval.get(interval);
    return list === undefined ? undefined : list[list.length - 1];
  }
}

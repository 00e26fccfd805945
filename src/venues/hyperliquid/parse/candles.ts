// Hyperliquid candles (WS `candle`, REST candleSnapshot) to CandleData and to a columnar BarSeries.
import { BarSeriesBuilder, CANDLE_INTERVALS, parseInterval, type BarSeries } from '../../../core/bars.js';
import { arr, fieldError, int, nonNegDec, obj, posDec, text } from '../wire/json-fields.js';
import { writtenDecimals } from '../wire/decimal.js';
import type { CandleData } from './market-types.js';

/** A candle with the coin it belongs to. */
export interface HlCandle extends CandleData {
  readonly coin: string;
}

const INTERVALS: ReadonlySet<string> = new Set(CANDLE_INTERVALS);

/** `{t, T, s, i, o, c, h, l, v, n}`: times ms, OHLCV decimal strings, n trades. */
export function parseCandle(v: unknown, where: string, path: string): HlCandle {
  const o = obj(v, where, path);
  const interval = text(o.i, where, `${path}.i`);
  if (!INTERVALS.has(interval)) fieldError(where, `${path}.i`, 'an interval (1m … 1M)', o.i);
  const c: HlCandle = {
    coin: text(o.s, where, `${path}.s`),
    interval,
    openTime: int(o.t, where, `${path}.t`),
    closeTime: int(o.T, where, `${path}.T`),
    open: posDec(o.o, where, `${path}.o`),
    high: posDec(o.h, where, `${path}.h`),
    low: posDec(o.l, where, `${path}.l`),
    close: posDec(o.c, where, `${path}.c`),
    volume: nonNegDec(o.v, where, `${path}.v`),
    trades: int(o.n, where, `${path}.n`),
  };
  if (!(c.closeTime >= c.openTime)) fieldError(where, `${path}.T`, `a close time ≥ the open time ${c.openTime}`, o.T);
  if (!(c.low <= c.open && c.low <= c.close && c.high >= c.open && c.high >= c.close)) {
    fieldError(where, path, 'low ≤ open, close ≤ high', { o: o.o, h: o.h, l: o.l, c: o.c });
  }
  return c;
}

/** REST candleSnapshot body: candles oldest first. */
export function parseCandles(body: unknown, where = 'hyperliquid info candleSnapshot'): HlCandle[] {
  const a = arr(body, where, 'body');
  const out: HlCandle[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = parseCandle(a[i], where, `[${i}]`);
  return out;
}

/**
 * REST candleSnapshot body as a BarSeries (bar open times, base volume). `symbol` is required
 * because an empty snapshot names no coin; every candle must belong to it. The interval comes
 * from the candles (`1M`, calendar months, has none in ms).
 */
export function candleSnapshotToBars(body: unknown, symbol: string, where = 'hyperliquid info candleSnapshot'): BarSeries {
  const a = arr(body, where, 'body');
  const b = new BarSeriesBuilder(symbol, a.length);
  let interval: string | undefined;
  for (let i = 0; i < a.length; i++) {
    const c = parseCandle(a[i], where, `[${i}]`);
    if (c.coin !== symbol) fieldError(where, `[${i}].s`, JSON.stringify(symbol), c.coin);
    if (interval !== undefined && c.interval !== interval) fieldError(where, `[${i}].i`, JSON.stringify(interval), c.interval);
    interval = c.interval;
    const prev = b.lastTime();
    if (prev !== undefined && !(c.openTime > prev)) fieldError(where, `[${i}].t`, `a time after the previous candle's ${prev}`, c.openTime);
    const o = a[i] as Record<string, string>;
    b.noteDecimals(Math.max(writtenDecimals(o.o), writtenDecimals(o.h), writtenDecimals(o.l), writtenDecimals(o.c)));
    b.push(c.openTime, c.open, c.high, c.low, c.close, c.volume);
  }
  const ms = interval === undefined || interval === '1M' ? undefined : parseInterval(interval, where);
  return b.finish(where, ms);
}

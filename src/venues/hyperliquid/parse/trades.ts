// Hyperliquid trades (WS `trades` data, REST recentTrades): the JSON.parse reference path.
import type { Side } from '../../../core/orders.js';
import { arr, fieldError, int, posDec, text, type JsonObject } from '../wire/json-fields.js';
import { parseSide } from './sides.js';

/** One public trade. `side` is the aggressor: buy lifted an ask, sell hit a bid. */
export interface HlRawTrade {
  readonly coin: string;
  readonly side: Side;
  readonly price: number;
  readonly size: number;
  /** Venue time, ms UTC. */
  readonly time: number;
  /** Venue trade id (unique per coin); `users`, `hash` are not read. */
  readonly tid: number;
}

/** Reads `[{coin, side, px, sz, time, tid, hash, users}]`. */
export function parseTrades(data: unknown, where: string): HlRawTrade[] {
  const a = arr(data, where, 'data');
  const out: HlRawTrade[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const t = a[i];
    if (typeof t !== 'object' || t === null || Array.isArray(t)) fieldError(where, `[${i}]`, 'an object', t);
    const o = t as JsonObject;
    out[i] = {
      coin: text(o.coin, where, `[${i}].coin`),
      side: parseSide(o.side, where, `[${i}].side`),
      price: posDec(o.px, where, `[${i}].px`),
      size: posDec(o.sz, where, `[${i}].sz`),
      time: int(o.time, where, `[${i}].time`),
      tid: int(o.tid, where, `[${i}].tid`),
    };
  }
  return out;
}

// Hyperliquid l2Book payloads (WS channel data, REST /info l2Book body) to flat [price, size] pairs: the JSON.parse reference path.
import { fieldError, int, obj, arr, posDec, text, type JsonObject } from '../wire/json-fields.js';

/** One l2Book snapshot as the venue sent it: bids best (highest) first, asks best (lowest) first. */
export interface HlRawBook {
  readonly coin: string;
  /** Venue time of the snapshot, ms UTC. */
  readonly time: number;
  /** Flat [price, size, …], best first, exact length. */
  readonly bids: Float64Array;
  readonly asks: Float64Array;
}

/** Path of level `i` of side `side` (0 bids, 1 asks), as errors name it. */
export function levelPath(side: number, i: number, field?: string): string {
  return field === undefined ? `levels[${side}][${i}]` : `levels[${side}][${i}].${field}`;
}

/**
 * A snapshot side out of order (or a repeated price) means the frame is corrupt, not that the
 * book moved: reject it rather than let the ladder sort a wrong book into a plausible one.
 */
export function orderError(side: number, prev: number): string {
  return side === 0 ? `a price below the previous bid ${prev}` : `a price above the previous ask ${prev}`;
}

function side(v: unknown, s: number, where: string): Float64Array {
  const levels = arr(v, where, `levels[${s}]`);
  const out = new Float64Array(levels.length * 2);
  let prev = s === 0 ? Number.POSITIVE_INFINITY : 0;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    if (typeof l !== 'object' || l === null || Array.isArray(l)) fieldError(where, levelPath(s, i), 'an object', l);
    const o = l as JsonObject;
    const px = posDec(o.px, where, levelPath(s, i, 'px'));
    if (s === 0 ? !(px < prev) : !(px > prev)) fieldError(where, levelPath(s, i, 'px'), orderError(s, prev), o.px);
    const sz = posDec(o.sz, where, levelPath(s, i, 'sz'));
    out[2 * i] = px;
    out[2 * i + 1] = sz;
    prev = px;
  }
  return out;
}

/**
 * Reads `{coin, time, levels: [bids, asks]}`; level `{px, sz, n}` (`n`, the order count, is not
 * used and not read). Prices and sizes must be positive decimals, each side strictly ordered.
 */
export function parseL2Book(data: unknown, where: string): HlRawBook {
  const o = obj(data, where, 'data');
  const coin = text(o.coin, where, 'coin');
  const time = int(o.time, where, 'time');
  const levels = arr(o.levels, where, 'levels');
  if (levels.length !== 2) fieldError(where, 'levels', '[bids, asks]', o.levels);
  return { coin, time, bids: side(levels[0], 0, where), asks: side(levels[1], 1, where) };
}

/** REST `l2Book`: the same shape, or null for a coin the venue does not know (→ undefined). */
export function parseL2BookResponse(body: unknown, where = 'hyperliquid info l2Book'): HlRawBook | undefined {
  return body === null ? undefined : parseL2Book(body, where);
}

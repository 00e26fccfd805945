// Tick-level market event types for the envelope (`market.trade`, `market.book`) and their validating constructors.
import { envelope, type Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import type { Side } from '../core/orders.js';

/**
 * Times: `tsEvent` and `tsInit` are ms since the epoch, UTC, like every time in Sextant; sources
 * with µs resolution give fractional ms (µs / 1000), which keeps their order and distinctness.
 */
export interface TradeData {
  readonly price: number;
  readonly size: number;
  /** The aggressor (taker) side: `buy` lifted an ask, `sell` hit a bid. */
  readonly side: Side;
  /** The venue's trade id (free text, unique per venue and symbol). */
  readonly tradeId: string;
}

/**
 * Levels are flat [price0, size0, price1, size1, …] per side (one typed array per side instead of
 * an object per level). In a delta, size 0 deletes the level; in a snapshot, size-0 pairs are
 * ignored. The arrays belong to the event: do not mutate them.
 */
export interface BookData {
  /** True: replaces the whole book; false: level updates. */
  readonly snapshot: boolean;
  readonly bids: Float64Array;
  readonly asks: Float64Array;
}

export type TradeEvent = Envelope<'market.trade', TradeData>;
export type BookEvent = Envelope<'market.book', BookData>;
export type MarketEvent = TradeEvent | BookEvent;

export const TRADE = 'market.trade';
export const BOOK = 'market.book';

export function isTradeEvent(e: Envelope): e is TradeEvent {
  return e.type === TRADE;
}

export function isBookEvent(e: Envelope): e is BookEvent {
  return e.type === BOOK;
}

function checkHeader(where: string, symbol: string, seq: number, tsEvent: number, tsInit: number): void {
  if (symbol === '') throw new BadInputError(where, 'empty symbol');
  if (!Number.isFinite(seq)) throw new BadInputError(where, `seq must be finite, got ${seq}`);
  if (!Number.isFinite(tsEvent)) throw new BadInputError(where, `tsEvent must be finite, got ${tsEvent}`);
  if (!Number.isFinite(tsInit)) throw new BadInputError(where, `tsInit must be finite, got ${tsInit}`);
}

/** A validated `market.trade` envelope; `where` names the input (e.g. `file.csv:17`) for errors. */
export function tradeEvent(symbol: string, source: string, seq: number, tsEvent: number, tsInit: number, data: TradeData, where = source): TradeEvent {
  checkHeader(where, symbol, seq, tsEvent, tsInit);
  if (!(Number.isFinite(data.price) && data.price > 0)) throw new BadInputError(where, `trade price must be a positive number, got ${data.price}`);
  if (!(Number.isFinite(data.size) && data.size > 0)) throw new BadInputError(where, `trade size must be a positive number, got ${data.size}`);
  if (data.side !== 'buy' && data.side !== 'sell') throw new BadInputError(where, `trade side must be buy or sell, got ${JSON.stringify(data.side)}`);
  const d: TradeData = Object.freeze({ price: data.price, size: data.size, side: data.side, tradeId: String(data.tradeId) });
  return envelope(TRADE, symbol, source, seq, tsEvent, tsInit, d);
}

function checkLevels(where: string, name: string, levels: Float64Array): void {
  if (!(levels instanceof Float64Array)) throw new BadInputError(where, `${name}: expected a Float64Array of [price, size] pairs`);
  if (levels.length % 2 !== 0) throw new BadInputError(where, `${name}: expected [price, size] pairs, got an odd length ${levels.length}`);
  for (let i = 0; i < levels.length; i += 2) {
    const p = levels[i];
    const s = levels[i + 1];
    if (!(Number.isFinite(p) && p > 0)) throw new BadInputError(where, `${name} level ${i / 2}: price must be a positive number, got ${p}`);
    if (!(Number.isFinite(s) && s >= 0)) throw new BadInputError(where, `${name} level ${i / 2}: size must be a number ≥ 0, got ${s}`);
  }
}

/** A validated `market.book` envelope (snapshot or delta). */
export function bookEvent(symbol: string, source: string, seq: number, tsEvent: number, tsInit: number, data: BookData, where = source): BookEvent {
  checkHeader(where, symbol, seq, tsEvent, tsInit);
  checkLevels(where, 'bids', data.bids);
  checkLevels(where, 'asks', data.asks);
  const d: BookData = Object.freeze({ snapshot: data.snapshot === true, bids: data.bids, asks: data.asks });
  return envelope(BOOK, symbol, source, seq, tsEvent, tsInit, d);
}

/** Flat level pairs from [[price, size], …] (tests and small inputs). */
export function levelPairs(levels: readonly (readonly [number, number])[]): Float64Array {
  const out = new Float64Array(levels.length * 2);
  for (let i = 0; i < levels.length; i++) {
    out[2 * i] = levels[i][0];
    out[2 * i + 1] = levels[i][1];
  }
  return out;
}

// A batch's trades as columns: what a recorder appends per trade without building an object, and what the store reads back as TradeRows.
import type { Side } from '../core/orders.js';
import { grown } from '../core/typed-arrays.js';
import type { TradeRow } from './recording-port.js';

/**
 * Append-only columns of trades, in arrival order. A recorder pushes some thousands per batch; an
 * object per trade would be garbage the young generation copies before the batch is written.
 * Read the columns below `length` only (they have spare capacity).
 */
export class TradeColumns {
  private n = 0;
  /** Symbol of each trade (the same string object for a run of one symbol). */
  symbol: string[] = [];
  /** Venue time, ms UTC. */
  time: Float64Array;
  /** The venue's trade id: a non-negative safe integer. */
  id: Float64Array;
  price: Float64Array;
  qty: Float64Array;
  /** 1 buy aggressor, 0 sell aggressor. */
  buy: Uint8Array;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.id = new Float64Array(capacity);
    this.price = new Float64Array(capacity);
    this.qty = new Float64Array(capacity);
    this.buy = new Uint8Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  push(symbol: string, time: number, id: number, side: Side, price: number, qty: number): void {
    const i = this.n;
    if (i === this.time.length) this.grow();
    this.symbol[i] = symbol;
    this.time[i] = time;
    this.id[i] = id;
    this.price[i] = price;
    this.qty[i] = qty;
    this.buy[i] = side === 'buy' ? 1 : 0;
    this.n = i + 1;
  }

  /** Appends trade `i` of `from`. */
  copyFrom(from: TradeColumns, i: number): void {
    this.push(from.symbol[i], from.time[i], from.id[i], from.buy[i] === 1 ? 'buy' : 'sell', from.price[i], from.qty[i]);
  }

  /** The filled part of the columns (views, not copies). */
  filled(): { readonly n: number; readonly time: Float64Array; readonly id: Float64Array; readonly price: Float64Array; readonly qty: Float64Array; readonly buy: Uint8Array } {
    const n = this.n;
    return { n, time: this.time.subarray(0, n), id: this.id.subarray(0, n), price: this.price.subarray(0, n), qty: this.qty.subarray(0, n), buy: this.buy.subarray(0, n) };
  }

  /** Drops the trades from index `length` on (a frame that failed half-way leaves none behind). */
  truncate(length: number): void {
    if (length < this.n) {
      this.n = length;
      this.symbol.length = length;
    }
  }

  static of(rows: readonly TradeRow[]): TradeColumns {
    const c = new TradeColumns(Math.max(1, rows.length));
    for (const r of rows) c.push(r.symbol, r.time, r.tradeId, r.side, r.price, r.qty);
    return c;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    this.time = grown(this.time, cap);
    this.id = grown(this.id, cap);
    this.price = grown(this.price, cap);
    this.qty = grown(this.qty, cap);
    this.buy = grown(this.buy, cap);
  }

}

// Walk-the-book cost: what a taker of size q pays level by level (average price, levels consumed, depth sufficiency).
import type { Side } from '../core/orders.js';
import type { OrderBook } from './order-book.js';

/** The result of a walk; reuse one object across calls (`walkResult()`) to keep the path allocation-free. */
export interface WalkResult {
  /** Quantity the visible depth (within the limit) can fill, ≤ the asked quantity. */
  filled: number;
  /** Σ price × size over the consumed levels (quote currency, before any multiplier). */
  notional: number;
  /** notional / filled; NaN when nothing fills. */
  avgPrice: number;
  /** Levels touched, the partly consumed last one included. */
  levels: number;
  /** Price of the last level touched; NaN when none. */
  lastPrice: number;
  /** True when the asked quantity fills completely. */
  sufficient: boolean;
}

export function walkResult(): WalkResult {
  return { filled: 0, notional: 0, avgPrice: NaN, levels: 0, lastPrice: NaN, sufficient: false };
}

/**
 * Walks the side a `takerSide` order takes from (a buy takes asks) for `qty`, stopping at levels
 * worse than `limit` (a buy stops above it; pass NaN for no limit). Fills within 1e-12 × qty of
 * the target count as complete, so float residue of summed decimal sizes does not report a
 * shortfall. The book is not changed: a walk prices an order, it does not consume liquidity.
 */
export function walkBook(book: OrderBook, takerSide: Side, qty: number, limit: number, out: WalkResult): WalkResult {
  const ladder = takerSide === 'buy' ? book.asks : book.bids;
  const buy = takerSide === 'buy';
  const hasLimit = limit === limit;
  const eps = qty * 1e-12;
  let remaining = qty;
  let notional = 0;
  let levels = 0;
  let last = NaN;
  const n = ladder.length;
  for (let i = 0; i < n && remaining > eps; i++) {
    const p = ladder.priceAt(i);
    if (hasLimit && (buy ? p > limit : p < limit)) break;
    const s = ladder.sizeAt(i);
    const take = s < remaining ? s : remaining;
    notional += take * p;
    remaining -= take;
    levels++;
    last = p;
  }
  const filled = remaining > eps ? qty - remaining : qty;
  out.filled = filled;
  out.notional = notional;
  out.avgPrice = filled > 0 ? notional / filled : NaN;
  out.levels = levels;
  out.lastPrice = last;
  out.sufficient = remaining <= eps;
  return out;
}

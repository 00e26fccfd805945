// What is asked of the risk manager: an order intent or a cancel, and how an order's action follows from the position.
import type { OrderType, Side } from '../core/orders.js';

export type RiskAction = 'open' | 'add' | 'reduce' | 'close' | 'cancel';

/** A new order, from a bot, the CLI or the API. Prices are in quote currency; `qty` is positive. */
export interface OrderIntent {
  readonly botId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  /** The limit price, or for market and trigger orders the reference price the caller expects. */
  readonly price: number;
  readonly type: OrderType;
  readonly reduceOnly: boolean;
  /** Derived from the position when absent; when given it must agree (entry vs exit) with the position. */
  readonly action?: Exclude<RiskAction, 'cancel'>;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
}

export interface CancelIntent {
  readonly botId: string;
  readonly symbol: string;
  readonly action: 'cancel';
  readonly clientId?: string;
}

export type RiskIntent = OrderIntent | CancelIntent;

export function isCancel(intent: RiskIntent): intent is CancelIntent {
  return intent.action === 'cancel';
}

/** Relative tolerance when comparing an order's size with the position's (both on the lot grid). */
const SIZE_TOLERANCE = 1e-9;

/**
 * The action an order performs on a position of signed size `position`: `open` from flat, `add` on
 * the same side, `reduce` / `close` on the other side up to the position's size. An order on the
 * other side larger than the position flips it: `close` when reduce-only (the venue clips it),
 * otherwise `open` (it opens a new position the other way, and entry rules apply to all of it).
 */
export function deriveAction(position: number, side: Side, qty: number, reduceOnly: boolean): Exclude<RiskAction, 'cancel'> {
  const signed = side === 'buy' ? qty : -qty;
  if (position === 0) return 'open';
  if (Math.sign(position) === Math.sign(signed)) return 'add';
  const size = Math.abs(position);
  if (qty < size * (1 - SIZE_TOLERANCE)) return 'reduce';
  if (qty <= size * (1 + SIZE_TOLERANCE) || reduceOnly) return 'close';
  return 'open';
}

export function isEntry(action: RiskAction): action is 'open' | 'add' {
  return action === 'open' || action === 'add';
}

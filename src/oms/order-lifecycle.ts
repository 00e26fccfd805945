// The order lifecycle as one transition table: (status, event) → status; anything else is an error.
import { InvariantError } from '../core/errors.js';

/**
 * `unknown`: sent, but the outcome never came back (timeout, 5xx, a dropped response); only
 * evidence (an order-status answer, a fill, an open-orders listing) moves it on, never a guess.
 * `not-placed`: the venue, asked after the send could no longer act, does not know the order: it
 * was never placed; the intent may be sent again under the same client id (`resent`).
 */
export type OrderStatus = 'submitted' | 'accepted' | 'triggered' | 'partially-filled' | 'filled' | 'cancelled' | 'rejected' | 'expired' | 'unknown' | 'not-placed';

export type OrderEventKind = 'accepted' | 'rejected' | 'triggered' | 'partially-filled' | 'filled' | 'cancelled' | 'expired' | 'outcome-unknown' | 'not-found' | 'resent';

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['filled', 'cancelled', 'rejected', 'expired', 'not-placed']);

/**
 * Rows not listed are illegal. Notes: an IOC or market order may fill straight from `submitted`
 * (the venue acknowledges and fills in one message); a trigger order fills only after `triggered`
 * or straight from `accepted` when the venue reports trigger and fill together. `unknown` leaves
 * only on evidence: any venue status the order could have reached, or `not-found`.
 */
const TABLE: Readonly<Record<OrderStatus, Partial<Record<OrderEventKind, OrderStatus>>>> = {
  submitted: { accepted: 'accepted', rejected: 'rejected', 'partially-filled': 'partially-filled', filled: 'filled', cancelled: 'cancelled', expired: 'expired', 'outcome-unknown': 'unknown' },
  unknown: { accepted: 'accepted', triggered: 'triggered', rejected: 'rejected', 'partially-filled': 'partially-filled', filled: 'filled', cancelled: 'cancelled', expired: 'expired', 'not-found': 'not-placed' },
  'not-placed': { resent: 'submitted' },
  accepted: { triggered: 'triggered', 'partially-filled': 'partially-filled', filled: 'filled', cancelled: 'cancelled', expired: 'expired', rejected: 'rejected' },
  triggered: { 'partially-filled': 'partially-filled', filled: 'filled', cancelled: 'cancelled', expired: 'expired', rejected: 'rejected' },
  'partially-filled': { 'partially-filled': 'partially-filled', filled: 'filled', cancelled: 'cancelled', expired: 'expired' },
  filled: {},
  cancelled: {},
  rejected: {},
  expired: {},
};

export function nextOrderStatus(from: OrderStatus, event: OrderEventKind, orderId: string): OrderStatus {
  const to = TABLE[from][event];
  if (to === undefined) throw new InvariantError(`order ${orderId}: illegal transition ${from} --${event}-->`);
  return to;
}

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

/** Deterministic client order id from the intent: retries and restarts never double an order. */
export function clientOrderId(strategy: string, symbol: string, side: string, decisionTime: number, n: number): string {
  return clientOrderIdPrefix(strategy, symbol, side) + decisionTime + ':' + n;
}

/** The fixed part of a client order id, so hot paths build it once per (strategy, symbol, side). */
export function clientOrderIdPrefix(strategy: string, symbol: string, side: string): string {
  return `${strategy}:${symbol}:${side}:`;
}

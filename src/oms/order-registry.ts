// The OMS's orders in memory, by cloid and by venue order id; every status change goes through the one transition table.
import { InvariantError } from '../core/errors.js';
import type { Side } from '../core/orders.js';
import type { OrderEvidence, OrderTransition } from './order-evidence.js';
import type { OrderIntent } from './order-intent.js';
import { isTerminal, nextOrderStatus, type OrderEventKind, type OrderStatus } from './order-lifecycle.js';

/** Relative tolerance for "filled in full": sizes are on a lot grid, sums of floats are not exact. */
const QTY_EPS = 1e-9;

/** One of our orders: its intent, where the lifecycle has it, and what filled. */
export interface OmsOrder {
  readonly intent: OrderIntent;
  readonly status: OrderStatus;
  readonly venueOrderId: string | undefined;
  readonly filledQty: number;
  /** When the last send went out (or the intent was stored, before the first send), ms. */
  readonly sentAt: number;
  readonly updatedAt: number;
}

/** An order seen at the venue that Sextant did not place (no cloid of ours). */
export interface ExternalOrder {
  readonly venueOrderId: string;
  readonly cloid: string | undefined;
  readonly symbol: string;
  readonly side: Side;
  readonly placedTs: number;
  readonly external: true;
}

/** The venue's word on one order, as orderStatus or an open-orders listing gives it. */
export type VenueOrderState = 'open' | 'triggered' | 'filled' | 'canceled' | 'rejected' | 'other-terminal';

/** What applying a venue state came to: a transition, nothing to do, or a contradiction for the reconciler. */
export type ApplyResult =
  | { readonly kind: 'moved'; readonly transition: OrderTransition }
  | { readonly kind: 'same' }
  | { readonly kind: 'conflict'; readonly reason: string };

/** The lifecycle event a venue state means for an order now in `current`; undefined when it is already there. */
export function eventForVenueState(current: OrderStatus, state: VenueOrderState, partlyFilled: boolean): OrderEventKind | undefined {
  switch (state) {
    case 'open':
      if (partlyFilled) return current === 'partially-filled' ? undefined : 'partially-filled';
      return current === 'submitted' || current === 'unknown' ? 'accepted' : undefined;
    case 'triggered':
      return current === 'triggered' || current === 'partially-filled' ? undefined : 'triggered';
    case 'filled':
      return current === 'filled' ? undefined : 'filled';
    case 'canceled':
    case 'other-terminal':
      return current === 'cancelled' ? undefined : 'cancelled';
    case 'rejected':
      return current === 'rejected' ? undefined : 'rejected';
  }
}

export class OrderRegistry {
  private readonly byCloid = new Map<string, OmsOrder>();
  private readonly byOid = new Map<string, string>();
  private readonly external = new Map<string, ExternalOrder>();

  /** Adds an order (from a stored intent or a new one); a second add of one cloid is a bug. */
  add(order: OmsOrder): void {
    if (this.byCloid.has(order.intent.cloid)) throw new InvariantError(`order ${order.intent.cloid} already registered`);
    this.byCloid.set(order.intent.cloid, order);
    if (order.venueOrderId !== undefined) this.byOid.set(order.venueOrderId, order.intent.cloid);
  }

  get(cloid: string): OmsOrder | undefined {
    return this.byCloid.get(cloid);
  }

  require(cloid: string): OmsOrder {
    const o = this.byCloid.get(cloid);
    if (o === undefined) throw new InvariantError(`no order with cloid ${cloid} in the registry`);
    return o;
  }

  byVenueOrderId(oid: string): OmsOrder | undefined {
    const cloid = this.byOid.get(oid);
    return cloid === undefined ? undefined : this.byCloid.get(cloid);
  }

  all(): OmsOrder[] {
    return [...this.byCloid.values()];
  }

  /** Orders the venue may still be working or may not have answered for. */
  working(): OmsOrder[] {
    return this.all().filter((o) => !isTerminal(o.status));
  }

  /** Moves an order by one lifecycle event (illegal moves throw: they are bugs, not venue news). */
  transition(cloid: string, event: OrderEventKind, evidence: OrderEvidence, ts: number, venueOrderId?: string): OrderTransition {
    const o = this.require(cloid);
    const to = nextOrderStatus(o.status, event, cloid);
    const oid = venueOrderId ?? o.venueOrderId;
    this.set({ ...o, status: to, venueOrderId: oid, updatedAt: ts, ...(event === 'resent' ? { sentAt: ts } : {}) });
    return { cloid, from: o.status, to, event, venueOrderId: oid, evidence, ts };
  }

  /** Applies the venue's state of one order; a state the table cannot reach from ours is a conflict, not a throw. */
  applyVenueState(cloid: string, state: VenueOrderState, evidence: OrderEvidence, ts: number, venueOrderId?: string, partlyFilled = false): ApplyResult {
    const o = this.require(cloid);
    const event = eventForVenueState(o.status, state, partlyFilled);
    if (event === undefined) {
      if (venueOrderId !== undefined && o.venueOrderId === undefined) this.set({ ...o, venueOrderId });
      return { kind: 'same' };
    }
    try {
      return { kind: 'moved', transition: this.transition(cloid, event, evidence, ts, venueOrderId) };
    } catch (e) {
      if (e instanceof InvariantError) return { kind: 'conflict', reason: `the venue says ${state} but ours is ${o.status}` };
      throw e;
    }
  }

  /**
   * Counts a fill of one of our orders (already known to be new). A working order moves to
   * partially-filled or filled; a finished one (cancelled after a partial fill) only counts it.
   */
  applyFill(cloid: string, fillId: string, qty: number, ts: number, venueOrderId: string): OrderTransition | undefined {
    const o = this.require(cloid);
    const filledQty = o.filledQty + qty;
    this.set({ ...o, filledQty, venueOrderId: o.venueOrderId ?? venueOrderId, updatedAt: ts });
    if (isTerminal(o.status)) return undefined;
    const full = filledQty >= o.intent.qty * (1 - QTY_EPS);
    const event: OrderEventKind = full ? 'filled' : 'partially-filled';
    if (!full && o.status === 'partially-filled') return undefined;
    return this.transition(cloid, event, { kind: 'fill', fillId, filledQty }, ts, venueOrderId);
  }

  trackExternal(order: ExternalOrder): void {
    this.external.set(order.venueOrderId, order);
  }

  externalOrders(): ExternalOrder[] {
    return [...this.external.values()];
  }

  private set(o: OmsOrder): void {
    this.byCloid.set(o.intent.cloid, o);
    if (o.venueOrderId !== undefined) this.byOid.set(o.venueOrderId, o.intent.cloid);
  }
}

// One address at the local venue: its ledger, its simulated venue (matching), its orders and fills in wire form.
import type { Clock } from '../../core/clock.js';
import { InvariantError } from '../../core/errors.js';
import type { ExecutionReport } from '../../core/execution.js';
import { fixedFromNumber, fixedToNumber, type Fixed } from '../../core/fixed.js';
import type { Fill } from '../../core/orders.js';
import { Ledger } from '../../ledger/ledger.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import { SimVenue } from '../../sim/sim-venue.js';
import type { OrderRecord, OrderStatus } from './order-record.js';
import type { SymbolMarket } from './symbol-market.js';
import type { TwapRecord } from './twap-orders.js';
import type { VenueIds } from './venue-ids.js';
import { wireFixed, wireFixedUsd, wireNumber } from '../../venues/hyperliquid/actions/index.js';

/** A fill in the venue's wire shape (key order as the recorded frames). */
export interface WireFill {
  readonly coin: string;
  readonly px: string;
  readonly sz: string;
  readonly side: 'B' | 'A';
  readonly time: number;
  readonly startPosition: string;
  readonly dir: string;
  readonly closedPnl: string;
  readonly hash: string;
  readonly oid: number;
  readonly crossed: boolean;
  readonly fee: string;
  readonly tid: number;
  readonly cloid?: string;
  readonly liquidation?: { readonly liquidatedUser: string; readonly markPx: string; readonly method: 'market' };
  readonly feeToken: 'USDC';
  readonly twapId: number | null;
}

/** What an account reports as it changes; the venue forwards these to WebSocket subscribers. */
export interface AccountEvents {
  fills(account: Account, fills: readonly WireFill[]): void;
  orderUpdates(account: Account, orders: readonly OrderRecord[]): void;
  nonUserCancel(account: Account, cancels: readonly { coin: string; oid: number }[]): void;
  notification(account: Account, text: string): void;
}

/** Fills an account keeps: the venue answers from the 10 000 newest; up to FILLS_SLACK more wait for the next trim. */
export const FILLS_KEPT = 10_000;
const FILLS_SLACK = 2_000;

export interface LeverageSetting {
  type: 'cross' | 'isolated';
  value: number;
}

export class Account {
  readonly ledger = new Ledger();
  readonly venue: SimVenue;
  readonly orders = new Map<number, OrderRecord>();
  readonly byCloid = new Map<string, number>();
  /** Open orders by oid, in placement order. */
  readonly open = new Map<number, OrderRecord>();
  /** Fills, oldest first: the newest FILLS_KEPT at least (the venue serves only its 10 000 newest). */
  readonly fills: WireFill[] = [];
  readonly leverage = new Map<string, LeverageSetting>();
  /** normalTpsl children whose parent filled: placed by the venue once the current match is done. */
  readonly readyChildren: OrderRecord[] = [];
  /** USDC added to isolated positions above their initial margin (updateIsolatedMargin), by coin. */
  readonly isolatedMargin = new Map<string, number>();
  /** The spot USDC balance (usdClassTransfer moves cash between it and the perp ledger). */
  spotUsdc: Fixed = 0n;
  /** TWAP orders by id, running and ended (twapHistory lists them all). */
  readonly twaps = new Map<number, TwapRecord>();
  scheduledCancel: number | undefined;
  cumVlm = 0;
  /** Requests counted against the address budget (a batch of n counts n). */
  nRequests = 0;
  /** When the last action past the budget went through (then one per 10 s). */
  lastThrottledAction: number | undefined;
  /** Fills made since the account opened (the state file saves those past the count it saved). */
  fillSeq = 0;
  /**
   * With a state file: orders changed since the last save (undefined without one: no cost), and
   * `changed` for anything else an action or a market step changed (leverage, transfers, TWAPs, …).
   */
  readonly touched: Set<OrderRecord> | undefined;
  changed = false;
  /** Set while a modify swaps an order in the simulated venue: its cancel is not a status change. */
  private replacing = false;
  /** Fills and updates of the current operation, flushed to the listeners together. */
  private pendingFills: WireFill[] = [];
  private pendingUpdates: OrderRecord[] = [];
  private pendingCancels: { coin: string; oid: number }[] = [];
  private pendingNotices: string[] = [];

  constructor(
    readonly address: string,
    readonly markets: readonly SymbolMarket[],
    /** The starting balance of a new account, or the ledger of a restored one (a state file). */
    start: number | readonly LedgerEntry[],
    private readonly clock: Clock,
    private readonly ids: VenueIds,
    private readonly events: AccountEvents,
    trackChanges = false,
  ) {
    this.touched = trackChanges ? new Set() : undefined;
    if (typeof start === 'number') this.ledger.deposit(clock.now(), fixedFromNumber(start), 'local venue starting balance');
    else this.ledger.restore(start);
    this.venue = new SimVenue(
      { fillModel: 'close', slippageBps: 0, defaultLeverage: 20 },
      markets.map((m) => m.inst),
      this.ledger,
      { onExecutionReport: (r) => this.onReport(r) },
    );
    for (const m of markets) this.leverage.set(m.spec.name, { type: 'cross', value: Math.min(20, m.spec.maxLeverage) });
  }

  now(): number {
    return this.clock.now();
  }

  record(oid: number): OrderRecord | undefined {
    return this.orders.get(oid);
  }

  byOidOrCloid(ref: number | string): OrderRecord | undefined {
    const oid = typeof ref === 'number' ? ref : this.byCloid.get(ref.toLowerCase());
    return oid === undefined ? undefined : this.orders.get(oid);
  }

  track(o: OrderRecord): void {
    this.touched?.add(o);
    this.orders.set(o.oid, o);
    if (o.cloid !== null) this.byCloid.set(o.cloid, o.oid);
  }

  /** Marks an order open and reports it. */
  opened(o: OrderRecord): void {
    o.status = 'open';
    o.statusTimestamp = this.now();
    this.touched?.add(o);
    this.open.set(o.oid, o);
    this.pendingUpdates.push(o);
  }

  /** Ends an order with `status` and reports it (children of a canceled parent go with it). */
  finish(o: OrderRecord, status: OrderStatus): void {
    o.status = status;
    o.statusTimestamp = this.now();
    this.touched?.add(o);
    this.open.delete(o.oid);
    if (status !== 'filled') o.children = [];
    this.pendingUpdates.push(o);
  }

  /** Cancels a working order in the simulated venue and records `status`. False when it is not working. */
  cancel(o: OrderRecord, status: OrderStatus = 'canceled'): boolean {
    if (!this.open.has(o.oid)) return false;
    this.replacing = true;
    try {
      this.venue.cancel(o.coin, String(o.oid));
    } finally {
      this.replacing = false;
    }
    this.finish(o, status);
    return true;
  }

  /** Removes an order from the simulated venue without a status change (modify puts it back changed). */
  withdraw(o: OrderRecord): void {
    this.replacing = true;
    try {
      this.venue.cancel(o.coin, String(o.oid));
    } finally {
      this.replacing = false;
    }
  }

  /** Sends what the last operation produced to the listeners: order updates, fills, then scheduled cancels and notices. */
  flush(): void {
    if (this.pendingUpdates.length > 0) {
      const u = this.pendingUpdates;
      this.pendingUpdates = [];
      this.events.orderUpdates(this, u.map((o) => ({ ...o })));
    }
    if (this.pendingFills.length > 0) {
      const f = this.pendingFills;
      this.pendingFills = [];
      this.events.fills(this, f);
    }
    if (this.pendingCancels.length > 0) {
      const c = this.pendingCancels;
      this.pendingCancels = [];
      this.events.nonUserCancel(this, c);
    }
    if (this.pendingNotices.length > 0) {
      const n = this.pendingNotices;
      this.pendingNotices = [];
      for (const text of n) this.events.notification(this, text);
    }
  }

  /** Orders the venue canceled on its own (the dead man's switch): reported with the next flush. */
  nonUserCancel(cancels: readonly { coin: string; oid: number }[]): void {
    if (cancels.length > 0) this.pendingCancels.push(...cancels);
  }

  /** A notification for the account's subscribers, sent with the next flush. */
  notify(text: string): void {
    this.pendingNotices.push(text);
  }

  // ---- the simulated venue's reports ---------------------------------------------------------

  private onFill(fill: Fill): void {
    const rec = fill.clientId.startsWith('sim-liq') ? undefined : this.orders.get(Number(fill.clientId));
    const pos = this.ledger.position(fill.symbol);
    const startQty: Fixed = pos.qty;
    const realizedBefore = this.ledger.totals().realized;
    this.ledger.recordFill(fill, 1);
    // A closed position gives its added isolated margin back to the account.
    if (this.ledger.position(fill.symbol).qtyNum === 0) this.isolatedMargin.delete(fill.symbol);
    const closed = this.ledger.totals().realized - realizedBefore;
    const m = this.markets.find((x) => x.spec.name === fill.symbol) as SymbolMarket;
    const liquidation = fill.reason === 'Liquidation';
    const wire: WireFill = {
      coin: fill.symbol,
      px: wireNumber(fill.price),
      sz: wireNumber(fill.qty),
      side: fill.side === 'buy' ? 'B' : 'A',
      time: this.now(),
      startPosition: wireFixed(startQty),
      dir: direction(fixedToNumber(startQty), fill.side === 'buy', fill.qty),
      closedPnl: wireFixedUsd(closed),
      hash: this.ids.nextHash(),
      oid: rec?.oid ?? this.ids.nextOid(),
      crossed: fill.liquidity === 'taker',
      fee: wireFixedUsd(fill.fee),
      tid: this.ids.nextTid(),
      ...(rec?.cloid ? { cloid: rec.cloid } : {}),
      ...(liquidation ? { liquidation: { liquidatedUser: this.address, markPx: wireNumber(m.midPx()), method: 'market' as const } } : {}),
      feeToken: 'USDC',
      twapId: rec?.twapId ?? null,
    };
    this.fills.push(wire);
    this.fillSeq++;
    // Trimmed in steps, so a long session costs an amortised constant per fill and bounded memory.
    if (this.fills.length >= FILLS_KEPT + FILLS_SLACK) this.fills.splice(0, this.fills.length - FILLS_KEPT);
    this.pendingFills.push(wire);
    this.cumVlm += fill.qty * fill.price;
    if (rec === undefined) return;
    this.touched?.add(rec);
    rec.filledSz += fill.qty;
    rec.filledNtl += fill.qty * fill.price;
    rec.sz = fill.remaining ?? 0;
    if (rec.sz <= 0) {
      rec.sz = 0;
      this.finish(rec, 'filled');
      if (rec.children.length > 0) {
        this.readyChildren.push(...rec.children);
        rec.children = [];
      }
    }
  }

  private onReport(r: ExecutionReport): void {
    switch (r.type) {
      case 'order.filled':
        return this.onFill(r);
      case 'order.triggered':
        return this.onStatus(r.clientId, 'triggered', '');
      case 'order.cancelled':
        return this.onStatus(r.clientId, 'cancelled', r.reason);
      case 'order.rejected':
        return this.onStatus(r.clientId, 'rejected', r.reason);
      case 'order.expired':
        return this.onStatus(r.clientId, 'expired', r.reason);
      case 'order.accepted':
      case 'order.unknown':
      case 'leverage.rejected':
        return;
      default: {
        const never: never = r;
        throw new InvariantError(`local venue: unknown execution report ${JSON.stringify(never)}`);
      }
    }
  }

  private onStatus(clientId: string, status: 'triggered' | 'cancelled' | 'rejected' | 'expired', reason: string): void {
    const rec = this.orders.get(Number(clientId));
    if (rec === undefined) return;
    this.touched?.add(rec);
    switch (status) {
      case 'triggered':
        rec.status = 'triggered';
        rec.statusTimestamp = this.now();
        this.pendingUpdates.push(rec);
        return;
      case 'cancelled':
        if (this.replacing) return;
        this.finish(rec, reason.startsWith('reduce-only') ? 'reduceOnlyCanceled' : reason === 'account liquidated' ? 'liquidatedCanceled' : 'canceled');
        return;
      case 'rejected':
        this.finish(rec, reason.startsWith('post-only') ? 'badAloPxRejected' : 'rejected');
        return;
      case 'expired':
        if (rec.filledSz > 0) this.finish(rec, 'canceled');
        else this.finish(rec, reason.startsWith('no market price') ? 'marketOrderNoLiquidityRejected' : 'iocCancelRejected');
        return;
    }
  }

  // ---- margin ---------------------------------------------------------------------------------

  leverageOf(coin: string): LeverageSetting {
    return this.leverage.get(coin) as LeverageSetting;
  }

  /** Signed position size of `coin`. */
  position(coin: string): number {
    return this.ledger.position(coin).qtyNum;
  }

  /** Cash plus unrealised PnL at the mids. */
  accountValue(): number {
    let v = this.ledger.cashNum;
    for (const m of this.markets) {
      const p = this.ledger.position(m.spec.name);
      if (p.qtyNum !== 0) v += p.qtyNum * (m.midPx() - p.avgPriceNum);
    }
    return v;
  }

  /** Margin of the positions: initial margin at the mids plus isolated margin added to them. */
  positionMargin(): number {
    let used = 0;
    for (const m of this.markets) used += this.marginOf(m);
    return used;
  }

  /** Margin of one position: initial margin at the mid plus isolated margin added to it (0 when flat). */
  marginOf(m: SymbolMarket): number {
    const q = this.position(m.spec.name);
    if (q === 0) return 0;
    return (Math.abs(q) * m.midPx()) / this.leverageOf(m.spec.name).value + (this.isolatedMargin.get(m.spec.name) ?? 0);
  }

  /** Margin held by resting orders that could grow a position (reduce-only and trigger orders hold none). */
  orderMargin(): number {
    let held = 0;
    for (const o of this.open.values()) {
      if (o.reduceOnly || o.isTrigger) continue;
      held += (o.sz * o.limitPx) / this.leverageOf(o.coin).value;
    }
    return held;
  }

  /** Margin free for new orders. */
  available(): number {
    return this.accountValue() - this.positionMargin() - this.orderMargin();
  }

  /** What may leave the perp account (a transfer to spot, a withdrawal). */
  withdrawable(): number {
    return Math.max(0, this.available());
  }
}

/** "Open Long", "Close Short", "Long > Short", … from the position before the fill. */
function direction(start: number, buy: boolean, qty: number): string {
  if (start === 0) return buy ? 'Open Long' : 'Open Short';
  if (start > 0) {
    if (buy) return 'Open Long';
    return qty <= start + 1e-12 ? 'Close Long' : 'Long > Short';
  }
  if (!buy) return 'Open Short';
  return qty <= -start + 1e-12 ? 'Close Short' : 'Short > Long';
}

// The simulated venue for bar data: order validation, matching along the intrabar path, fees, slippage, margin and liquidation.
import type { Bar } from '../core/bars.js';
import { InvariantError } from '../core/errors.js';
import type { ExecutionReportSink } from '../core/execution.js';
import type { Fixed } from '../core/fixed.js';
import { isValidPrice, isValidQty, roundPrice, type Instrument } from '../core/instrument.js';
import type { Liquidity, OrderRequest, Side } from '../core/orders.js';
import type { Envelope } from '../core/envelope.js';
import { BookMatching, type BookVenueHooks } from './book-matching.js';
import { FeeCalculator } from './fees.js';
import { REJECT, rejection } from './rejections.js';
import { intrabarPath, type FillModel } from './fill-model.js';

/** A live view of one symbol's position (the ledger's projection object; read, never written, here). */
export interface SimPositionView {
  readonly qtyNum: number;
  readonly avgPriceNum: number;
}

/**
 * What the venue reads of the account: the ledger's projection (the ledger itself satisfies this).
 * Plain fields rather than methods: a double returned from a call that is not inlined is boxed, and
 * these are read on every step.
 */
export interface SimAccount {
  /** Returns the same live object for the life of the account. */
  position(symbol: string): SimPositionView;
  readonly cashNum: number;
  /** Symbols with a non-zero position. */
  readonly openPositionCount: number;
}

export interface SimVenueConfig {
  readonly fillModel: FillModel;
  /** Adverse slippage on taker fills that open or add, bps of price. */
  readonly slippageBps: number;
  /** Adverse slippage on taker fills that reduce a position; defaults to slippageBps. */
  readonly exitSlippageBps?: number;
  /** Leverage used for margin until a strategy sets one. */
  readonly defaultLeverage: number;
}

/** Status changes the venue reports (besides fills), each as its ExecutionReport. */
type StatusKind = 'triggered' | 'cancelled' | 'rejected' | 'expired';

interface WorkingOrder {
  readonly clientId: string;
  readonly orderId: string;
  readonly req: OrderRequest;
  /**
   * Latest bar time the venue had seen (any symbol) when the order was submitted: it may act only on
   * later bars. (Counting this symbol's bars let an order decided on another symbol's bar fill at the
   * open of this symbol's bar of the same step, which opened before the decision: look-ahead.)
   */
  readonly submittedAt: number;
  /** Has met the market (at the next open, or at once under `close`); arrival happens only once. */
  arrived: boolean;
  triggered: boolean;
}

interface SymbolState {
  readonly inst: Instrument;
  readonly index: number;
  readonly pos: SimPositionView;
  readonly fees: FeeCalculator;
  orders: WorkingOrder[];
  leverage: number;
  /** Latest mark price, meaningful once hasMark is set. A plain double field: a field that may hold
   * `undefined` is tagged, and V8 then boxes every double written to it (one allocation per bar). */
  markPx: number;
  hasMark: boolean;
  barTime: number;
  /** Latest market time of this symbol (bars and tick events): the time of its status reports. */
  lastTime: number;
}

export class SimVenue {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly list: SymbolState[] = [];
  private last: SymbolState | undefined;
  private readonly path = new Float64Array(4);
  private nextOrder = 1;
  private nextFill = 1;
  /** Latest bar time seen, any symbol. */
  private now = Number.NEGATIVE_INFINITY;
  private readonly exitSlip: number;
  /** Tick-level matching (book-matching.ts), created by the first market event; bar-only runs have none. */
  private ticks: BookMatching | undefined;
  /** The symbol whose bar is being matched, while its fills are reported. */
  private matching: SymbolState | undefined;
  /** Orders of `matching` submitted from a fill callback: they meet the rest of this bar's path. */
  private late: WorkingOrder[] = [];

  constructor(
    private readonly config: SimVenueConfig,
    instruments: readonly Instrument[],
    private readonly account: SimAccount,
    private readonly sink: ExecutionReportSink,
  ) {
    this.exitSlip = config.exitSlippageBps ?? config.slippageBps;
    instruments.forEach((inst, index) => {
      const st: SymbolState = { inst, index, pos: account.position(inst.symbol), fees: new FeeCalculator(inst.fees, inst.multiplier), orders: [], leverage: Math.min(config.defaultLeverage, inst.maxLeverage), markPx: 0, hasMark: false, barTime: 0, lastTime: 0 };
      this.symbols.set(inst.symbol, st);
      this.list.push(st);
    });
  }

  private state(symbol: string): SymbolState {
    if (this.last !== undefined && this.last.inst.symbol === symbol) return this.last;
    const s = this.symbols.get(symbol);
    if (!s) unknownSymbol(symbol);
    this.last = s;
    return s;
  }

  instrument(symbol: string): Instrument {
    return this.state(symbol).inst;
  }

  mark(symbol: string): number | undefined {
    const s = this.state(symbol);
    return s.hasMark ? s.markPx : undefined;
  }

  /** A refusal is returned and also reported (`leverage.rejected`). */
  setLeverage(symbol: string, leverage: number): string | undefined {
    const s = this.state(symbol);
    if (!(leverage >= 1 && leverage <= s.inst.maxLeverage)) {
      const reason = `leverage must be in [1, ${s.inst.maxLeverage}], got ${leverage}`;
      this.sink.onExecutionReport({ type: 'leverage.rejected', symbol, reason, ts: s.lastTime });
      return reason;
    }
    s.leverage = leverage;
    return undefined;
  }

  hasWorkingOrders(symbol: string): boolean {
    return this.state(symbol).orders.length > 0 || (this.ticks?.hasOrders(symbol) ?? false);
  }

  /**
   * Accepts or rejects an order. Market orders (and marketable IOC limits) under the `close` model
   * fill at once at the current mark (the deciding bar's close); a post-only limit that would cross
   * then is rejected without being accepted, as a live venue answers it.
   */
  submit(clientId: string, req: OrderRequest): void {
    const s = this.state(req.symbol);
    const problem = this.validate(s, req);
    if (problem !== undefined) {
      this.status(s, clientId, 'rejected', problem);
      return;
    }
    const order: WorkingOrder = { clientId, orderId: `sim-${this.nextOrder++}`, req, submittedAt: this.now, arrived: false, triggered: false };
    if (req.tif === 'ALO' && this.config.fillModel === 'close' && s.hasMark && this.matching !== s && !(this.ticks !== undefined && this.ticks.active(req.symbol)) && crosses(req, s.markPx)) {
      this.status(s, clientId, 'rejected', REJECT.aloCrossMarket);
      return;
    }
    this.sink.onExecutionReport({ type: 'order.accepted', clientId, symbol: req.symbol, venueOrderId: order.orderId, ts: s.lastTime });
    if (this.ticks !== undefined && this.ticks.active(req.symbol)) return this.ticks.submit(clientId, order.orderId, req);
    if (this.matching === s) {
      // Sent while one of this symbol's fills is reported (a protective stop for an entry that just
      // filled): the order meets the market at that fill's price and acts on the rest of the bar,
      // as a venue order placed then would. (Orders of other symbols wait for their next bar.)
      order.arrived = true;
      s.orders.push(order);
      this.late.push(order);
      return;
    }
    if (this.config.fillModel === 'close' && s.hasMark) {
      if (req.type === 'market') {
        this.fill(s, order, s.markPx, 'taker');
        return;
      }
      if (req.type === 'limit') {
        // Arrives now, at the close: marketable limits fill as takers, IOC remainders expire,
        // post-only ones that would cross are rejected; a resting one is on the book from here on.
        order.arrived = true;
        if (this.arrive(s, order, s.markPx)) return;
      }
    }
    s.orders.push(order);
  }

  /** The order and fill counters (a restored venue goes on from them: its ledger refuses a repeated fill id). */
  counters(): { readonly orders: number; readonly fills: number } {
    return { orders: this.nextOrder, fills: this.nextFill };
  }

  /** Goes on from saved counters (never back). */
  resumeCounters(c: { readonly orders: number; readonly fills: number }): void {
    this.nextOrder = Math.max(this.nextOrder, c.orders);
    this.nextFill = Math.max(this.nextFill, c.fills);
  }

  /**
   * Puts back a working order as it was saved (a restarted venue): no checks, no matching now; it
   * acts from the next market event on (`triggered`: a trigger order that fired and rests as a limit).
   */
  restoreWorking(clientId: string, req: OrderRequest, triggered: boolean): void {
    const s = this.state(req.symbol);
    const orderId = `sim-${this.nextOrder++}`;
    if (this.ticks !== undefined && this.ticks.rest(clientId, orderId, req, triggered)) return;
    s.orders.push({ clientId, orderId, req, submittedAt: this.now, arrived: true, triggered });
  }

  cancel(symbol: string, clientId: string): boolean {
    if (this.ticks !== undefined && this.ticks.cancel(symbol, clientId)) return true;
    const s = this.state(symbol);
    const i = s.orders.findIndex((o) => o.clientId === clientId);
    if (i < 0) return false;
    s.orders.splice(i, 1);
    this.status(s, clientId, 'cancelled', 'cancelled by request');
    return true;
  }

  private status(s: SymbolState, clientId: string, kind: StatusKind, reason: string): void {
    const symbol = s.inst.symbol;
    const ts = s.lastTime;
    switch (kind) {
      case 'triggered':
        return this.sink.onExecutionReport({ type: 'order.triggered', clientId, symbol, ts });
      case 'cancelled':
        return this.sink.onExecutionReport({ type: 'order.cancelled', clientId, symbol, reason, ts });
      case 'rejected':
        return this.sink.onExecutionReport({ type: 'order.rejected', clientId, symbol, reason, ts });
      case 'expired':
        return this.sink.onExecutionReport({ type: 'order.expired', clientId, symbol, reason, ts });
    }
  }

  private validate(s: SymbolState, req: OrderRequest): string | undefined {
    const inst = s.inst;
    if (!isValidQty(inst, req.qty)) return rejection(REJECT.lot, `quantity ${req.qty} is not a positive multiple of the lot size ${inst.lotSize}`);
    const needsPrice = req.type === 'limit' || req.type === 'stop-limit' || req.type === 'take-profit-limit';
    const needsTrigger = req.type !== 'market' && req.type !== 'limit';
    if (needsPrice && (req.price === undefined || !isValidPrice(inst, req.price))) return rejection(REJECT.price, `price ${req.price} is not on the price grid of ${inst.symbol}`);
    if (needsTrigger && (req.triggerPrice === undefined || !isValidPrice(inst, req.triggerPrice))) return rejection(REJECT.trigger, `trigger price ${req.triggerPrice} is not on the price grid of ${inst.symbol}`);
    if (req.tif === 'ALO' && req.type !== 'limit') return REJECT.aloType;
    const ref = req.price ?? req.triggerPrice ?? (s.hasMark ? s.markPx : undefined);
    if (ref === undefined) return rejection(REJECT.noMark, inst.symbol);
    const notional = req.qty * ref * inst.multiplier;
    const pos = s.pos.qtyNum;
    const reduces = pos !== 0 && (pos > 0) !== (req.side === 'buy');
    if (req.reduceOnly) {
      if (!reduces) return REJECT.reduceOnly;
      return undefined;
    }
    if (inst.minNotional > 0 && notional < inst.minNotional) return rejection(REJECT.minNotional, `order notional ${notional} is below the minimum ${inst.minNotional}`);
    if (!reduces || req.qty > Math.abs(pos)) {
      const opening = reduces ? req.qty - Math.abs(pos) : req.qty;
      const required = (opening * ref * inst.multiplier) / s.leverage;
      // A reversal closes the whole position first: the margin it used is free for the new side.
      const released = reduces && s.hasMark ? (Math.abs(pos) * s.markPx * inst.multiplier) / s.leverage : 0;
      const available = this.equity() - this.usedMargin() + released;
      if (required > available) return rejection(REJECT.margin, `needs ${required.toFixed(2)} at ${s.leverage}x, available ${available.toFixed(2)}`);
    }
    return undefined;
  }

  /** Equity at the current marks (float; the ledger holds the exact value). */
  /** Writes the equity at the marks into out[i] (the per-step curve; no boxed return value). */
  writeEquity(out: Float64Array, i: number): void {
    out[i] = this.account.openPositionCount === 0 ? this.account.cashNum : this.equityAtMarks();
  }

  equity(): number {
    return this.equityAtMarks();
  }

  private equityAtMarks(): number {
    let eq = this.account.cashNum;
    if (this.account.openPositionCount === 0) return eq;
    for (let i = 0; i < this.list.length; i++) {
      const s = this.list[i];
      const q = s.pos.qtyNum;
      if (q !== 0 && s.hasMark) eq += q * (s.markPx - s.pos.avgPriceNum) * s.inst.multiplier;
    }
    return eq;
  }

  private usedMargin(): number {
    let m = 0;
    for (const s of this.list) {
      const q = s.pos.qtyNum;
      if (q !== 0 && s.hasMark) m += (Math.abs(q) * s.markPx * s.inst.multiplier) / s.leverage;
    }
    return m;
  }

  /** Tick-level market data (trades, L2 book): from a symbol's first event on, its new orders match in BookMatching. */
  onMarketEvent(event: Envelope): void {
    const st = this.symbols.get(event.symbol);
    if (st !== undefined && event.tsEvent > st.lastTime) st.lastTime = event.tsEvent;
    (this.ticks ??= new BookMatching(this.tickHooks())).onEvent(event);
  }

  private tickHooks(): BookVenueHooks {
    return {
      instrument: (symbol) => this.symbols.get(symbol)?.inst,
      position: (symbol) => this.state(symbol).pos.qtyNum,
      setMark: (symbol, mark) => {
        const st = this.state(symbol);
        st.markPx = mark;
        st.hasMark = true;
      },
      fill: (symbol, orderId, clientId, side, qty, price, liquidity, reason, ts, remaining) => {
        const fee = this.state(symbol).fees.fee(liquidity, qty, price);
        this.sink.onExecutionReport({ type: 'order.filled', fillId: `simfill-${this.nextFill++}`, orderId, clientId, symbol, side, qty, price, fee, liquidity, ts, reason, remaining });
      },
      status: (clientId, symbol, status, reason) => this.status(this.state(symbol), clientId, status, reason),
    };
  }

  /**
   * Processes one bar of `symbol`: working orders act along the intrabar path, then the mark moves
   * to the close. Orders submitted while handling this bar (or another symbol's bar of the same time)
   * are seen from the next bar on.
   */
  onBar(bar: Bar): void {
    const s = this.state(bar.symbol);
    const time = bar.time;
    s.barTime = time;
    if (time > s.lastTime) s.lastTime = time;
    if (time > this.now) this.now = time;
    if (s.orders.length > 0) this.matchBar(s, time, bar.open, bar.high, bar.low, bar.close);
    s.markPx = bar.close;
    s.hasMark = true;
  }

  private matchBar(s: SymbolState, time: number, open: number, high: number, low: number, close: number): void {
    const path = this.path;
    intrabarPath(open, high, low, close, path);
    // A snapshot of the orders submitted before this bar: fills may cancel reduce-only siblings.
    const orders = s.orders.filter((o) => o.submittedAt < time);
    if (orders.length === 0) return;
    this.matching = s;
    try {
      for (const o of orders) {
        if (o.arrived) continue;
        // First bar after submission: the order arrives at the open.
        o.arrived = true;
        if (this.arrive(s, o, open)) this.remove(s, o);
        if (this.late.length > 0) this.settleLate(s, orders, 0, open);
      }
      if (orders.length === 1) {
        const o = orders[0];
        for (let k = 0; k < 4; k++) {
          if (!s.orders.includes(o)) break;
          const at = this.actPrice(o, k === 0 ? path[0] : path[k - 1], path[k], k === 0);
          if (Number.isNaN(at) || !this.act(s, o, at)) continue;
          this.remove(s, o);
          if (this.late.length === 0) return;
          this.settleLate(s, orders, k, at);
          return this.walkSegments(s, orders, k + 1);
        }
        return;
      }
      this.walkSegments(s, orders, 0);
    } finally {
      this.matching = undefined;
      this.late = [];
    }
  }

  /**
   * Walks path segments `first`..3 acting on `orders` in the order the price reaches them (ties:
   * submission order), so a bracket's stop and take-profit fire in path order.
   */
  private walkSegments(s: SymbolState, orders: WorkingOrder[], first: number): void {
    const path = this.path;
    for (let k = first; k < 4; k++) {
      const from = k === 0 ? path[0] : path[k - 1];
      const hits: { o: WorkingOrder; at: number }[] = [];
      for (const o of orders) {
        if (!s.orders.includes(o)) continue;
        const at = this.actPrice(o, from, path[k], k === 0);
        if (!Number.isNaN(at)) hits.push({ o, at });
      }
      if (hits.length > 1) hits.sort((x, y) => Math.abs(x.at - from) - Math.abs(y.at - from));
      for (const { o, at } of hits) {
        if (s.orders.includes(o) && this.act(s, o, at)) this.remove(s, o);
        if (this.late.length > 0) this.settleLate(s, orders, k, at);
      }
    }
  }

  /**
   * Orders sent from a fill callback at price `px` on segment k: each meets the market at `px`
   * (market orders fill there, marketable limits fill there as takers, a trigger already crossed
   * fires there), then acts on the rest of segment k (px → path[k]), then joins `orders` for the
   * later segments. Orders sent by their fills are settled the same way, at their prices.
   */
  private settleLate(s: SymbolState, orders: WorkingOrder[], k: number, px: number): void {
    const end = this.path[k];
    while (this.late.length > 0) {
      const batch = this.late;
      this.late = [];
      for (const o of batch) {
        if (!s.orders.includes(o)) continue;
        let done = this.arrive(s, o, px);
        if (!done) {
          const at = this.actPrice(o, px, px, true);
          if (!Number.isNaN(at)) done = this.act(s, o, at);
        }
        if (!done && end !== px) {
          const at = this.actPrice(o, px, end, false);
          if (!Number.isNaN(at)) done = this.act(s, o, at);
        }
        if (done) this.remove(s, o);
        else orders.push(o);
      }
    }
  }

  private remove(s: SymbolState, o: WorkingOrder): void {
    const i = s.orders.indexOf(o);
    if (i >= 0) s.orders.splice(i, 1);
  }

  /** The order meets the market at price `px` (its arrival). Returns true when it is done. */
  private arrive(s: SymbolState, o: WorkingOrder, px: number): boolean {
    const r = o.req;
    switch (r.type) {
      case 'market':
        this.fill(s, o, px, 'taker');
        return true;
      case 'limit': {
        const crosses = r.side === 'buy' ? px <= (r.price as number) : px >= (r.price as number);
        if (r.tif === 'ALO' && crosses) {
          this.status(s, o.clientId, 'rejected', REJECT.aloCrossMarket);
          return true;
        }
        if (crosses) {
          this.fill(s, o, px, 'taker');
          return true;
        }
        if (r.tif === 'IOC') {
          this.status(s, o.clientId, 'expired', 'IOC order not marketable');
          return true;
        }
        return false;
      }
      default:
        return false;
    }
  }

  /**
   * The price at which order `o` acts while the price moves from `a` to `b`, or NaN. `atOnce`: the
   * price is at `b` without passing through (the open, or where a fill callback placed the order), so
   * a trigger or limit already crossed acts at `b` itself.
   */
  private actPrice(o: WorkingOrder, a: number, b: number, atOnce: boolean): number {
    const r = o.req;
    const buy = r.side === 'buy';
    if (!o.triggered && r.triggerPrice !== undefined) {
      const t = r.triggerPrice;
      // Stops trigger when price moves through the trigger against a position: buy stop on the way up.
      const up = r.type === 'stop-market' || r.type === 'stop-limit' ? buy : !buy;
      if (!(up ? b >= t : b <= t)) return Number.NaN;
      return atOnce ? b : up ? Math.max(a, t) : Math.min(a, t);
    }
    if (r.type === 'limit' || o.triggered) {
      const lim = r.price as number;
      if (!(buy ? b <= lim : b >= lim)) return Number.NaN;
      // Gapped through at the open: the resting order fills at the better open price.
      return atOnce ? b : lim;
    }
    return Number.NaN;
  }

  /** Acts at `at` (from actPrice): triggers and/or fills. Returns true when the order is done. */
  private act(s: SymbolState, o: WorkingOrder, at: number): boolean {
    const r = o.req;
    if (!o.triggered && r.triggerPrice !== undefined) {
      o.triggered = true;
      this.status(s, o.clientId, 'triggered', '');
      // A trigger-limit order fills at once only when the trigger price is within its limit.
      if (r.type === 'stop-market' || r.type === 'take-profit' || (r.side === 'buy' ? at <= (r.price as number) : at >= (r.price as number))) {
        this.fill(s, o, at, 'taker');
        return true;
      }
      return false;
    }
    this.fill(s, o, at, 'maker');
    return true;
  }

  private fill(s: SymbolState, o: WorkingOrder, rawPrice: number, liquidity: Liquidity): void {
    const r = o.req;
    const pos = s.pos.qtyNum;
    const reduces = pos !== 0 && (pos > 0) !== (r.side === 'buy');
    let qty = r.qty;
    if (r.reduceOnly) {
      if (!reduces) {
        this.status(s, o.clientId, 'cancelled', 'reduce-only order would increase the position');
        return;
      }
      if (qty > Math.abs(pos)) qty = Math.abs(pos);
    }
    let price = rawPrice;
    if (liquidity === 'taker') {
      const bps = reduces ? this.exitSlip : this.config.slippageBps;
      if (bps !== 0) price = slip(price, r.side, bps);
    }
    price = roundPrice(s.inst, price, 'nearest');
    this.emit(s, o.orderId, o.clientId, r.side, qty, price, liquidity, r.reason ?? '');
  }

  private emit(s: SymbolState, orderId: string, clientId: string, side: Side, qty: number, price: number, liquidity: Liquidity, reason: string): void {
    const fee: Fixed = s.fees.fee(liquidity, qty, price);
    this.sink.onExecutionReport({
      type: 'order.filled',
      fillId: `simfill-${this.nextFill++}`,
      orderId,
      clientId,
      symbol: s.inst.symbol,
      side,
      qty,
      price,
      fee,
      liquidity,
      ts: s.barTime,
      reason,
    });
  }

  /**
   * Funding at a funding time: longs pay shorts when the rate is positive.
   * Returns the signed amount received by the account (negative = paid), or undefined when flat.
   */
  fundingPayment(symbol: string, rate: number, mark: number): number | undefined {
    const s = this.state(symbol);
    const q = s.pos.qtyNum;
    if (q === 0) return undefined;
    return -q * mark * s.inst.multiplier * rate;
  }

  /**
   * Cross-margin liquidation check at the current marks: when equity falls below the maintenance
   * margin (Σ |qty| × mark × multiplier × maintenance fraction), every position closes at its
   * mark as a taker, reason "Liquidation". Returns true when it liquidated.
   */
  checkLiquidation(): boolean {
    if (this.account.openPositionCount === 0) return false;
    let maintenance = 0;
    let open = 0;
    for (let i = 0; i < this.list.length; i++) {
      const s = this.list[i];
      const q = s.pos.qtyNum;
      if (q === 0 || !s.hasMark) continue;
      open++;
      maintenance += Math.abs(q) * s.markPx * s.inst.multiplier * s.inst.maintenanceMarginFraction;
    }
    if (open === 0 || this.equityAtMarks() >= maintenance) return false;
    for (const s of this.list) {
      this.ticks?.cancelAll(s.inst.symbol, 'account liquidated');
      for (const o of s.orders) this.status(s, o.clientId, 'cancelled', 'account liquidated');
      s.orders = [];
      const q = s.pos.qtyNum;
      if (q === 0 || !s.hasMark) continue;
      const id = `sim-liq-${this.nextOrder++}`;
      this.emit(s, id, id, q > 0 ? 'sell' : 'buy', Math.abs(q), s.markPx, 'taker', 'Liquidation');
    }
    return true;
  }
}

/** A limit order would take liquidity at `px`. */
function crosses(req: OrderRequest, px: number): boolean {
  return req.side === 'buy' ? px <= (req.price as number) : px >= (req.price as number);
}

/** Moves a price against the taker by `bps`. */
function slip(price: number, side: Side, bps: number): number {
  return side === 'buy' ? price * (1 + bps / 10_000) : price * (1 - bps / 10_000);
}

/** Cold path kept out of the per-bar lookup (a formatted throw inline slows V8's code for it). */
function unknownSymbol(symbol: string): never {
  throw new InvariantError(`sim venue: unknown symbol ${symbol}`);
}

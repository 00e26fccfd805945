// Tick-level matching of the simulated venue: takers walk the replayed L2 book, resting orders fill on trades.
import type { Envelope } from '../core/envelope.js';
import { REJECT } from './rejections.js';
import { roundPrice, roundQty, type Instrument } from '../core/instrument.js';
import type { Liquidity, OrderRequest, Side } from '../core/orders.js';
import { isBookEvent, isTradeEvent, type BookData, type TradeData } from '../market/market-events.js';
import { OrderBook } from '../market/order-book.js';

/*
 * Conventions (what a run with `market.book` / `market.trade` events assumes):
 *
 * - Orders act the moment they are submitted, against the book as of the last event (no latency).
 * - Takers (market orders, the marketable part of limits, triggered stops) walk the opposite side
 *   level by level at the book's prices: one fill per level, taker fee, no bps slippage (the walk
 *   is the slippage). Own fills do not deplete the replayed book (no market-impact model): the next
 *   order in the same instant sees the same levels.
 * - Depth short: a market order's remainder fills at the last visible level's price (the book we
 *   replay is truncated, e.g. 500 levels; the liquidity behind it is unknown, and this keeps a
 *   market order a market order). With no opposite level at all it fills at the mark. A limit's
 *   remainder rests at its limit (GTC) or expires (IOC).
 * - Resting limits fill only on trades (book changes alone never fill them): a trade strictly
 *   through the limit (a sell at < a buy limit) fills the whole remainder at the limit price; a
 *   trade at exactly the limit fills up to the trade's size, shared by our orders at that price in
 *   submission order. That assumes our order is first in the queue at its price (optimistic: real
 *   queue position is behind the size already resting there). The aggressor side is ignored: the
 *   price shows where liquidity traded. Resting fills are maker fills at the limit price.
 * - Stops and take-profits trigger on trade prices only (buy stop: trade ≥ trigger; sell stop:
 *   trade ≤ trigger; take-profits the other way), then act as takers against the book (stop-limit:
 *   up to the limit, the rest rests).
 * - Post-only (ALO) limits are rejected when they would cross the current book (buy ≥ best ask,
 *   sell ≤ best bid); with no opposite level, when they would cross the last trade.
 * - The mark is the last trade price; before the first trade, the book's mid.
 * - Partial fills carry `remaining` (> 0) so the order stays working; the last fill has remaining 0.
 * - A symbol enters tick mode at its first book or trade event: orders submitted from then on match
 *   here (bars still move the mark but no longer match them); orders already resting in the bar
 *   venue stay there and keep matching on bars.
 * - Fill time = the latest event time seen (any symbol): the step time when the order comes from
 *   an event handler; an order placed from a timer before the step's first event carries the
 *   previous event's time.
 */

/** What book matching needs from the venue it serves. */
export interface BookVenueHooks {
  /** The instrument, or undefined when the venue does not trade the symbol (its events are ignored). */
  instrument(symbol: string): Instrument | undefined;
  /** Signed position of the symbol (long > 0). */
  position(symbol: string): number;
  setMark(symbol: string, mark: number): void;
  /** Reports one fill; the venue assigns the fill id and computes the fee. */
  fill(symbol: string, orderId: string, clientId: string, side: Side, qty: number, price: number, liquidity: Liquidity, reason: string, ts: number, remaining: number): void;
  status(clientId: string, symbol: string, status: 'triggered' | 'cancelled' | 'rejected' | 'expired', reason: string): void;
}

interface TickOrder {
  readonly clientId: string;
  readonly orderId: string;
  readonly req: OrderRequest;
  remaining: number;
  triggered: boolean;
  done: boolean;
}

interface TickSymbol {
  readonly inst: Instrument;
  readonly book: OrderBook;
  orders: TickOrder[];
  lastTrade: number;
  mark: number;
  /** > 0 while the order list is being iterated: removals wait for the compaction at the end. */
  busy: number;
}

export class BookMatching {
  private readonly symbols = new Map<string, TickSymbol | null>();
  private last: TickSymbol | undefined;
  /** Latest event time seen, any symbol: the time of fills made at submission. */
  private now = Number.NEGATIVE_INFINITY;

  constructor(private readonly hooks: BookVenueHooks) {}

  /** True once the symbol has had a book or trade event: its orders are matched here from then on. */
  active(symbol: string): boolean {
    return this.get(symbol) !== undefined;
  }

  /** The replayed book of a symbol (read it, do not change it), or undefined before its first event. */
  book(symbol: string): OrderBook | undefined {
    return this.get(symbol)?.book;
  }

  /** Applies a market event; other event types and untraded symbols are ignored. */
  onEvent(e: Envelope): void {
    if (isBookEvent(e)) {
      const s = this.ensure(e.symbol);
      if (s === undefined) return;
      if (e.tsEvent > this.now) this.now = e.tsEvent;
      this.onBook(s, e.data, e.seq);
    } else if (isTradeEvent(e)) {
      const s = this.ensure(e.symbol);
      if (s === undefined) return;
      if (e.tsEvent > this.now) this.now = e.tsEvent;
      this.onTrade(s, e.data);
    }
  }

  /** Takes an order the venue validated and accepted. */
  submit(clientId: string, orderId: string, req: OrderRequest): void {
    const s = this.get(req.symbol);
    if (s === undefined) return;
    const o: TickOrder = { clientId, orderId, req, remaining: req.qty, triggered: false, done: false };
    switch (req.type) {
      case 'market':
        this.takeMarket(s, o);
        return;
      case 'limit': {
        const lim = req.price as number;
        if (req.tif === 'ALO') {
          if (this.wouldCross(s, req.side, lim)) this.finish(s, o, 'rejected', REJECT.aloCrossBook);
          else s.orders.push(o);
          return;
        }
        this.takeLimit(s, o, lim);
        return;
      }
      default:
        s.orders.push(o);
    }
  }

  /**
   * Puts back a working order as it was saved (a restarted venue): it rests without checks or
   * matching now and acts from the next trade on. False when the symbol has had no event yet.
   */
  rest(clientId: string, orderId: string, req: OrderRequest, triggered: boolean): boolean {
    const s = this.get(req.symbol);
    if (s === undefined) return false;
    s.orders.push({ clientId, orderId, req, remaining: req.qty, triggered, done: false });
    return true;
  }

  cancel(symbol: string, clientId: string, reason = 'cancelled by request'): boolean {
    const s = this.get(symbol);
    if (s === undefined) return false;
    for (const o of s.orders) {
      if (o.clientId === clientId && !o.done) {
        this.finish(s, o, 'cancelled', reason);
        return true;
      }
    }
    return false;
  }

  /** Cancels every working order of the symbol (liquidation, shutdown). */
  cancelAll(symbol: string, reason: string): void {
    const s = this.get(symbol);
    if (s === undefined) return;
    for (const o of s.orders) if (!o.done) this.finish(s, o, 'cancelled', reason);
  }

  hasOrders(symbol: string): boolean {
    const s = this.get(symbol);
    if (s === undefined) return false;
    for (const o of s.orders) if (!o.done) return true;
    return false;
  }

  // ---- events ---------------------------------------------------------------------------------

  private onBook(s: TickSymbol, d: BookData, seq: number): void {
    if (d.snapshot) s.book.applySnapshot(d.bids, d.asks, seq);
    else {
      s.book.checkSeq(seq);
      s.book.applyDelta(d.bids, d.asks);
    }
    if (s.lastTrade !== s.lastTrade) {
      const mid = s.book.mid();
      if (mid === mid) this.setMark(s, mid);
    }
  }

  private onTrade(s: TickSymbol, t: TradeData): void {
    const px = t.price;
    s.lastTrade = px;
    this.setMark(s, px);
    const n = s.orders.length;
    if (n === 0) return;
    // Liquidity that traded at exactly px, for our resting orders at px (front of the queue).
    let atPrice = roundQty(s.inst, t.size, 'down');
    s.busy++;
    for (let i = 0; i < n; i++) {
      const o = s.orders[i];
      if (o.done) continue;
      const r = o.req;
      const buy = r.side === 'buy';
      if (!o.triggered && r.triggerPrice !== undefined) {
        const trig = r.triggerPrice;
        const up = r.type === 'stop-market' || r.type === 'stop-limit' ? buy : !buy;
        if (!(up ? px >= trig : px <= trig)) continue;
        o.triggered = true;
        this.hooks.status(o.clientId, r.symbol, 'triggered', '');
        if (o.done) continue; // cancelled from inside the status report
        if (r.type === 'stop-market' || r.type === 'take-profit') this.takeMarket(s, o);
        else this.takeLimit(s, o, r.price as number);
        continue;
      }
      if (r.type !== 'limit' && !o.triggered) continue;
      const lim = r.price as number;
      if (buy ? px < lim : px > lim) {
        this.fillResting(s, o, o.remaining, lim);
      } else if (px === lim && atPrice > 0) {
        const q = o.remaining < atPrice ? o.remaining : atPrice;
        atPrice = roundQty(s.inst, atPrice - q, 'nearest');
        this.fillResting(s, o, q, lim);
      }
    }
    s.busy--;
    this.compact(s);
  }

  // ---- matching -------------------------------------------------------------------------------

  /** Market order (or triggered stop-market / take-profit): walks the whole opposite side. */
  private takeMarket(s: TickSymbol, o: TickOrder): void {
    if (!this.clampReduceOnly(s, o)) return;
    this.walk(s, o, Number.NaN, true);
    if (o.done) return;
    if (o.remaining > 0 && s.mark === s.mark) this.fillTaker(s, o, o.remaining, s.mark); // no opposite level at all
    if (!o.done) this.finish(s, o, 'expired', 'no market price to fill at');
  }

  /** Limit order arriving (or a triggered stop-limit): takes what the book offers within the limit; the rest rests or expires. */
  private takeLimit(s: TickSymbol, o: TickOrder, lim: number): void {
    if (!this.clampReduceOnly(s, o)) return;
    this.walk(s, o, lim, false);
    if (o.done) return;
    if (o.req.tif === 'IOC') {
      this.finish(s, o, 'expired', 'IOC remainder not marketable');
      return;
    }
    if (!s.orders.includes(o)) s.orders.push(o);
  }

  /** Fills `o` level by level from the best opposite level (within `lim` unless NaN). */
  private walk(s: TickSymbol, o: TickOrder, lim: number, market: boolean): void {
    const buy = o.req.side === 'buy';
    const ladder = buy ? s.book.asks : s.book.bids;
    const n = ladder.length;
    for (let i = 0; i < n && o.remaining > 0 && !o.done; i++) {
      const p = ladder.priceAt(i);
      if (lim === lim && (buy ? p > lim : p < lim)) break;
      let q = roundQty(s.inst, ladder.sizeAt(i), 'down');
      if (q > o.remaining || (market && i === n - 1)) q = o.remaining;
      if (q > 0) this.fillTaker(s, o, q, p);
    }
  }

  private fillTaker(s: TickSymbol, o: TickOrder, q: number, p: number): void {
    this.fill(s, o, q, p, 'taker');
  }

  private fillResting(s: TickSymbol, o: TickOrder, q: number, lim: number): void {
    // A resting reduce-only order never grows a position: clamp at fill time, as the bar venue does.
    if (!this.clampReduceOnly(s, o)) return;
    this.fill(s, o, q < o.remaining ? q : o.remaining, lim, 'maker');
  }

  private fill(s: TickSymbol, o: TickOrder, q: number, rawPrice: number, liquidity: Liquidity): void {
    const rem = roundQty(s.inst, o.remaining - q, 'nearest');
    o.remaining = rem > 0 ? rem : 0;
    if (o.remaining === 0) this.markDone(s, o);
    const r = o.req;
    this.hooks.fill(r.symbol, o.orderId, o.clientId, r.side, q, roundPrice(s.inst, rawPrice, 'nearest'), liquidity, r.reason ?? '', this.now, o.remaining);
  }

  /** Reduce-only: cancel when it would not reduce; shrink to the position when larger. False when cancelled. */
  private clampReduceOnly(s: TickSymbol, o: TickOrder): boolean {
    if (!o.req.reduceOnly) return true;
    const pos = this.hooks.position(o.req.symbol);
    const reduces = pos !== 0 && pos > 0 !== (o.req.side === 'buy');
    if (!reduces) {
      this.finish(s, o, 'cancelled', 'reduce-only order would increase the position');
      return false;
    }
    if (o.remaining > Math.abs(pos)) o.remaining = Math.abs(pos);
    return true;
  }

  private wouldCross(s: TickSymbol, side: Side, lim: number): boolean {
    const opp = side === 'buy' ? s.book.bestAsk() : s.book.bestBid();
    const ref = opp === opp ? opp : s.lastTrade;
    if (ref !== ref) return false;
    return side === 'buy' ? lim >= ref : lim <= ref;
  }

  // ---- bookkeeping ----------------------------------------------------------------------------

  private finish(s: TickSymbol, o: TickOrder, status: 'cancelled' | 'rejected' | 'expired', reason: string): void {
    this.markDone(s, o);
    this.hooks.status(o.clientId, o.req.symbol, status, reason);
  }

  private markDone(s: TickSymbol, o: TickOrder): void {
    o.done = true;
    this.compact(s);
  }

  /** Drops finished orders, unless the list is being iterated (then the iteration compacts at its end). */
  private compact(s: TickSymbol): void {
    if (s.busy > 0) return;
    let any = false;
    for (const o of s.orders) if (o.done) any = true;
    if (any) s.orders = s.orders.filter((o) => !o.done);
  }

  private setMark(s: TickSymbol, mark: number): void {
    s.mark = mark;
    this.hooks.setMark(s.inst.symbol, mark);
  }

  private get(symbol: string): TickSymbol | undefined {
    const l = this.last;
    if (l !== undefined && l.inst.symbol === symbol) return l;
    const s = this.symbols.get(symbol);
    if (s === undefined || s === null) return undefined;
    this.last = s;
    return s;
  }

  private ensure(symbol: string): TickSymbol | undefined {
    const s = this.get(symbol);
    if (s !== undefined) return s;
    if (this.symbols.get(symbol) === null) return undefined;
    const inst = this.hooks.instrument(symbol);
    if (inst === undefined) {
      this.symbols.set(symbol, null);
      return undefined;
    }
    const t: TickSymbol = { inst, book: new OrderBook(symbol, 1024), orders: [], lastTrade: Number.NaN, mark: Number.NaN, busy: 0 };
    this.symbols.set(symbol, t);
    this.last = t;
    return t;
  }
}

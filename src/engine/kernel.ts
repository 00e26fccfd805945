// The deterministic kernel: one synchronous step per timestamp — timers, bars in symbol order, ranked entries; reports through one entry.
import type { ManualClock } from '../core/manual-clock.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import { fixedToNumber } from '../core/fixed.js';
import type { Instrument } from '../core/instrument.js';
import type { ExecutionReport, ExecutionReportSink } from '../core/execution.js';
import type { Fill, OrderRequest, Side } from '../core/orders.js';
import type { Ledger } from '../ledger/ledger.js';
import type { PositionState } from '../ledger/position-book.js';
import { clientOrderIdPrefix, isTerminal, nextOrderStatus, type OrderStatus } from '../oms/order-lifecycle.js';
import type { BarHistory, IndicatorValues } from '../strategy/needs.js';
import type { BarView, EntryCandidate, Strategy, StrategyContext } from '../strategy/strategy.js';
import type { ExecutionPort, ReportScope } from './execution-port.js';
import { LastPrices, type MarkSource } from './mark-source.js';
import { IndicatorHub, type SymbolFeed } from './indicator-hub.js';
import { strategyCrashed } from './strategy-crash.js';
import { ExitManager } from './exit-manager.js';
import { checkExitRules, exitAtrPeriods, type ExitLevels } from '../strategy/exit-rules.js';

type OrderStatusReport = 'accepted' | 'triggered' | 'cancelled' | 'rejected' | 'expired';

export interface KernelObserver {
  onFill?(fill: Fill): void;
  onRejected?(clientId: string, symbol: string, reason: string): void;
  /** A command whose outcome the venue left unknown: the order stays working until evidence resolves it. */
  onUnknown?(clientId: string, symbol: string, reason: string): void;
  onLeverageRejected?(symbol: string, reason: string): void;
}

export interface KernelOptions {
  readonly observer?: KernelObserver;
  /**
   * Prices for equity and `lastPrice`: market data, never the execution port. Default: the kernel's own
   * last prices (bar closes, trade prices); a simulation passes the marks its matching uses.
   */
  readonly marks?: MarkSource;
  /** Each symbol's bar interval (ms), when known: longer timeframes a strategy declares are built from it. */
  readonly barIntervalMs?: ReadonlyMap<string, number | undefined>;
}

interface OrderRecord {
  readonly slot: SymbolSlot;
  status: OrderStatus;
  /** Placed by the engine for the strategy's declared exits (not counted in hasOpenOrders, kept by cancelAll). */
  readonly exit: boolean;
  /** A market order: in bar matching it fills at the bar's open, so the whole bar follows it. */
  readonly market: boolean;
}

interface SymbolSlot {
  readonly inst: Instrument;
  /** Client-id prefixes per side (`strategy:symbol:side:`), built once. */
  readonly buyIdPrefix: string;
  readonly sellIdPrefix: string;
  /** Working orders, the engine's exit orders included. */
  openOrders: number;
  /** Working exit orders of the engine. */
  exitOrders: number;
  /** The ledger's live position object of this symbol (read, never written, here). */
  readonly pos: Readonly<PositionState>;
  /** Declared indicators and timeframes of this symbol; undefined when the strategy declares none. */
  readonly feed: SymbolFeed | undefined;
}

export class Kernel implements StrategyContext, ExecutionReportSink, ReportScope {
  private readonly exec: ExecutionPort;
  private readonly slots = new Map<string, SymbolSlot>();
  /** The slots in instrument order (equity sums positions in this order). */
  private readonly slotList: SymbolSlot[] = [];
  private readonly marks: MarkSource;
  /** The kernel's own last prices, when no mark source is given. */
  private readonly ownMarks: LastPrices | undefined;
  private readonly orders = new Map<string, OrderRecord>();
  private candidates: EntryCandidate[] = [];
  /** True while onEntries runs. */
  private ranking = false;
  private orderSeq = 0;
  /** Time of the open step; starts below any timestamp (a finite double keeps the field unboxed). */
  private stepTime = -8.64e15;
  private started = false;
  private readonly observer: KernelObserver;
  private readonly hub: IndicatorHub;
  private readonly symbolList: readonly string[];
  /** The strategy's declared exits, when it declares any. */
  private readonly exits: ExitManager | undefined;
  private readonly intervals: ReadonlyMap<string, number | undefined>;
  /** The bar the venue is working through while its reports arrive (reportsWithin); undefined otherwise. */
  private matching: BarView | undefined;
  /** The bar the strategy is deciding on (its onBar runs); a fill then happens at that bar's close. */
  private deciding: BarView | undefined;

  constructor(
    private readonly strategyName: string,
    private readonly strategy: Strategy,
    private readonly clock: ManualClock,
    private readonly ledger: Ledger,
    instruments: readonly Instrument[],
    makeExecution: (sink: ExecutionReportSink) => ExecutionPort,
    options: KernelOptions = {},
  ) {
    this.observer = options.observer ?? {};
    this.intervals = new Map(instruments.map((i) => [i.symbol, options.barIntervalMs?.get(i.symbol)]));
    this.hub = new IndicatorHub(this.intervals);
    declareNeeds(this.hub, strategyName, strategy);
    const rules = strategy.needs?.exits;
    const atrHandles = new Map<number, number>();
    if (rules !== undefined) {
      checkExitRules(rules, `strategy ${strategyName}`);
      for (const p of exitAtrPeriods(rules)) atrHandles.set(p, this.hub.register({ name: 'atr', params: { period: p }, label: `exits atr(${p})` }, `strategy ${strategyName}: exits atr(${p})`));
    }
    this.hub.build();
    this.exits =
      rules === undefined
        ? undefined
        : new ExitManager(
            rules,
            {
              instrument: (s) => this.instrument(s),
              position: (s) => this.position(s),
              entryPrice: (s) => this.entryPrice(s),
              submit: (o) => this.place(o, true),
              cancel: (id) => this.cancel(id),
              atr: (s, p) => this.hub.indicator(atrHandles.get(p) as number, s),
            },
            [...atrHandles.keys()],
          );
    this.ownMarks = options.marks === undefined ? new LastPrices() : undefined;
    this.marks = options.marks ?? (this.ownMarks as LastPrices);
    for (const inst of instruments) {
      const slot: SymbolSlot = {
        inst,
        buyIdPrefix: clientOrderIdPrefix(strategyName, inst.symbol, 'buy'),
        sellIdPrefix: clientOrderIdPrefix(strategyName, inst.symbol, 'sell'),
        openOrders: 0,
        exitOrders: 0,
        pos: ledger.position(inst.symbol),
        feed: this.hub.active ? this.hub.feed(inst.symbol) : undefined,
      };
      this.slots.set(inst.symbol, slot);
      this.slotList.push(slot);
    }
    this.symbolList = Object.freeze([...this.slots.keys()].sort());
    this.exec = makeExecution(this);
  }

  // ---- driving the kernel -------------------------------------------------------------------

  start(): void {
    if (this.started) throw new InvariantError('kernel started twice');
    this.started = true;
    try {
      this.strategy.onStart?.(this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onStart', '', this.stepTime, e);
    }
  }

  /**
   * Opens the step at `time`: the clock advances and due timers fire in (time, name) order. Time never
   * goes back; a step may share the time of the one before (the live queue drains items of one
   * millisecond in separate batches); the replay drivers give every step its own time.
   */
  beginStep(time: number): void {
    if (!(time >= this.stepTime)) stepsMustAdvance(time, this.stepTime);
    this.stepTime = time;
    if (this.clock.stepTo(time)) this.fireTimers();
  }

  private fireTimers(): void {
    const due = this.clock.takeDue();
    for (let i = 0; i < due.length; i++) {
      try {
        this.strategy.onTimer?.(due[i].name, due[i].at, this);
      } catch (e) {
        throw strategyCrashed(this.strategyName, 'onTimer', `(timer ${due[i].name})`, this.stepTime, e);
      }
    }
  }

  /** Delivers one symbol's bar: declared indicators, declared exits, then the strategy. */
  bar(bar: BarView): void {
    const slot = this.slots.get(bar.symbol) as SymbolSlot;
    if (this.ownMarks !== undefined) this.ownMarks.onBar(bar.symbol, bar.close);
    if (slot.feed !== undefined) slot.feed.onBar(bar);
    if (this.exits !== undefined) this.exits.onBar(bar.symbol, bar.time, bar.high, bar.low, bar.close, this.intervals.get(bar.symbol));
    if (this.strategy.onBar === undefined) return;
    this.deciding = bar;
    try {
      this.strategy.onBar(bar, this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onBar', `(${bar.symbol}, bar ${bar.index})`, this.stepTime, e);
    }
    this.deciding = undefined;
  }

  /** Delivers one tick-level market event (trade, book update) to the strategy. */
  marketEvent(event: Envelope): void {
    if (this.ownMarks !== undefined) this.ownMarks.onEvent(event);
    if (this.strategy.onEvent === undefined) return;
    try {
      this.strategy.onEvent(event, this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onEvent', `(${event.symbol} ${event.type}, ${event.source} seq ${event.seq})`, this.stepTime, e);
    }
  }

  /** Closes the step's decisions: the proposed entries, ranked, go to the strategy's onEntries. */
  endStep(): void {
    if (this.candidates.length > 0) {
      const ranked = this.candidates;
      this.candidates = [];
      ranked.sort((a, b) => b.score - a.score || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
      this.ranking = true;
      try {
        this.strategy.onEntries?.(ranked, this);
      } catch (e) {
        throw strategyCrashed(this.strategyName, 'onEntries', '', this.stepTime, e);
      } finally {
        this.ranking = false;
      }
    }
  }

  stop(): void {
    try {
      this.strategy.onStop?.(this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onStop', '', this.stepTime, e);
    }
    if (this.candidates.length > 0) this.candidates = [];
  }

  // ---- execution reports ---------------------------------------------------------------------

  /**
   * The one entry for execution reports, in every mode: a simulated venue calls it within the step,
   * the live input queue between items. Reports of orders the kernel does not know (a liquidation,
   * an order placed elsewhere) move the ledger but no order record.
   */
  onExecutionReport(report: ExecutionReport): void {
    switch (report.type) {
      case 'order.filled':
        return this.onFill(report);
      case 'order.accepted':
        return this.onOrderStatus(report.clientId, report.symbol, 'accepted', '');
      case 'order.triggered':
        return this.onOrderStatus(report.clientId, report.symbol, 'triggered', '');
      case 'order.rejected':
        return this.onOrderStatus(report.clientId, report.symbol, 'rejected', report.reason);
      case 'order.cancelled':
        return this.onOrderStatus(report.clientId, report.symbol, 'cancelled', report.reason);
      case 'order.expired':
        return this.onOrderStatus(report.clientId, report.symbol, 'expired', report.reason);
      case 'order.unknown':
        this.observer.onUnknown?.(report.clientId, report.symbol, report.reason);
        return;
      case 'leverage.rejected':
        this.observer.onLeverageRejected?.(report.symbol, report.reason);
        return;
      default:
        return unknownReport(report);
    }
  }

  /**
   * Reports from now until the next call happened while the venue worked through `bar` (a simulated
   * venue matching it): a market order filled then did so at the bar's open and saw the whole bar after.
   */
  reportsWithin(bar: BarView | undefined): void {
    this.matching = bar;
  }

  private onFill(fill: Fill): void {
    const slot = this.slots.get(fill.symbol) as SymbolSlot;
    this.ledger.recordFill(fill, slot.inst.multiplier);
    const rec = this.orders.get(fill.clientId);
    const done = fill.remaining === undefined || fill.remaining === 0;
    if (rec) this.transition(fill.clientId, rec, done ? 'filled' : 'partially-filled');
    const fee = fixedToNumber(fill.fee);
    if (this.exits !== undefined) {
      if (done) this.exits.onOrderDone(fill.clientId, false);
      // When the fill really happened: during a bar's matching, at its venue time; in a strategy callback
      // of a bar step (the `close` fill model), at that bar's close.
      const m = this.matching;
      const d = this.deciding;
      const interval = this.intervals.get(fill.symbol);
      const at = d !== undefined && d.symbol === fill.symbol && interval !== undefined ? d.time + interval : fill.ts;
      // Only a market order that filled while its bar was matched saw the whole bar after it (it filled at the open).
      const wholeBarAfter = m !== undefined && m.symbol === fill.symbol && rec !== undefined && rec.market;
      this.exits.onFill(fill.symbol, fill.price, fill.qty, fee, at, slot.inst.multiplier, wholeBarAfter);
    }
    this.observer.onFill?.(fill);
    if (this.strategy.onFill === undefined) return;
    try {
      this.strategy.onFill({ ...fill, fee }, this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onFill', `(${fill.symbol} ${fill.side} ${fill.qty} @ ${fill.price})`, this.stepTime, e);
    }
  }

  private onOrderStatus(clientId: string, symbol: string, status: OrderStatusReport, reason: string): void {
    const rec = this.orders.get(clientId);
    if (!rec) return; // venue-initiated orders (liquidation) have no record of ours
    this.transition(clientId, rec, status);
    if (this.exits !== undefined && status !== 'accepted' && status !== 'triggered') this.exits.onOrderDone(clientId, status === 'rejected');
    if (status === 'rejected') {
      this.observer.onRejected?.(clientId, symbol, reason);
      try {
        this.strategy.onOrderRejected?.({ type: 'order.rejected', clientId, symbol, reason }, this);
      } catch (e) {
        throw strategyCrashed(this.strategyName, 'onOrderRejected', `(${symbol} ${clientId})`, this.stepTime, e);
      }
    }
  }

  private transition(clientId: string, rec: OrderRecord, event: OrderStatusReport | 'filled' | 'partially-filled'): void {
    const wasOpen = !isTerminal(rec.status);
    rec.status = nextOrderStatus(rec.status, event, clientId);
    if (wasOpen && isTerminal(rec.status)) {
      rec.slot.openOrders--;
      if (rec.exit) rec.slot.exitOrders--;
      this.orders.delete(clientId);
    }
  }

  // ---- StrategyContext -----------------------------------------------------------------------

  now(): number {
    return this.clock.now();
  }

  symbols(): readonly string[] {
    return this.symbolList;
  }

  instrument(symbol: string): Instrument {
    const s = this.slots.get(symbol);
    if (!s) throw new BadInputError(`symbol ${symbol}`, `not traded in this run (symbols: ${[...this.slots.keys()].join(', ')})`);
    return s.inst;
  }

  position(symbol: string): number {
    return this.ledger.position(symbol).qtyNum;
  }

  entryPrice(symbol: string): number | undefined {
    const p = this.ledger.position(symbol);
    return p.qtyNum === 0 ? undefined : p.avgPriceNum;
  }

  cash(): number {
    return this.ledger.cashNum;
  }

  /** Ledger cash plus each position's unrealised PnL at the marks (float view, for sizing). */
  equity(): number {
    const l = this.ledger;
    let eq = l.cashNum;
    if (l.openPositionCount === 0) return eq;
    const slots = this.slotList;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      const q = s.pos.qtyNum;
      if (q === 0) continue;
      const m = this.marks.mark(s.inst.symbol);
      if (m !== undefined) eq += q * (m - s.pos.avgPriceNum) * s.inst.multiplier;
    }
    return eq;
  }

  lastPrice(symbol: string): number | undefined {
    return this.marks.mark(symbol);
  }

  submit(order: OrderRequest): string {
    return this.place(order, false);
  }

  private place(order: OrderRequest, exit: boolean): string {
    const slot = this.slots.get(order.symbol);
    if (!slot) throw new BadInputError(`order for ${order.symbol}`, 'symbol not traded in this run');
    const id = (order.side === 'buy' ? slot.buyIdPrefix : slot.sellIdPrefix) + this.stepTime + ':' + ++this.orderSeq;
    this.orders.set(id, { slot, status: 'submitted', exit, market: order.type === 'market' });
    slot.openOrders++;
    if (exit) slot.exitOrders++;
    this.exec.submit(id, order);
    return id;
  }

  cancel(clientId: string): void {
    const rec = this.orders.get(clientId);
    if (rec) this.exec.cancel(rec.slot.inst.symbol, clientId);
  }

  /** Cancels the strategy's working orders of `symbol`; the engine's exit orders stay (they only ever reduce). */
  cancelAll(symbol: string): void {
    for (const [id, rec] of [...this.orders]) if (rec.slot.inst.symbol === symbol && !rec.exit) this.exec.cancel(symbol, id);
  }

  hasOpenOrders(symbol: string): boolean {
    const s = this.slots.get(symbol);
    return s !== undefined && s.openOrders > s.exitOrders;
  }

  setLeverage(symbol: string, leverage: number): void {
    const problem = this.exec.setLeverage(symbol, leverage);
    if (problem !== undefined) throw new BadInputError(`leverage ${symbol}`, problem);
  }

  proposeEntry(candidate: EntryCandidate): void {
    // A proposal made while the step's proposals are being executed would silently join the next step's ranking.
    if (this.ranking) proposedWhileRanking(this.strategyName, candidate.symbol);
    this.candidates.push(candidate);
  }

  setTimer(name: string, at: number): void {
    this.clock.setTimer(name, at);
  }

  setExits(symbol: string, levels: ExitLevels, side?: Side): void {
    this.instrument(symbol);
    if (this.exits === undefined) throw new BadInputError(`setExits(${symbol})`, 'this strategy declares no exits (needs.exits, or `exits` in defineStrategy)');
    this.exits.setLevels(symbol, levels, side);
  }

  indicator(handle: number, symbol: string): IndicatorValues {
    return this.hub.indicator(handle, symbol);
  }

  bars(symbol: string, timeframeMs?: number): BarHistory {
    return this.hub.bars(symbol, timeframeMs);
  }

  cancelTimer(name: string): void {
    this.clock.cancelTimer(name);
  }
}

/** Registers what the strategy declares in `needs`; handles are the indexes of `needs.indicators`. */
function declareNeeds(hub: IndicatorHub, name: string, strategy: Strategy): void {
  const needs = strategy.needs;
  if (needs === undefined) return;
  hub.active = true;
  (needs.indicators ?? []).forEach((req, i) => hub.register(req, `strategy ${name}: indicator ${req.label ?? i}`));
  for (const tf of needs.timeframes ?? []) hub.requireTimeframe(tf.timeframeMs, tf.history ?? 2, `strategy ${name}: timeframe`);
  if (needs.barHistory !== undefined) hub.requireBarHistory(needs.barHistory, `strategy ${name}: barHistory`);
}

/** Kept out of beginStep: a throw with a formatted message there made V8 compile the hot step badly. */
function stepsMustAdvance(time: number, previous: number): never {
  throw new InvariantError(`steps must not go back in time: ${time} after ${previous}`);
}

function unknownReport(report: never): never {
  throw new InvariantError(`kernel: unknown execution report ${JSON.stringify(report)}`);
}

function proposedWhileRanking(strategy: string, symbol: string): never {
  throw new BadInputError(`proposeEntry(${symbol})`, `called from onEntries by ${strategy}: entries are proposed in onBar/onEvent and executed in onEntries`);
}

// The deterministic kernel: one synchronous step per timestamp — timers, bars in symbol order, ranked entries, liquidation.
import type { ManualClock } from '../core/manual-clock.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import { fixedFromNumber, fixedToNumber } from '../core/fixed.js';
import type { Instrument } from '../core/instrument.js';
import type { Fill, OrderRequest, Side } from '../core/orders.js';
import type { Ledger } from '../ledger/ledger.js';
import { clientOrderIdPrefix, isTerminal, nextOrderStatus, type OrderStatus } from '../oms/order-lifecycle.js';
import type { BarHistory, IndicatorValues } from '../strategy/needs.js';
import type { BarView, EntryCandidate, Strategy, StrategyContext } from '../strategy/strategy.js';
import type { ExecutionListener, ExecutionPort, OrderStatusReport } from './execution-port.js';
import { IndicatorHub, type SymbolFeed } from './indicator-hub.js';
import { strategyCrashed } from './strategy-crash.js';
import { ExitManager } from './exit-manager.js';
import { checkExitRules, exitAtrPeriods, type ExitLevels } from '../strategy/exit-rules.js';

/** A funding-rate series of one symbol: times (ms UTC) and rates per funding period. */
export interface FundingSeries {
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

export interface KernelObserver {
  onFill?(fill: Fill): void;
  onStepEnd?(time: number): void;
  onRejected?(clientId: string, symbol: string, reason: string): void;
}

export interface KernelOptions {
  /** Funding-rate series by symbol (paid at the first bar at or after each funding time). */
  readonly funding?: ReadonlyMap<string, FundingSeries>;
  readonly observer?: KernelObserver;
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
  fundingIdx: number;
  readonly funding: FundingSeries | undefined;
  /** Declared indicators and timeframes of this symbol; undefined when the strategy declares none. */
  readonly feed: SymbolFeed | undefined;
}

export class Kernel implements StrategyContext, ExecutionListener {
  private readonly exec: ExecutionPort;
  private readonly slots = new Map<string, SymbolSlot>();
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
  /** The bar the venue is matching while its fills are reported; undefined otherwise. */
  private matching: BarView | undefined;
  /** The bar the strategy is deciding on (its onBar runs); a fill then happens at that bar's close. */
  private deciding: BarView | undefined;

  constructor(
    private readonly strategyName: string,
    private readonly strategy: Strategy,
    private readonly clock: ManualClock,
    private readonly ledger: Ledger,
    instruments: readonly Instrument[],
    makeExecution: (listener: ExecutionListener) => ExecutionPort,
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
    const funding = options.funding ?? new Map<string, FundingSeries>();
    for (const inst of instruments) {
      this.slots.set(inst.symbol, {
        inst,
        buyIdPrefix: clientOrderIdPrefix(strategyName, inst.symbol, 'buy'),
        sellIdPrefix: clientOrderIdPrefix(strategyName, inst.symbol, 'sell'),
        openOrders: 0,
        exitOrders: 0,
        fundingIdx: 0,
        funding: funding.get(inst.symbol),
        feed: this.hub.active ? this.hub.feed(inst.symbol) : undefined,
      });
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

  /** Opens the step at `time`: the clock advances and due timers fire in (time, name) order. */
  beginStep(time: number): void {
    if (!(time > this.stepTime)) stepsMustAdvance(time, this.stepTime);
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

  /** Delivers one symbol's bar: funding due, venue matching, declared indicators, then the strategy. */
  bar(bar: BarView): void {
    const slot = this.slots.get(bar.symbol) as SymbolSlot;
    if (slot.funding !== undefined) this.applyFunding(slot, bar);
    // Not reset in a `finally`: an exception here ends the run, and the hot step stays lean.
    this.matching = bar;
    this.exec.onBar(bar);
    this.matching = undefined;
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

  /** Delivers one tick-level market event (trade, book update): venue matching first, then the strategy. */
  marketEvent(event: Envelope): void {
    this.exec.onMarketEvent?.(event);
    if (this.strategy.onEvent === undefined) return;
    try {
      this.strategy.onEvent(event, this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onEvent', `(${event.symbol} ${event.type}, ${event.source} seq ${event.seq})`, this.stepTime, e);
    }
  }

  /** Closes the step: ranked entries, liquidation check at the closes, observers. */
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
    this.exec.checkLiquidation();
    this.observer.onStepEnd?.(this.stepTime);
  }

  stop(): void {
    try {
      this.strategy.onStop?.(this);
    } catch (e) {
      throw strategyCrashed(this.strategyName, 'onStop', '', this.stepTime, e);
    }
    if (this.candidates.length > 0) this.candidates = [];
  }

  /** Funding times in (previous bar, this bar] are paid at this bar's open (the price at the funding time). */
  private applyFunding(slot: SymbolSlot, bar: BarView): void {
    const f = slot.funding as FundingSeries;
    while (slot.fundingIdx < f.time.length && f.time[slot.fundingIdx] <= bar.time) {
      const rate = f.rate[slot.fundingIdx];
      const amount = this.exec.fundingPayment(bar.symbol, rate, bar.open);
      if (amount !== undefined && amount !== 0) this.ledger.recordFunding(f.time[slot.fundingIdx], bar.symbol, fixedFromNumber(amount), rate);
      slot.fundingIdx++;
    }
  }

  // ---- ExecutionListener ---------------------------------------------------------------------

  onFill(fill: Fill): void {
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

  onOrderStatus(clientId: string, symbol: string, status: OrderStatusReport, reason: string): void {
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

  equity(): number {
    return this.exec.equity();
  }

  lastPrice(symbol: string): number | undefined {
    return this.exec.mark(symbol);
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
  throw new InvariantError(`steps must advance: ${time} after ${previous}`);
}

function proposedWhileRanking(strategy: string, symbol: string): never {
  throw new BadInputError(`proposeEntry(${symbol})`, `called from onEntries by ${strategy}: entries are proposed in onBar/onEvent and executed in onEntries`);
}

// The context a strategy written with defineStrategy works through: the engine's context plus the current
// symbol, typed parameters, state, declared indicators and bars, and order helpers that snap to the grid.
import { parseInterval } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { roundPrice, roundQty, type Instrument } from '../core/instrument.js';
import type { OrderRequest, OrderType, Side, TimeInForce } from '../core/orders.js';
import type { BarHistory } from '../strategy/needs.js';
import type { EntryCandidate, StrategyContext } from '../strategy/strategy.js';
import type { IndicatorSet } from './indicators.js';

/** Options of `buy` / `sell`. Without `price` (and trigger) the order is a market order. */
export interface OrderOptions {
  /** Defaults to the current symbol. */
  readonly symbol?: string;
  /** Limit price: snapped to the tick on the passive side (a buy down, a sell up), never a worse price. */
  readonly price?: number;
  /** Trigger of a stop or take-profit order: a buy snaps down, a sell up (see README). */
  readonly trigger?: number;
  /** With `trigger`: 'stop' (default: triggers against the position) or 'take-profit'. */
  readonly kind?: 'stop' | 'take-profit';
  readonly tif?: TimeInForce;
  readonly reduceOnly?: boolean;
  /** Shown on the fill and in reports (e.g. "breakout"). */
  readonly reason?: string;
  /** For an entry: this position's stop-loss price, replacing the declared rule's (needs `exits`). */
  readonly stopLoss?: number;
  /** For an entry: this position's take-profit price, replacing the declared rule's (needs `exits`). */
  readonly takeProfit?: number;
}

export interface StrategyApi<P, I, S> {
  readonly params: P;
  /** Your per-run state: what `init` returned (saved and restored with the strategy's state). */
  state: S;
  /** The symbol of the bar, fill or event being handled (or the run's only symbol). */
  readonly symbol: string;
  /** The declared indicators of the current symbol. */
  readonly ind: IndicatorSet<I>;
  /** The declared indicators of another symbol. */
  indicatorsOf(symbol: string): IndicatorSet<I>;
  /** The run's symbols, in name order. */
  symbols(): readonly string[];
  /** Closed bars of the current symbol, newest first (`timeframe` e.g. '4h', declared in `timeframes`). */
  bars(timeframe?: string): BarHistory;
  barsOf(symbol: string, timeframe?: string): BarHistory;

  now(): number;
  instrument(symbol?: string): Instrument;
  /** Signed position (long > 0, short < 0, 0 flat). */
  position(symbol?: string): number;
  entryPrice(symbol?: string): number | undefined;
  lastPrice(symbol?: string): number | undefined;
  cash(): number;
  equity(): number;
  hasOpenOrders(symbol?: string): boolean;

  /** Buys `qty` (snapped down to the lot size); returns the client order id. A size that snaps to 0 is refused. */
  buy(qty: number, o?: OrderOptions): string;
  sell(qty: number, o?: OrderOptions): string;
  /** Closes the whole position of the symbol at market (reduce-only); undefined when flat. */
  closePosition(o?: { readonly symbol?: string; readonly reason?: string }): string | undefined;
  /** Stop-loss / take-profit prices for the symbol's current or next position (with declared `exits`). */
  setExits(levels: { readonly stopLoss?: number; readonly takeProfit?: number }, symbol?: string): void;
  /** Sends an order exactly as given: prices and size must already be on the grid, or it is rejected. */
  submit(order: OrderRequest): string;
  cancel(clientId: string): void;
  cancelAll(symbol?: string): void;
  setLeverage(leverage: number, symbol?: string): void;
  proposeEntry(candidate: EntryCandidate): void;
  setTimer(name: string, at: number): void;
  cancelTimer(name: string): void;
}

/** One per run; the current symbol and the engine context are set before each call into the strategy. */
export class StrategyApiImpl<P, I, S> implements StrategyApi<P, I, S> {
  inner!: StrategyContext;
  current: string | undefined;
  state!: S;
  private readonly sets = new Map<string, IndicatorSet<I>>();
  private lastSet: IndicatorSet<I> | undefined;
  private lastSetSymbol: string | undefined;
  private readonly frames = new Map<string, number>();

  constructor(
    readonly strategyName: string,
    readonly params: P,
    /** Indicator names in handle order. */
    private readonly indicatorNames: readonly string[],
    /** The run's symbols when known (the only one is the default symbol outside symbol callbacks). */
    private readonly onlySymbol: () => string | undefined,
  ) {}

  get symbol(): string {
    const s = this.current ?? this.onlySymbol();
    if (s === undefined) throw new BadInputError('ctx.symbol', `no current symbol here (this run has several: ${this.inner.symbols().join(', ')}): pass the symbol explicitly`);
    return s;
  }

  get ind(): IndicatorSet<I> {
    return this.indicatorsOf(this.symbol);
  }

  indicatorsOf(symbol: string): IndicatorSet<I> {
    if (symbol === this.lastSetSymbol) return this.lastSet as IndicatorSet<I>;
    let set = this.sets.get(symbol);
    if (set === undefined) {
      const record: Record<string, unknown> = {};
      this.indicatorNames.forEach((name, handle) => (record[name] = this.inner.indicator(handle, symbol)));
      set = Object.freeze(record) as IndicatorSet<I>;
      this.sets.set(symbol, set);
    }
    this.lastSet = set;
    this.lastSetSymbol = symbol;
    return set;
  }

  bars(timeframe?: string): BarHistory {
    return this.barsOf(this.symbol, timeframe);
  }

  barsOf(symbol: string, timeframe?: string): BarHistory {
    if (timeframe === undefined) return this.inner.bars(symbol);
    let ms = this.frames.get(timeframe);
    if (ms === undefined) {
      ms = parseInterval(timeframe, `bars(${JSON.stringify(timeframe)})`);
      this.frames.set(timeframe, ms);
    }
    return this.inner.bars(symbol, ms);
  }

  now(): number {
    return this.inner.now();
  }

  symbols(): readonly string[] {
    return this.inner.symbols();
  }

  instrument(symbol?: string): Instrument {
    return this.inner.instrument(symbol ?? this.symbol);
  }

  position(symbol?: string): number {
    return this.inner.position(symbol ?? this.symbol);
  }

  entryPrice(symbol?: string): number | undefined {
    return this.inner.entryPrice(symbol ?? this.symbol);
  }

  lastPrice(symbol?: string): number | undefined {
    return this.inner.lastPrice(symbol ?? this.symbol);
  }

  cash(): number {
    return this.inner.cash();
  }

  equity(): number {
    return this.inner.equity();
  }

  hasOpenOrders(symbol?: string): boolean {
    return this.inner.hasOpenOrders(symbol ?? this.symbol);
  }

  buy(qty: number, o: OrderOptions = {}): string {
    return this.send('buy', qty, o);
  }

  sell(qty: number, o: OrderOptions = {}): string {
    return this.send('sell', qty, o);
  }

  private send(side: Side, qty: number, o: OrderOptions): string {
    const inst = this.instrument(o.symbol);
    const order = snappedOrder(inst, side, qty, o);
    if (o.stopLoss !== undefined || o.takeProfit !== undefined) this.inner.setExits(inst.symbol, { stopLoss: o.stopLoss, takeProfit: o.takeProfit }, side);
    return this.inner.submit(order);
  }

  setExits(levels: { readonly stopLoss?: number; readonly takeProfit?: number }, symbol?: string): void {
    this.inner.setExits(symbol ?? this.symbol, levels);
  }

  closePosition(o: { readonly symbol?: string; readonly reason?: string } = {}): string | undefined {
    const symbol = o.symbol ?? this.symbol;
    const pos = this.inner.position(symbol);
    if (pos === 0) return undefined;
    return this.inner.submit({ symbol, side: pos > 0 ? 'sell' : 'buy', qty: Math.abs(pos), type: 'market', reduceOnly: true, reason: o.reason ?? 'close' });
  }

  submit(order: OrderRequest): string {
    return this.inner.submit(order);
  }

  cancel(clientId: string): void {
    this.inner.cancel(clientId);
  }

  cancelAll(symbol?: string): void {
    this.inner.cancelAll(symbol ?? this.symbol);
  }

  setLeverage(leverage: number, symbol?: string): void {
    this.inner.setLeverage(symbol ?? this.symbol, leverage);
  }

  proposeEntry(candidate: EntryCandidate): void {
    this.inner.proposeEntry(candidate);
  }

  setTimer(name: string, at: number): void {
    this.inner.setTimer(name, at);
  }

  cancelTimer(name: string): void {
    this.inner.cancelTimer(name);
  }
}

/**
 * Snaps an order to the instrument's grid where that is safe: size down to the lot (never more than
 * asked), prices of a buy down and of a sell up (a limit never pays more or receives less than asked; a
 * sell stop below the market triggers no later than asked, a sell take-profit takes no less profit).
 * Non-finite or non-positive inputs, and a size below one lot, are refused with an error naming them.
 */
export function snappedOrder(inst: Instrument, side: Side, qty: number, o: OrderOptions): OrderRequest {
  const where = `${side} ${inst.symbol}`;
  if (!(Number.isFinite(qty) && qty > 0)) throw new BadInputError(where, `quantity must be a positive finite number, got ${qty}`);
  const q = roundQty(inst, qty, 'down');
  if (!(q > 0)) throw new BadInputError(where, `quantity ${qty} is below the lot size ${inst.lotSize} (it would round to 0)`);
  const mode = side === 'buy' ? 'down' : 'up';
  const snap = (px: number | undefined, what: string): number | undefined => {
    if (px === undefined) return undefined;
    if (!(Number.isFinite(px) && px > 0)) throw new BadInputError(where, `${what} must be a positive finite number, got ${px}`);
    const snapped = roundPrice(inst, px, mode);
    if (!(snapped > 0)) throw new BadInputError(where, `${what} ${px} is below one tick of ${inst.symbol} (it would round to 0)`);
    return snapped;
  };
  const price = snap(o.price, 'price');
  const trigger = snap(o.trigger, 'trigger');
  let type: OrderType;
  if (trigger === undefined) {
    if (o.kind !== undefined) throw new BadInputError(where, `kind ${o.kind} needs a trigger price`);
    type = price === undefined ? 'market' : 'limit';
  } else if ((o.kind ?? 'stop') === 'stop') type = price === undefined ? 'stop-market' : 'stop-limit';
  else type = price === undefined ? 'take-profit' : 'take-profit-limit';
  return { symbol: inst.symbol, side, qty: q, type, price, triggerPrice: trigger, tif: o.tif, reduceOnly: o.reduceOnly, reason: o.reason };
}

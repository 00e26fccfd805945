// The Strategy interface and the narrow context through which a strategy sees the market and trades.
import type { Bar, BarSeries } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import type { Instrument } from '../core/instrument.js';
import type { Fill, OrderRequest, Side } from '../core/orders.js';
import type { ExitLevels } from './exit-rules.js';
import type { BarHistory, IndicatorValues, StrategyNeeds } from './needs.js';
import type { ParamSpec, ParamValues } from './params.js';

/** A bar as the strategy sees it. The object is reused: read it during the call, do not keep it. */
export interface BarView extends Bar {
  /** Index of this bar within its symbol's series (0-based). */
  readonly index: number;
}

/** An entry proposal; the kernel ranks all proposals of a step (score desc, then symbol asc). */
export interface EntryCandidate {
  readonly symbol: string;
  readonly score: number;
  /** Strategy-owned payload carried back in `onEntries`. */
  readonly data?: unknown;
}

export interface OrderRejection {
  readonly type: 'order.rejected';
  readonly clientId: string;
  readonly symbol: string;
  readonly reason: string;
}

/** A fill as strategies see it: the venue's report with plain numbers (the ledger keeps the exact fee). */
export interface StrategyFill extends Omit<Fill, 'fee'> {
  /** Fee paid in quote currency (negative for a rebate). */
  readonly fee: number;
}

export interface StrategyContext {
  /** Current step time, ms UTC. */
  now(): number;
  /** The run's symbols, in name order. */
  symbols(): readonly string[];
  instrument(symbol: string): Instrument;
  /** Signed position quantity (long > 0, short < 0, 0 flat). */
  position(symbol: string): number;
  /** Average entry price of the open position, or undefined when flat. */
  entryPrice(symbol: string): number | undefined;
  /** Cash (initial + realised − fees ± funding), quote currency. */
  cash(): number;
  /** Cash + unrealised PnL at the latest closes. */
  equity(): number;
  /** Latest close of `symbol`, or undefined before its first bar. */
  lastPrice(symbol: string): number | undefined;
  /** Sends an order; returns its deterministic client id. Rejections arrive via `onOrderRejected`. */
  submit(order: OrderRequest): string;
  cancel(clientId: string): void;
  cancelAll(symbol: string): void;
  /** True while any order of `symbol` is working (not filled, cancelled, rejected or expired). */
  hasOpenOrders(symbol: string): boolean;
  /** Sets the leverage used for margin on `symbol` (1 … instrument max). */
  setLeverage(symbol: string, leverage: number): void;
  /** Proposes an entry; it comes back ranked in `onEntries` at the end of the step. */
  proposeEntry(candidate: EntryCandidate): void;
  setTimer(name: string, at: number): void;
  cancelTimer(name: string): void;
  /** Indicator `handle` (its index in `needs.indicators`) of `symbol`, updated before each of its bars is delivered. */
  indicator(handle: number, symbol: string): IndicatorValues;
  /** Closed bars of `symbol`, newest first: the run's own interval, or a longer one declared in `needs.timeframes`. */
  bars(symbol: string, timeframeMs?: number): BarHistory;
  /** Stop-loss and take-profit prices for `symbol`'s current or next position, replacing the declared rules' (needs `needs.exits`). */
  setExits(symbol: string, levels: ExitLevels, side?: Side): void;
}

export interface Strategy {
  /** Indicators and longer-interval bars the engine keeps for this strategy (read through the context). */
  readonly needs?: StrategyNeeds;
  onStart?(ctx: StrategyContext): void;
  onBar?(bar: BarView, ctx: StrategyContext): void;
  /** Tick-level market events (trades, book updates) when the run has them. */
  onEvent?(event: Envelope, ctx: StrategyContext): void;
  /** After every symbol of a step was delivered: the step's entry proposals, ranked. */
  onEntries?(ranked: readonly EntryCandidate[], ctx: StrategyContext): void;
  onTimer?(name: string, at: number, ctx: StrategyContext): void;
  onFill?(fill: StrategyFill, ctx: StrategyContext): void;
  onOrderRejected?(rejection: OrderRejection, ctx: StrategyContext): void;
  /** At the end of the data (backtest) or on shutdown. */
  onStop?(ctx: StrategyContext): void;
  saveState?(): unknown;
  loadState?(state: unknown): void;
}

export interface StrategyOptions {
  /** Parsed content of `--strategy-config` (already read by the caller), or undefined. */
  readonly config?: unknown;
  /** Where the config came from, for error messages. */
  readonly configSource?: string;
}

/** What a strategy module exports: its name, declared parameters (read by sweeps) and a factory. */
export interface StrategyDefinition {
  readonly name: string;
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  create(params: ParamValues, options: StrategyOptions): Strategy;
  /** Simulated-venue settings this strategy was designed under; CLI options override them. */
  readonly simDefaults?: SimDefaults;
  /** True when `create` reads `options.config` (`--strategy-config`); a config given to any other is ignored, with a warning. */
  readonly readsConfig?: boolean;
  /** simDefaults refined by the strategy's config (e.g. entry slippage read from its YAML); preferred when present. */
  simDefaultsFor?(options: StrategyOptions): SimDefaults;
  /** Lines the report draws over the bars (research's IndicatorLine): what the strategy looks at. */
  chartLines?(params: ParamValues, series: readonly BarSeries[]): ChartLine[];
}

/** A line over one symbol's bars, `values[i]` for bar i, NaN before it has a value. */
export interface ChartLine {
  readonly symbol: string;
  readonly label: string;
  readonly pane: 'price' | 'own';
  readonly values: Float64Array;
}

export interface SimDefaults {
  readonly fillModel?: string;
  readonly slippageBps?: number;
  /** Slippage on position-reducing taker fills, bps (a reference engine's fixed exit slippage). */
  readonly exitSlippageBps?: number;
  readonly takerFeeBps?: number;
  readonly tick?: number;
  readonly lot?: number;
}

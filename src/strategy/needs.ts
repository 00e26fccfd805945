// What a strategy declares it needs from the engine (indicators, longer-interval bars) and how it reads them.
import type { Indicator } from '../indicators/index.js';
import type { ExitRules } from './exit-rules.js';
import type { BarHistory } from '../market/bar-ring.js';

export type { BarHistory };

/** One indicator a strategy reads, per symbol. Equal requests (name, parameters, timeframe) share one instance. */
export interface IndicatorRequest {
  /** A catalogue name (`sma`, `atr`, …; see src/indicators/README.md) or the id of a custom indicator. */
  readonly name: string;
  /** Catalogue parameters (missing ones take the catalogue defaults). */
  readonly params?: Readonly<Record<string, number | string>>;
  /** Computed on bars of this interval (ms) built from the run's own bars; absent: the run's bars. */
  readonly timeframeMs?: number;
  /** Values kept per line, the current one included (default and minimum 2: current and previous, for crosses). */
  readonly history?: number;
  /** How errors and reports name it (e.g. the key a strategy reads it by); default the name. */
  readonly label?: string;
  /** A custom indicator: one instance per symbol. Its `name` must not be a catalogue name. */
  readonly create?: () => Indicator;
}

/** Closed bars of an interval longer than the run's own, with how many to keep. */
export interface TimeframeRequest {
  readonly timeframeMs: number;
  /** Closed bars kept (default 2). */
  readonly history?: number;
}

export interface StrategyNeeds {
  readonly indicators?: readonly IndicatorRequest[];
  readonly timeframes?: readonly TimeframeRequest[];
  /** Closed bars of the run's own interval kept for `ctx.bars(symbol)` (default 2). */
  readonly barHistory?: number;
  /** Exits the engine keeps on every position as reduce-only orders (see exit-rules.ts). */
  readonly exits?: ExitRules;
}

/** One line of an indicator for one symbol: its current and past values. */
export interface LineValues {
  /** Current value, or undefined while the indicator warms up. */
  readonly value: number | undefined;
  /** The value `ago` updates back (0 = current), or undefined when not computed yet or not kept. */
  at(ago: number): number | undefined;
  /** True once the line has a value. */
  readonly ready: boolean;
  /** This line was ≤ `other` one update ago and is > it now (`other` a line or a constant). */
  crossedAbove(other: LineValues | number): boolean;
  /** This line was ≥ `other` one update ago and is < it now. */
  crossedBelow(other: LineValues | number): boolean;
}

/** An indicator for one symbol: its first line directly, every line by name. */
export interface IndicatorValues extends LineValues {
  /** Line names (`['']` for single-line indicators, e.g. `['macd', 'signal', 'hist']`). */
  readonly lines: readonly string[];
  /** Line `name` (throws BadInputError naming the valid lines). */
  line(name: string): LineValues;
}

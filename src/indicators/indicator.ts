// The uniform indicator contract the CLI, batch runner and strategies drive, and the catalogue entry shape.

/** Any indicator, fed one OHLCV bar at a time. Concrete classes (Sma, Macd, ...) have typed fields for hot use. */
export interface Indicator {
  /** Catalogue name, e.g. `macd`. */
  readonly name: string;
  /** Line names: `['']` for single-line indicators, e.g. `['macd', 'signal', 'hist']`. */
  readonly lines: readonly string[];
  /**
   * Per line, how many bars away from the current bar its current value is plotted: 0 for every line
   * except Ichimoku's chikou (−displacement: the current close is drawn that many bars back).
   */
  readonly shifts: readonly number[];
  update(open: number, high: number, low: number, close: number, volume: number): void;
  /** All lines valid. Once true it stays true. */
  readonly ready: boolean;
  /** Current value of line i; only meaningful when `lineReady(i)`. */
  value(line: number): number;
  lineReady(line: number): boolean;
}

export type ParamValue = number | string;

export interface ParamSpec {
  readonly name: string;
  /** `int` and `number` accept numbers or numeric strings; `choice` one of `choices`. */
  readonly kind: 'int' | 'number' | 'choice';
  readonly default: ParamValue;
  readonly choices?: readonly string[];
  readonly help: string;
}

/** A catalogue entry: what `createIndicator` needs to build an indicator by name. */
export interface IndicatorSpec {
  readonly name: string;
  readonly summary: string;
  readonly lines: readonly string[];
  readonly params: readonly ParamSpec[];
  /** `p` holds every parameter (defaults filled in, numbers parsed); constructors check the ranges. */
  create(p: Readonly<Record<string, ParamValue>>, where: string): Indicator;
}

// The risk section of the configuration: the limits the risk manager enforces, as typed data (no I/O).

/**
 * Kill levels, from least to most severe. `close_only`: no opens or adds; `halt_all`: no new orders;
 * `hard`: blocks exits too; `flatten`: close everything now, then behave as `halt_all`.
 */
export type KillLevel = 'off' | 'close_only' | 'halt_all' | 'hard' | 'flatten';

export const KILL_LEVELS: readonly KillLevel[] = ['off', 'close_only', 'halt_all', 'hard', 'flatten'];

/** A closed range; either end may be absent (unbounded). Percent values are percents: 2 means 2 %. */
export interface PctRange {
  readonly min?: number;
  readonly max?: number;
}

/** Token-bucket rates per action, in orders per minute (bursts up to the same count). */
export interface RiskRates {
  readonly entriesPerMin: number;
  readonly entriesPerSymbolPerMin: number;
  readonly exitsPerMin: number;
  readonly cancelsPerMin: number;
}

/**
 * Limits for one symbol after the config's merge order (defaults ← global ← per symbol ← per mode).
 * Notionals are in quote currency (USD); `undefined` means "no limit" only where the type allows it.
 */
export interface RiskLimits {
  readonly maxOrderNotional: number;
  readonly maxSymbolNotional: number;
  readonly maxAccountNotional: number;
  /** Account-wide gross notional / equity, and per symbol. */
  readonly maxLeverage: number;
  readonly maxOpenPositions: number;
  /** The venue's minimum order value (Hyperliquid: 10 USD). */
  readonly minOrderNotional: number;
  /** Stop-loss distance from entry, percent of entry price; entries without a stop are refused when `requireStopLoss`. */
  readonly stopLossPct: PctRange;
  readonly takeProfitPct: PctRange;
  readonly requireStopLoss: boolean;
  /** Reward:risk floor (take-profit distance / stop distance); absent = not checked. */
  readonly minRewardRisk?: number;
  /** Refuse when the order's price is worse than the live book's touch by more than this (basis points). */
  readonly maxSlippageBps: number;
  /** A book older than this (ms) is stale: entries are refused. Absent = 5 000 ms. */
  readonly maxBookAgeMs?: number;
  readonly rates: RiskRates;
  /** Daily loss limit net of fees and funding, in USD (UTC day); breaching sets `onBreach`. */
  readonly maxDailyLoss?: number;
  /** Drawdown from the trailing equity peak, percent; breaching sets `onBreach`. */
  readonly maxDrawdownPct?: number;
  /** When the trailing peak resets: never (default), at each UTC day, or when the kill level is cleared. */
  readonly drawdownPeakReset: 'never' | 'daily' | 'on_resume';
  /** The kill level a breached daily-loss or drawdown rule sets. */
  readonly onBreach: Exclude<KillLevel, 'off'>;
}

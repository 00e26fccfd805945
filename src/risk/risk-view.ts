// The risk manager's view of the account: a port the caller implements from the ledger, the OMS and the live books.
import type { UnixMs } from '../core/clock.js';

export interface RiskPosition {
  /** Signed size: positive long, negative short. */
  readonly qty: number;
  readonly entryPrice: number;
  readonly markPrice: number;
}

/** Resting orders that can add exposure (reduce-only orders excluded). */
export interface RiskOpenOrders {
  readonly count: number;
  /** Σ remaining qty × limit (or trigger) price, quote currency. */
  readonly notional: number;
}

export interface RiskBook {
  readonly bid: number;
  readonly ask: number;
  /** When the book was last updated, by our clock (receive time). */
  readonly ts: UnixMs;
}

/** Realised PnL net of fees and funding over one UTC day. */
export interface RiskDailyPnl {
  /** Start (00:00 UTC) of the day the figure covers; must be today's by the risk manager's clock. */
  readonly dayStartMs: UnixMs;
  readonly realisedNet: number;
}

export interface RiskView {
  /** Account equity (cash + unrealised PnL), quote currency. */
  equity(): number;
  /** Open positions by symbol (flat symbols may be absent). */
  positions(): ReadonlyMap<string, RiskPosition>;
  /** Resting orders of `symbol`, or of the whole account when `symbol` is absent. */
  openOrders(symbol?: string): RiskOpenOrders;
  /** The live book's touch, or undefined when there is none. */
  book(symbol: string): RiskBook | undefined;
  dailyPnl(): RiskDailyPnl;
}

export const DAY_MS = 86_400_000;

/** 00:00 UTC of the day holding `t`. */
export function utcDayStart(t: UnixMs): UnixMs {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

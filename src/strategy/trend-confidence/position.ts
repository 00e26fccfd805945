// The strategy's own record of an open position: what the reference engine keeps beside size and price.
import type { ConfidenceRank } from './confidence.js';

export interface TcPosition {
  /** 1 long, −1 short. */
  side: 1 | -1;
  /** Average entry fill price (from fills). */
  entryPrice: number;
  /** Absolute size (from fills). */
  size: number;
  confidence: ConfidenceRank;
  /** ATR at entry (floored by min_atr_pct), frozen: every exit distance is in these units. */
  entryAtr: number;
  /** The entry mode's effective ADX minimum; the exhaustion exit prefers it when > 0. */
  entryAdxThreshold: number;
  /** Ratcheted trailing stop price, or null before trailing starts. */
  trailingSl: number | null;
  leverage: number;
  /** Margin counted against headroom (notional / leverage at entry, plus adds). */
  marginUsed: number;
  addsCount: number;
  tp1Taken: boolean;
  openTime: number;
  lastAddTime: number;
}

/** Entry ATR, or 0.5 % of the entry price when it is not positive (the reference's fallback). */
export function effectiveAtr(p: TcPosition): number {
  return p.entryAtr > 0 ? p.entryAtr : p.entryPrice * 0.005;
}

/** Profit in entry-ATR units at `close` (positive in the position's favour). */
export function profitAtr(p: TcPosition, close: number): number {
  const atr = effectiveAtr(p);
  if (atr <= 0) return 0;
  return (p.side === 1 ? close - p.entryPrice : p.entryPrice - close) / atr;
}

export function isUnderwater(p: TcPosition, close: number): boolean {
  return p.side === 1 ? close < p.entryPrice : close > p.entryPrice;
}

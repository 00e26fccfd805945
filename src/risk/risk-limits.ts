// The limits the risk manager runs with: account-wide ones and per-symbol overrides, checked once when set.
import type { PctRange, RiskLimits } from '../config/risk-config.js';
import { KILL_LEVELS } from '../config/risk-config.js';
import { BadInputError } from '../core/errors.js';

export const DEFAULT_MAX_BOOK_AGE_MS = 5_000;

/**
 * `account` holds the account-wide limits (account notional and leverage, open positions, the global
 * rate buckets, daily loss, drawdown, onBreach) and the per-order ones for symbols without an entry
 * in `symbols`; a symbol's entry holds its per-order and per-symbol limits.
 */
export interface RiskLimitSet {
  readonly account: RiskLimits;
  readonly symbols?: ReadonlyMap<string, RiskLimits>;
}

/** Throws a BadInputError naming the first bad limit (key, value, expectation). */
export function validateLimitSet(set: RiskLimitSet): void {
  validateLimits(set.account, 'risk');
  for (const [symbol, limits] of set.symbols ?? new Map<string, RiskLimits>()) validateLimits(limits, `risk.symbols.${symbol}`);
}

function validateLimits(l: RiskLimits, at: string): void {
  const num = (key: string, v: unknown, ok: (n: number) => boolean, expect: string): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new BadInputError(`${at}.${key}`, `expected ${expect}, got ${String(v)}`);
  };
  const nonNeg = (n: number): boolean => n >= 0;
  const pos = (n: number): boolean => n > 0;
  num('maxOrderNotional', l.maxOrderNotional, nonNeg, 'a finite number ≥ 0 (USD)');
  num('maxSymbolNotional', l.maxSymbolNotional, nonNeg, 'a finite number ≥ 0 (USD)');
  num('maxAccountNotional', l.maxAccountNotional, nonNeg, 'a finite number ≥ 0 (USD)');
  num('maxLeverage', l.maxLeverage, pos, 'a finite number > 0');
  num('maxOpenPositions', l.maxOpenPositions, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0');
  num('minOrderNotional', l.minOrderNotional, nonNeg, 'a finite number ≥ 0 (USD)');
  num('maxSlippageBps', l.maxSlippageBps, nonNeg, 'a finite number ≥ 0 (basis points)');
  if (l.maxBookAgeMs !== undefined) num('maxBookAgeMs', l.maxBookAgeMs, pos, 'a finite number > 0 (ms)');
  if (l.minRewardRisk !== undefined) num('minRewardRisk', l.minRewardRisk, nonNeg, 'a finite number ≥ 0');
  if (l.maxDailyLoss !== undefined) num('maxDailyLoss', l.maxDailyLoss, nonNeg, 'a finite number ≥ 0 (USD)');
  if (l.maxDrawdownPct !== undefined) num('maxDrawdownPct', l.maxDrawdownPct, (n) => n > 0 && n <= 100, 'a percent in (0, 100]');
  range(l.stopLossPct, `${at}.stopLossPct`);
  range(l.takeProfitPct, `${at}.takeProfitPct`);
  const r = l.rates;
  num('rates.entriesPerMin', r.entriesPerMin, pos, 'a finite number > 0 (orders a minute)');
  num('rates.entriesPerSymbolPerMin', r.entriesPerSymbolPerMin, pos, 'a finite number > 0 (orders a minute)');
  num('rates.exitsPerMin', r.exitsPerMin, pos, 'a finite number > 0 (orders a minute)');
  num('rates.cancelsPerMin', r.cancelsPerMin, pos, 'a finite number > 0 (cancels a minute)');
  if (typeof l.requireStopLoss !== 'boolean') throw new BadInputError(`${at}.requireStopLoss`, `expected true or false, got ${String(l.requireStopLoss)}`);
  if (!['never', 'daily', 'on_resume'].includes(l.drawdownPeakReset)) throw new BadInputError(`${at}.drawdownPeakReset`, `expected never, daily or on_resume, got ${String(l.drawdownPeakReset)}`);
  if ((l.onBreach as string) === 'off' || !KILL_LEVELS.includes(l.onBreach)) throw new BadInputError(`${at}.onBreach`, `expected one of ${KILL_LEVELS.filter((k) => k !== 'off').join(', ')}, got ${String(l.onBreach)}`);
}

function range(r: PctRange, at: string): void {
  for (const end of ['min', 'max'] as const) {
    const v = r[end];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) throw new BadInputError(`${at}.${end}`, `expected a finite percent ≥ 0, got ${String(v)}`);
  }
  if (r.min !== undefined && r.max !== undefined && r.min > r.max) throw new BadInputError(at, `min ${r.min} is above max ${r.max}`);
}

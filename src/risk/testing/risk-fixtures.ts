// Fixtures for the risk tests: a full set of limits, a calm account with a BTC book, and intent builders.
import type { RiskLimits } from '../../config/risk-config.js';
import { ManualClock } from '../../core/manual-clock.js';
import type { OrderIntent } from '../risk-intent.js';
import { RiskManager } from '../risk-manager.js';
import type { RiskLimitSet } from '../risk-limits.js';
import { utcDayStart } from '../risk-view.js';
import { StaticRiskView, type StaticRiskViewData } from '../static-view.js';

/** Noon UTC, Monday 5 January 2026. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

export function testLimits(patch: Partial<RiskLimits> = {}): RiskLimits {
  return {
    maxOrderNotional: 10_000,
    maxSymbolNotional: 20_000,
    maxAccountNotional: 50_000,
    maxLeverage: 5,
    maxOpenPositions: 3,
    minOrderNotional: 10,
    stopLossPct: { min: 0.5, max: 5 },
    takeProfitPct: { min: 0.5, max: 20 },
    requireStopLoss: false,
    minRewardRisk: 1,
    maxSlippageBps: 20,
    maxBookAgeMs: 5_000,
    rates: { entriesPerMin: 30, entriesPerSymbolPerMin: 6, exitsPerMin: 120, cancelsPerMin: 120 },
    maxDailyLoss: 500,
    maxDrawdownPct: 10,
    drawdownPeakReset: 'never',
    onBreach: 'close_only',
    ...patch,
  };
}

/** Equity 10 000, no positions, BTC/ETH/SOL/XRP books at 100 (bid 99.99, ask 100) as of `ts`, nothing lost today. */
export function testView(patch: Partial<StaticRiskViewData> = {}, ts = T0): StaticRiskView {
  const book = { bid: 99.99, ask: 100, ts };
  return new StaticRiskView({ equity: 10_000, books: { BTC: book, ETH: book, SOL: book, XRP: book, DOGE: book, ADA: book }, daily: { dayStartMs: utcDayStart(ts), realisedNet: 0 }, ...patch });
}

/** A limit buy of BTC at 100 by bot b1. */
export function buy(qty: number, patch: Partial<OrderIntent> = {}): OrderIntent {
  return { botId: 'b1', symbol: 'BTC', side: 'buy', qty, price: 100, type: 'limit', reduceOnly: false, ...patch };
}

export function sell(qty: number, patch: Partial<OrderIntent> = {}): OrderIntent {
  return { botId: 'b1', symbol: 'BTC', side: 'sell', qty, price: 100, type: 'limit', reduceOnly: false, ...patch };
}

export function testManager(account: Partial<RiskLimits> = {}, symbols?: ReadonlyMap<string, RiskLimits>, clock = new ManualClock(T0)): { risk: RiskManager; clock: ManualClock } {
  const limits: RiskLimitSet = symbols === undefined ? { account: testLimits(account) } : { account: testLimits(account), symbols };
  return { risk: new RiskManager({ clock, limits }), clock };
}

/** A long or short position of `qty` at 100. */
export function at100(qty: number): { qty: number; entryPrice: number; markPrice: number } {
  return { qty, entryPrice: 100, markPrice: 100 };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import type { BacktestResult, RoundTrip } from './backtest-result.js';
import { computeMetrics, type AnnualiseRule } from './metrics.js';

/** Formula tests on short curves: annualised figures whatever the span. */
const ALWAYS: AnnualiseRule = { minDays: 0, minReturns: 0 };

const DAY = 86_400_000;

function result(over: Partial<BacktestResult> & { equity?: Float64Array }): BacktestResult {
  const equity = over.equity ?? new Float64Array(0);
  const equityTime = over.equityTime ?? Float64Array.from(equity, (_, i) => i * DAY);
  return {
    strategy: 's',
    params: {},
    symbols: ['BTC'],
    fillModel: 'next-open',
    initialCash: 100,
    inMarket: new Uint8Array(equity.length),
    fills: [],
    trades: [],
    openPositions: [],
    rejections: [],
    finalCash: equity.length > 0 ? String(equity[equity.length - 1]) : '100',
    finalEquity: equity.length > 0 ? String(equity[equity.length - 1]) : '100',
    totalFees: '0',
    totalFunding: '0',
    bars: [],
    barCount: equity.length,
    ...over,
    equity,
    equityTime,
  };
}

function trip(netPnl: number): RoundTrip {
  return {
    symbol: 'BTC',
    direction: 'long',
    entryTime: 0,
    exitTime: DAY,
    qty: 1,
    entryPrice: 100,
    exitPrice: 100 + netPnl,
    grossPnl: netPnl,
    fees: 0,
    netPnl,
    exitReason: 'signal',
  };
}

function close(actual: number | null, expected: number): void {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `expected ${expected}, got ${actual}`);
}

test('keys are exactly the JSON contract, in order', () => {
  const m = computeMetrics(result({ equity: Float64Array.of(100, 101) }));
  assert.deepEqual(Object.keys(m), [
    'final_equity', 'final_cash', 'total_return', 'cagr', 'max_drawdown', 'sharpe', 'sortino', 'calmar',
    'profit_factor', 'win_rate', 'trades', 'open_position', 'exposure', 'fees', 'funding', 'rejected_orders',
  ]);
});

test('curve metrics on 100 → 110, 99, 121 over three daily steps', () => {
  const m = computeMetrics(result({ equity: Float64Array.of(110, 99, 121), finalEquity: '121', finalCash: '121' }), ALWAYS);
  close(m.total_return, 0.21);
  // 3 daily bars span 3 days: years = 3 / 365.25.
  const cagr = Math.pow(1.21, 365.25 / 3) - 1;
  close(m.cagr, cagr);
  // peak 110, trough 99.
  close(m.max_drawdown, 0.1);
  // returns 0.1, −0.1, 22/99; mean 2/27; deviations 0.7/27, −4.7/27, 4/27; sample var 19.29/729.
  close(m.sharpe, (2 / Math.sqrt(19.29)) * Math.sqrt(365.25));
  // downside deviation sqrt(0.01 / 3).
  close(m.sortino, ((2 / 27) / Math.sqrt(0.01 / 3)) * Math.sqrt(365.25));
  close(m.calmar, cagr / 0.1);
});

test('drawdown peak starts at initial cash', () => {
  const m = computeMetrics(result({ equity: Float64Array.of(90, 95) }));
  close(m.max_drawdown, 0.1);
});

test('periods per year come from the median step, not the bar count', () => {
  // hourly steps: ppy = 8766. returns 0.01 and −0.01 (from 101 to 99.99): mean 0, so both ratios are 0.
  const m = computeMetrics(
    result({ equity: Float64Array.of(101, 99.99), equityTime: Float64Array.of(0, 3_600_000) }),
    ALWAYS,
  );
  close(m.sharpe, 0);
  close(m.sortino, 0);
  // span 1h + 1h median step (no bar interval known) = 2h.
  close(m.cagr, Math.pow(0.9999, (365.25 * 24) / 2) - 1);
});

test('bar interval of the input series is used for the cagr span', () => {
  const bars = [{ symbol: 'BTC', intervalMs: DAY, length: 0, time: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0), volume: new Float64Array(0), priceDecimals: undefined }];
  // one equity point: span = one bar = 1 day; no step, so no Sharpe.
  const m = computeMetrics(result({ equity: Float64Array.of(110), bars }), ALWAYS);
  close(m.cagr, Math.pow(1.1, 365.25) - 1);
  assert.equal(m.sharpe, null);
  assert.equal(m.sortino, null);
});

test('null cases: single point without interval, flat curve, empty curve', () => {
  const one = computeMetrics(result({ equity: Float64Array.of(110) }), ALWAYS);
  assert.equal(one.cagr, null);
  assert.equal(one.calmar, null);
  close(one.total_return, 0.1);

  const flat = computeMetrics(result({ equity: Float64Array.of(100, 100, 100) }), ALWAYS);
  assert.equal(flat.sharpe, null);
  assert.equal(flat.sortino, null);
  assert.equal(flat.max_drawdown, 0);
  assert.equal(flat.calmar, null);
  assert.equal(flat.cagr, 0);
  assert.equal(flat.total_return, 0);

  const empty = computeMetrics(result({}));
  assert.equal(empty.max_drawdown, null);
  assert.equal(empty.cagr, null);
  assert.equal(empty.sharpe, null);
  assert.equal(empty.exposure, null);
});

test('sortino is null without a losing step; constant growth has no Sharpe', () => {
  const up = computeMetrics(result({ equity: Float64Array.of(101, 103) }), ALWAYS);
  assert.equal(up.sortino, null);
  assert.ok(up.sharpe !== null && up.sharpe > 0);
  const g = computeMetrics(result({ equity: Float64Array.of(101, 102.01, 103.0301) }), ALWAYS);
  assert.equal(g.sharpe, null);
});

test('negative equity: no cagr, no Sharpe, drawdown above 1', () => {
  const m = computeMetrics(result({ equity: Float64Array.of(50, -10, 20), finalEquity: '-10' }), ALWAYS);
  assert.equal(m.cagr, null);
  assert.equal(m.sharpe, null);
  assert.equal(m.sortino, null);
  close(m.max_drawdown, 1.1);
  close(m.total_return, -1.1);
});

test('trade statistics use net PnL of round trips', () => {
  const m = computeMetrics(result({ trades: [10, -5, 0, 20, -15].map(trip) }));
  assert.equal(m.trades, 5);
  close(m.profit_factor, 30 / 20);
  close(m.win_rate, 2 / 5);
  const noLoss = computeMetrics(result({ trades: [trip(5), trip(0)] }));
  assert.equal(noLoss.profit_factor, null);
  close(noLoss.win_rate, 0.5);
  const none = computeMetrics(result({}));
  assert.equal(none.trades, 0);
  assert.equal(none.profit_factor, null);
  assert.equal(none.win_rate, null);
});

test('exposure, open positions and decimal strings', () => {
  const m = computeMetrics(
    result({
      equity: Float64Array.of(100, 101, 102, 103),
      inMarket: Uint8Array.of(1, 0, 1, 1),
      openPositions: [{ symbol: 'ETH', qty: -2, avgPrice: 10, markPrice: 9, unrealizedPnl: 2 }],
      finalEquity: '1234.567800',
      finalCash: '1000.5',
      totalFees: '3.25',
      totalFunding: '-0.125',
    }),
  );
  close(m.exposure, 0.75);
  assert.deepEqual(m.open_position, [{ symbol: 'ETH', qty: -2, avg_price: 10, mark_price: 9, unrealized_pnl: 2 }]);
  assert.equal(m.final_equity, 1234.5678);
  assert.equal(m.final_cash, 1000.5);
  assert.equal(m.fees, 3.25);
  assert.equal(m.funding, -0.125);
  assert.deepEqual(computeMetrics(result({})).open_position, []);
});

test('a malformed decimal string is bad input', () => {
  assert.throws(() => computeMetrics(result({ totalFees: 'abc' })), BadInputError);
});

test('a 1M-step curve is handled in linear time', () => {
  const n = 1_000_000;
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) equity[i] = 100 + (i % 100) - 50 * Math.floor((i % 200) / 100);
  const m = computeMetrics(result({ equity, equityTime: Float64Array.from(equity, (_, i) => i * 60_000) }));
  assert.ok(m.sharpe !== null && Number.isFinite(m.sharpe));
  assert.ok(m.max_drawdown !== null && m.max_drawdown > 0);
});

test('annualised figures need 90 days and 30 returns', () => {
  const rising = (n: number, stepMs: number): BacktestResult => {
    const equity = Float64Array.from({ length: n }, (_, i) => 100 + i + (i % 2) * 0.5);
    return result({ equity, equityTime: Float64Array.from(equity, (_, i) => i * stepMs), finalEquity: String(equity[n - 1]) });
  };
  // 89 daily points span 89 days (the last bar held one day): too short; 90 is enough.
  const short = computeMetrics(rising(89, DAY));
  assert.deepEqual([short.cagr, short.sharpe, short.sortino, short.calmar], [null, null, null, null]);
  assert.ok(short.total_return !== null && short.max_drawdown !== null);
  const enough = computeMetrics(rising(90, DAY));
  assert.ok(enough.cagr !== null && enough.sharpe !== null);
  // 29 points 4 days apart span 116 days but give only 29 returns.
  assert.equal(computeMetrics(rising(29, 4 * DAY)).sharpe, null);
  assert.notEqual(computeMetrics(rising(30, 4 * DAY)).sharpe, null);
});

test('rejected orders are counted by reason code, the detail after ": " ignored', () => {
  const rej = (reason: string) => ({ time: 0, symbol: 'BTC', clientId: 'c', reason });
  const m = computeMetrics(result({
    rejections: [
      rej('insufficient margin: needs 10.00 at 1x, available 5.00'),
      rej('reduce-only order would increase the position'),
      rej('insufficient margin: needs 12.00 at 1x, available 5.00'),
    ],
  }));
  assert.deepEqual(m.rejected_orders, { 'insufficient margin': 2, 'reduce-only order would increase the position': 1 });
  assert.deepEqual(computeMetrics(result({})).rejected_orders, {});
});

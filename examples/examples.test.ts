// The shipped examples type-check, run on a seeded synthetic market, trade, and exit the way they declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, syntheticBars } from 'sextant';
import emaTrend from './ema-trend.ts';
import rsiRoi from './rsi-roi.ts';

// SIMULATED DATA: two seeded synthetic hourly markets (trends and ranges), a year each.
const bars = [syntheticBars({ seed: 11, bars: 8_760, symbol: 'AAA', interval: '1h' }), syntheticBars({ seed: 12, bars: 8_760, symbol: 'BBB', interval: '1h', startPrice: 150 })];

function exitReasons(fills: readonly { readonly reason: string }[]): Set<string> {
  return new Set(fills.map((f) => f.reason));
}

test('ema-trend trades both ways with the daily filter and exits by its ATR stop and trailing stop', () => {
  const { result, metrics } = backtest(emaTrend, { bars, makerBps: 1.5, takerBps: 4.5, lot: 0.0001 });
  assert.ok(metrics.trades > 0, `expected trades, got ${metrics.trades}`);
  const reasons = exitReasons(result.fills);
  for (const r of ['trend long', 'trend short', 'Stop Loss', 'Trailing Stop']) assert.ok(reasons.has(r), `no fill with reason ${r}: ${[...reasons].join(', ')}`);
  result.ledger?.checkInvariants();
});

test('rsi-roi buys dips and exits by the ROI table or the stoploss, never holding past the last ROI step at a loss', () => {
  const { result, metrics } = backtest(rsiRoi, { bars, makerBps: 2, takerBps: 5, lot: 0.0001 });
  assert.ok(metrics.trades > 0, `expected trades, got ${metrics.trades}`);
  const reasons = exitReasons(result.fills);
  for (const r of ['rsi dip', 'ROI', 'Stop Loss']) assert.ok(reasons.has(r), `no fill with reason ${r}: ${[...reasons].join(', ')}`);
  for (const t of result.trades) {
    if (t.exitReason !== 'Stop Loss') assert.ok(t.netPnl >= -1e-9, `an ROI exit lost money after fees: ${JSON.stringify(t)}`);
  }
  result.ledger?.checkInvariants();
});

test('the examples are deterministic', () => {
  for (const s of [emaTrend, rsiRoi]) {
    const a = backtest(s, { bars, takerBps: 4.5 });
    const b = backtest(s, { bars, takerBps: 4.5 });
    assert.deepEqual(a.result.fills, b.result.fills);
  }
});

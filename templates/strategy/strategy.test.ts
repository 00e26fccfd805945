/// <reference types="node" />
// Tests for __NAME__: run them with `sextant test`. backtest() runs the strategy exactly as `sextant backtest` does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, syntheticBars } from 'sextant';
import strategy from './__NAME__.ts';

// SIMULATED DATA: a seeded synthetic market with trends and ranges; same seed ⇒ same bars ⇒ same result.
const bars = syntheticBars({ seed: 7, bars: 3_000, interval: '1h' });

test('__NAME__ trades on a synthetic market, exits by its stops, and ends with its books balanced', () => {
  const { result, metrics } = backtest(strategy, { bars, makerBps: 1.5, takerBps: 4.5, lot: 0.0001 });
  assert.ok(metrics.trades > 0, 'expected at least one closed trade');
  const reasons = new Set(result.trades.map((t) => t.exitReason));
  assert.ok(reasons.has('Trailing Stop') || reasons.has('Stop Loss'), `exits: ${[...reasons].join(', ')}`);
  // The ledger is the source of truth: cash = initial + realised PnL − fees (+ funding).
  result.ledger?.checkInvariants();
  assert.ok(Number(result.finalEquity) > 0);
});

test('__NAME__ is deterministic', () => {
  const a = backtest(strategy, { bars, params: { fast: 8, slow: 30 } });
  const b = backtest(strategy, { bars, params: { fast: 8, slow: 30 } });
  assert.deepEqual(a.result.fills, b.result.fills);
});

test('__NAME__ refuses parameters outside their ranges', () => {
  assert.throws(() => backtest(strategy, { bars, params: { fast: 1 } }), /fast: must be ≥ 2/);
});

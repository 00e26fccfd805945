// trend-confidence through the real backtest runner on the AI Quant golden inputs: determinism, ledger invariants, reason names.
//
// The reference engine's expected results are held back and checked elsewhere; this test asserts
// only what follows from the rules (fills at the close, 0.5 bps exit slippage, 3.5 bps fees, caps).
import { sharedDataFile, SHARED_DATA_MISSING } from '../testkit/shared-data.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readYamlFile } from '../testkit/yaml-file.js';
import type { BarSeries } from '../core/bars.js';
import { parseAiquantBars } from '../store/formats/aiquant-bars.js';
import { EXIT_REASONS } from '../strategy/trend-confidence/exit-reasons.js';
import { trendConfidence } from '../strategy/trend-confidence/trend-confidence.js';
import type { StrategyOptions } from '../strategy/strategy.js';
import type { BacktestResult } from './backtest-result.js';
import { runBacktest } from './backtest-runner.js';

const CANDLES = sharedDataFile('aiquant', 'candles_1h.json');
const CONFIG = sharedDataFile('aiquant', 'strategy.yaml');

function runGolden(series: readonly BarSeries[], options: StrategyOptions): BacktestResult {
  const sim = trendConfidence.simDefaultsFor(options);
  return runBacktest({
    strategy: trendConfidence,
    params: { lookback: 200 },
    strategyOptions: options,
    series,
    cash: 10_000,
    fillModel: 'close',
    makerFeeBps: sim.takerFeeBps ?? 0,
    takerFeeBps: sim.takerFeeBps ?? 0,
    feePerUnit: 0,
    multiplier: 1,
    slippageBps: sim.slippageBps ?? 0,
    exitSlippageBps: sim.exitSlippageBps,
    tick: sim.tick,
    lotSize: sim.lot,
  });
}

test('trend-confidence on the AI Quant golden inputs: deterministic, consistent ledger, known exit reasons', (t) => {
  if (CANDLES === undefined || CONFIG === undefined) {
    t.skip(SHARED_DATA_MISSING);
    return;
  }
  const { series } = parseAiquantBars(readFileSync(CANDLES), CANDLES);
  const options: StrategyOptions = { config: readYamlFile(CONFIG), configSource: CONFIG };
  const a = runGolden(series, options);
  const b = runGolden(series, options);

  assert.deepEqual(a.fills, b.fills, 'two runs, identical fills');
  assert.equal(a.finalCash, b.finalCash);
  assert.ok(a.trades.length > 0);

  // Every round trip ends flat with a reference exit reason; every entry is labelled by its confidence.
  const reasons = EXIT_REASONS as readonly string[];
  for (const trip of a.trades) assert.ok(reasons.includes(trip.exitReason), trip.exitReason);
  const entries = a.fills.filter((f) => / entry$/.test(f.reason));
  const exits = a.fills.filter((f) => reasons.includes(f.reason));
  assert.equal(entries.length + exits.length, a.fills.length);
  assert.equal(exits.length, a.trades.length);
  assert.deepEqual(a.openPositions, []);
  assert.ok(entries.every((f) => f.reason === 'Medium entry' || f.reason === 'High entry'));

  // Cash = start + Σ gross PnL − Σ fees (the ledger is exact; the float sums agree to rounding).
  const gross = a.trades.reduce((s, x) => s + x.grossPnl, 0);
  const fees = a.fills.reduce((s, f) => s + f.fee, 0);
  assert.ok(Math.abs(Number(a.finalCash) - (10_000 + gross - fees)) < 1e-6);
  assert.ok(Math.abs(Number(a.totalFees) - fees) < 1e-6);

  // Fills at the deciding bar's close: entries exactly, exits 0.5 bps against the position; fee 3.5 bps.
  const closeAt = new Map<string, number>();
  for (const s of series) for (let i = 0; i < s.length; i++) closeAt.set(`${s.symbol}@${s.time[i]}`, s.close[i]);
  for (const f of a.fills) {
    const c = closeAt.get(`${f.symbol}@${f.time}`) as number;
    const expected = / entry$/.test(f.reason) ? c : f.side === 'sell' ? c * (1 - 0.5 / 10_000) : c * (1 + 0.5 / 10_000);
    assert.ok(Math.abs(f.price - expected) <= 1e-9 * c, `${f.symbol} ${f.reason} at ${f.time}: ${f.price} vs ${expected}`);
    assert.ok(Math.abs(f.fee - (f.qty * f.price * 3.5) / 10_000) < 1e-9);
  }

  // At most max_open_positions (3) open at once, never before the 200th bar, and never two entries of a symbol in a row.
  const firstSignalTime = series[0].time[199];
  const open = new Set<string>();
  for (const f of a.fills) {
    if (/ entry$/.test(f.reason)) {
      assert.ok(f.time >= firstSignalTime);
      assert.ok(!open.has(f.symbol), `${f.symbol} entered twice`);
      open.add(f.symbol);
      assert.ok(open.size <= 3);
    } else {
      assert.ok(open.delete(f.symbol), `${f.symbol} closed while flat`);
    }
  }
});

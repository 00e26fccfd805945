// Entry signal rules (doc §4) on hand-built snapshots: gates, DRE limits, the long/short if-else, confidence, modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyGates, emptySignal, evaluateGates, generateSignal } from './signal.js';
import { fixtureConfig, snap } from '../../testkit/strategy/trend-confidence-configs.js';
import type { AqSnapshot } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';

function signalOf(s: AqSnapshot, cfg: TrendConfidenceConfig, symbol = 'ETH', btc?: boolean, slope = 0): { side: number; confidence: number; thr: number } {
  const g = evaluateGates(s, cfg, symbol, btc, slope, emptyGates());
  const r = generateSignal(s, g, cfg, slope, emptySignal());
  return { side: r.side, confidence: r.confidence, thr: r.entryAdxThreshold };
}

// A long setup: EMA fast 101 > slow 100, close 102 > fast, RSI 60, MACD hist accelerating.
const LONG = { close: 102, emaFast: 101, emaSlow: 100, rsi: 60, macdHist: 0.5, prevMacdHist: 0.4, adx: 30 };
const SHORT = { close: 98, emaFast: 99, emaSlow: 100, rsi: 40, macdHist: -0.5, prevMacdHist: -0.4, adx: 30 };

test('a long setup buys with Medium confidence, a short setup sells', () => {
  const cfg = fixtureConfig();
  assert.deepEqual(signalOf(snap(LONG), cfg), { side: 1, confidence: 1, thr: 0 });
  assert.deepEqual(signalOf(snap(SHORT), cfg), { side: -1, confidence: 1, thr: 0 });
});

test('ADX must be strictly above the effective minimum', () => {
  const cfg = fixtureConfig({ thresholds: { entry: { min_adx: 30 } } });
  assert.equal(signalOf(snap({ ...LONG, adx: 30 }), cfg).side, 0);
  assert.equal(signalOf(snap({ ...LONG, adx: 30.01 }), cfg).side, 1);
});

test('TMC caps the effective minimum at 25 when adx_slope > 0.5; AVE multiplies it when ATR/avgATR is high', () => {
  const cfg = fixtureConfig({ thresholds: { entry: { min_adx: 30 } } });
  assert.equal(signalOf(snap({ ...LONG, adx: 26, adxSlope: 0.5 }), cfg).side, 0);
  assert.deepEqual(signalOf(snap({ ...LONG, adx: 26, adxSlope: 0.6 }), cfg), { side: 1, confidence: 1, thr: 25 });
  const ave = fixtureConfig({ thresholds: { entry: { min_adx: 20, ave_enabled: true, ave_atr_ratio_gt: 1.5, ave_adx_mult: 1.25 } } });
  assert.equal(signalOf(snap({ ...LONG, adx: 24, atr: 1.6, avgAtr: 1 }), ave).side, 0); // 20 × 1.25 = 25
  assert.deepEqual(signalOf(snap({ ...LONG, adx: 26, atr: 1.6, avgAtr: 1 }), ave), { side: 1, confidence: 1, thr: 25 });
});

test('DRE: RSI limits move from weak (56/44) to strong (52/48) as ADX goes from min_adx to adx_strong_gt', () => {
  const cfg = fixtureConfig({ thresholds: { entry: { min_adx: 20 } } });
  // ADX 30: w = (30 − 20)/(40 − 20) = 0.5 → long limit 54, short limit 46.
  const g = evaluateGates(snap({ ...LONG, adx: 30 }), cfg, 'ETH', undefined, 0, emptyGates());
  assert.deepEqual([g.rsiLongLimit, g.rsiShortLimit], [54, 46]);
  assert.equal(signalOf(snap({ ...LONG, adx: 30, rsi: 54 }), cfg).side, 0);
  assert.equal(signalOf(snap({ ...LONG, adx: 30, rsi: 54.01 }), cfg).side, 1);
  // ADX ≥ 40 clamps w at 1; ADX below min_adx clamps it at 0.
  const strong = evaluateGates(snap({ ...LONG, adx: 60 }), cfg, 'ETH', undefined, 0, emptyGates());
  assert.deepEqual([strong.rsiLongLimit, strong.rsiShortLimit], [52, 48]);
  // DRE uses the raw min_adx even when TMC lowered the effective one.
  const tmc = evaluateGates(snap({ ...LONG, adx: 30, adxSlope: 1 }), fixtureConfig({ thresholds: { entry: { min_adx: 28 } } }), 'ETH', undefined, 0, emptyGates());
  assert.equal(tmc.effectiveMinAdx, 25);
  assert.equal(tmc.rsiLongLimit, 56 + ((30 - 28) / (40 - 28)) * (52 - 56));
});

test('once the long precondition holds, failing RSI or MACD gives no signal (the short branch is not tried)', () => {
  const cfg = fixtureConfig();
  assert.equal(signalOf(snap({ ...LONG, rsi: 40 }), cfg).side, 0);
  assert.equal(signalOf(snap({ ...LONG, macdHist: 0.3 }), cfg).side, 0);
  // Bullish alignment with close below EMA fast: neither precondition holds.
  assert.equal(signalOf(snap({ ...LONG, close: 100.5, rsi: 40, macdHist: -1 }), cfg).side, 0);
  // With a fallback mode on, a failed long still falls through to it (not to the standard short).
  const pb = fixtureConfig({ thresholds: { entry: { enable_pullback_entries: true, pullback_min_adx: 10, pullback_require_macd_sign: false } } });
  const s = snap({ ...LONG, rsi: 55, macdHist: 0.3, prevClose: 100, prevEmaFast: 100.5 });
  assert.deepEqual(signalOf(s, pb), { side: 1, confidence: 0, thr: 10 });
});

test('MACD modes: accel compares with the previous histogram, sign with zero, none ignores it', () => {
  const accel = fixtureConfig();
  assert.equal(signalOf(snap({ ...LONG, macdHist: 0.4, prevMacdHist: 0.4 }), accel).side, 0);
  const sign = fixtureConfig({ thresholds: { entry: { macd_hist_entry_mode: 'sign' } } });
  assert.equal(signalOf(snap({ ...LONG, macdHist: 0.1, prevMacdHist: 0.4 }), sign).side, 1);
  assert.equal(signalOf(snap({ ...LONG, macdHist: 0 }), sign).side, 0);
  const none = fixtureConfig({ thresholds: { entry: { macd_hist_entry_mode: 'none' } } });
  assert.equal(signalOf(snap({ ...LONG, macdHist: -5 }), none).side, 1);
});

test('confidence is High only when volume is strictly above vol_sma × 2.5', () => {
  const cfg = fixtureConfig();
  assert.equal(signalOf(snap({ ...LONG, volume: 250, volSma: 100 }), cfg).confidence, 1);
  assert.equal(signalOf(snap({ ...LONG, volume: 250.1, volSma: 100 }), cfg).confidence, 2);
});

test('gate filters: a disabled gate passes; enabled ones block', () => {
  const ranging = fixtureConfig({ filters: { enable_ranging_filter: true } });
  // Votes: ADX 20 < 21 and BB ratio 0.5 < 0.8 (RSI 60 is outside 47–53) → 2 votes → ranging; ADX 22 leaves 1.
  assert.equal(signalOf(snap({ ...LONG, adx: 20, bbWidthRatio: 0.5 }), ranging).side, 0);
  assert.equal(signalOf(snap({ ...LONG, adx: 22, bbWidthRatio: 0.5 }), ranging).side, 1);
  const ext = fixtureConfig({ filters: { enable_extension_filter: true }, thresholds: { entry: { max_dist_ema_fast: 0.005 } } });
  assert.equal(signalOf(snap(LONG), ext).side, 0); // |102 − 101|/101 ≈ 0.0099 > 0.005
  const rising = fixtureConfig({ filters: { require_adx_rising: true } });
  assert.equal(signalOf(snap({ ...LONG, adxSlope: 0 }), rising).side, 0);
  assert.equal(signalOf(snap({ ...LONG, adxSlope: 0, adx: 41 }), rising).side, 1); // saturated
  const stoch = fixtureConfig({ filters: { use_stoch_rsi_filter: true } });
  assert.equal(signalOf(snap({ ...LONG, stochK: 0.9 }), stoch).side, 0);
  assert.equal(signalOf(snap({ ...SHORT, stochK: 0.1 }), stoch).side, 0);
});

test('BTC alignment blocks counter-trend alts unless ADX overrides; BTC itself and unknown BTC pass', () => {
  const cfg = fixtureConfig({ filters: { require_btc_alignment: true } });
  assert.equal(signalOf(snap(LONG), cfg, 'ETH', false).side, 0);
  assert.equal(signalOf(snap(LONG), cfg, 'ETH', true).side, 1);
  assert.equal(signalOf(snap(LONG), cfg, 'ETH', undefined).side, 1);
  assert.equal(signalOf(snap(LONG), cfg, 'BTC', false).side, 1);
  assert.equal(signalOf(snap({ ...LONG, adx: 41 }), cfg, 'ETH', false).side, 1);
  assert.equal(signalOf(snap(SHORT), cfg, 'ETH', true).side, 0);
});

test('slow drift: Low confidence along a steep EMA-slow slope, threshold slow_drift_min_adx', () => {
  const cfg = fixtureConfig({ thresholds: { entry: { enable_slow_drift_entries: true, min_adx: 50 } } });
  const s = snap({ close: 101, emaFast: 100.5, emaSlow: 100, rsi: 55, macdHist: 0.1, adx: 12 });
  assert.deepEqual(signalOf(s, cfg, 'ETH', undefined, 0.001), { side: 1, confidence: 0, thr: 10 });
  assert.equal(signalOf(s, cfg, 'ETH', undefined, 0.0005).side, 0);
});

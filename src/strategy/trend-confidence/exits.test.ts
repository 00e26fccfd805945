// Exit rules (doc §5) on hand-built snapshots: each exit type, the fixed order, the trailing ratchet, partial TP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AqSnapshot } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';
import { EXIT_REASON } from './exit-reasons.js';
import { evaluateExits, stopLossPrice, trailingDistance } from './exits.js';
import type { TcPosition } from './position.js';
import { fixtureConfig, snap } from '../../testkit/strategy/trend-confidence-configs.js';

/** Entry 100, entry ATR 1 (so levels read directly in ATR units), Medium confidence. */
function pos(over: Partial<TcPosition> = {}): TcPosition {
  return { side: 1, entryPrice: 100, size: 1, confidence: 1, entryAtr: 1, entryAdxThreshold: 0, trailingSl: null, leverage: 3, marginUsed: 33, addsCount: 0, tp1Taken: false, openTime: 0, lastAddTime: 0, ...over };
}

const reason = (p: TcPosition, s: Partial<AqSnapshot>, cfg: TrendConfidenceConfig = fixtureConfig(), symbol = 'ETH'): string | undefined => evaluateExits(p, snap(s), cfg, symbol)?.reason;

test('stop loss at E − 2A (long) / E + 2A (short), tested on the close, inclusive', () => {
  assert.equal(reason(pos(), { close: 98 }), EXIT_REASON.stopLoss);
  assert.equal(reason(pos(), { close: 98.01 }), undefined);
  assert.equal(reason(pos({ side: -1 }), { close: 102 }), EXIT_REASON.stopLoss);
  assert.equal(reason(pos({ side: -1 }), { close: 101.99 }), undefined);
});

test('stop multiplier chain: ×0.8 underwater with falling ADX, ×1.15 at ADX > 40 and > 0.5 A profit, ×1.10 at ADX > 45', () => {
  const cfg = fixtureConfig();
  assert.equal(stopLossPrice(pos(), snap({ close: 99, adxSlope: -1 }), cfg), 98.4);
  assert.equal(reason(pos(), { close: 98.4, adxSlope: -1 }), EXIT_REASON.stopLoss);
  assert.equal(stopLossPrice(pos(), snap({ close: 99, adxSlope: 1 }), cfg), 98);
  assert.equal(stopLossPrice(pos(), snap({ close: 100.6, adx: 42 }), cfg), 100 - 2 * 1.15);
  assert.equal(stopLossPrice(pos(), snap({ close: 100.5, adx: 42 }), cfg), 98); // profit must exceed 0.5 A
  assert.equal(stopLossPrice(pos(), snap({ close: 99, adx: 46 }), cfg), 100 - 2 * 1.1);
  assert.equal(stopLossPrice(pos(), snap({ close: 101, adx: 46 }), cfg), 100 - 2 * 1.15 * 1.1);
  assert.equal(stopLossPrice(pos({ side: -1 }), snap({ close: 101, adxSlope: -1 }), cfg), 101.6);
});

test('breakeven lifts the stop to E + buffer·A while profit ≥ start·A, bar by bar', () => {
  const cfg = fixtureConfig({ trade: { enable_breakeven_stop: true, breakeven_start_atr: 0.7, breakeven_buffer_atr: 0.05 } });
  assert.equal(stopLossPrice(pos(), snap({ close: 100.7 }), cfg), 100.05);
  assert.equal(stopLossPrice(pos(), snap({ close: 100.69 }), cfg), 98);
  assert.equal(stopLossPrice(pos({ side: -1 }), snap({ close: 99.3 }), cfg), 99.95);
});

test('trailing distance: 0.8 base; above 2 A profit 1.0/0.75/0.5 by ADX and ATR slope; 0.7 at ADX < 25; floor 0.5 or 0.7 with RSI', () => {
  const cfg = fixtureConfig();
  const p = pos();
  assert.equal(trailingDistance(p, snap({ adx: 30 }), cfg, 1.5), 0.8);
  assert.equal(trailingDistance(p, snap({ adx: 36, adxSlope: 0.1 }), cfg, 2.5), 0.8);
  assert.equal(trailingDistance(p, snap({ adx: 30, atrSlope: 0.1 }), cfg, 2.5), 0.8 * 0.75);
  assert.equal(trailingDistance(p, snap({ adx: 30 }), cfg, 2.5), 0.5); // 0.4 floored at 0.5
  assert.equal(trailingDistance(p, snap({ adx: 30, rsi: 61 }), cfg, 2.5), 0.7); // RSI floor for a long
  assert.equal(trailingDistance(p, snap({ adx: 20 }), cfg, 1.5), 0.8 * 0.7);
  assert.equal(trailingDistance(pos({ side: -1 }), snap({ adx: 30, rsi: 39 }), cfg, 2.5), 0.7);
  const vb = fixtureConfig({ trade: { enable_vol_buffered_trailing: true } });
  assert.equal(trailingDistance(p, snap({ adx: 30, bbWidthRatio: 1.3 }), vb, 1.5), 0.8 * 1.25);
});

test('trailing stop starts at 1 A profit, ratchets only in favour, and a stored stop fires even below the start', () => {
  const p = pos();
  assert.equal(reason(p, { close: 100.99 }), undefined);
  assert.equal(p.trailingSl, null);
  assert.equal(reason(p, { close: 101 }), undefined); // starts: 101 − 0.8
  assert.equal(p.trailingSl, 101 - 0.8);
  assert.equal(reason(p, { close: 102.5 }), undefined); // 2.5 A: d 0.5 → 102.0
  assert.equal(p.trailingSl, 102);
  assert.equal(reason(p, { close: 102.1 }), undefined); // 2.1 A: d 0.5 → candidate 101.6 < 102: kept
  assert.equal(p.trailingSl, 102);
  assert.equal(reason(p, { close: 102 }), EXIT_REASON.trailingStop);
  const q = pos({ trailingSl: 100.2 });
  assert.equal(reason(q, { close: 100.1 }), EXIT_REASON.trailingStop); // profit 0.1 A < start, stop still live
});

test('short trailing stop ratchets down', () => {
  const p = pos({ side: -1 });
  reason(p, { close: 98.5 }); // 1.5 A: 98.5 + 0.8
  assert.equal(p.trailingSl, 98.5 + 0.8);
  reason(p, { close: 97 }); // 3 A: d 0.5 → 97.5
  assert.equal(p.trailingSl, 97.5);
  reason(p, { close: 97.4 }); // candidate 98.2 > 97.5: kept
  assert.equal(p.trailingSl, 97.5);
  assert.equal(reason(p, { close: 97.5 }), EXIT_REASON.trailingStop);
});

test('order: stop loss before trailing, trailing before take profit, take profit before smart exits', () => {
  assert.equal(reason(pos({ trailingSl: 100.2 }), { close: 97.9 }), EXIT_REASON.stopLoss);
  const p = pos({ trailingSl: 100.2 });
  assert.equal(reason(p, { close: 97.9, adxSlope: -1 }), EXIT_REASON.stopLoss);
  assert.equal(p.trailingSl, 100.2); // not updated when the stop loss fired
  assert.equal(reason(pos({ trailingSl: 104.5 }), { close: 104.2 }), EXIT_REASON.trailingStop); // also ≥ TP 104
  assert.equal(reason(pos(), { close: 104 }), EXIT_REASON.takeProfit);
  assert.equal(reason(pos(), { close: 103.99 }), undefined);
  assert.equal(reason(pos(), { close: 104, emaFast: 99, emaSlow: 100 }), EXIT_REASON.takeProfit); // breakdown too, TP first
  assert.equal(reason(pos({ side: -1 }), { close: 96 }), EXIT_REASON.takeProfit);
});

test('partial take profit closes tp_partial_pct unless the remainder is too small; afterwards full TP only with a separate level', () => {
  const cfg = fixtureConfig({ trade: { enable_partial_tp: true, tp_partial_pct: 0.5, tp_partial_min_notional_usd: 10 } });
  assert.deepEqual(evaluateExits(pos(), snap({ close: 104 }), cfg, 'ETH'), { reason: EXIT_REASON.takeProfitPartial, fraction: 0.5 });
  assert.equal(evaluateExits(pos({ size: 0.1 }), snap({ close: 104 }), cfg, 'ETH'), undefined); // 0.05 × 104 < 10
  assert.equal(evaluateExits(pos({ tp1Taken: true }), snap({ close: 105 }), cfg, 'ETH'), undefined);
  const sep = fixtureConfig({ trade: { enable_partial_tp: true, tp_partial_atr_mult: 3 } });
  assert.deepEqual(evaluateExits(pos(), snap({ close: 103 }), sep, 'ETH'), { reason: EXIT_REASON.takeProfitPartial, fraction: 0.5 });
  assert.equal(evaluateExits(pos({ tp1Taken: true }), snap({ close: 103.5 }), sep, 'ETH'), undefined);
  assert.equal(evaluateExits(pos({ tp1Taken: true }), snap({ close: 104 }), sep, 'ETH')?.reason, EXIT_REASON.takeProfit);
});

test('trend breakdown on an EMA cross against the position, except a weak cross at ADX > 25; it precedes exhaustion', () => {
  assert.equal(reason(pos(), { close: 100.5, emaFast: 99, emaSlow: 100 }), EXIT_REASON.trendBreakdown);
  assert.equal(reason(pos(), { close: 100.5, emaFast: 99.95, emaSlow: 100, adx: 26 }), undefined); // |Δ|/slow 0.0005
  assert.equal(reason(pos(), { close: 100.5, emaFast: 99.95, emaSlow: 100, adx: 25 }), EXIT_REASON.trendBreakdown);
  assert.equal(reason(pos(), { close: 100.5, emaFast: 99, emaSlow: 100, adx: 10 }), EXIT_REASON.trendBreakdown);
  assert.equal(reason(pos({ side: -1 }), { close: 99.5, emaFast: 101, emaSlow: 100 }), EXIT_REASON.trendBreakdown);
});

test('trend exhaustion: ADX below the entry threshold if > 0, else the low-confidence override, else 18', () => {
  assert.equal(reason(pos(), { close: 100.5, adx: 17.9 }), EXIT_REASON.trendExhaustion);
  assert.equal(reason(pos(), { close: 100.5, adx: 18 }), undefined);
  assert.equal(reason(pos({ entryAdxThreshold: 25 }), { close: 100.5, adx: 24.9 }), EXIT_REASON.trendExhaustion);
  const low = fixtureConfig({ trade: { smart_exit_adx_exhaustion_lt_low_conf: 22 } });
  assert.equal(reason(pos({ confidence: 0 }), { close: 100.5, adx: 21 }, low), EXIT_REASON.trendExhaustion);
  assert.equal(reason(pos({ confidence: 1 }), { close: 100.5, adx: 21 }, low), undefined);
  assert.equal(reason(pos(), { close: 100.5, adx: 5 }, fixtureConfig({ trade: { smart_exit_adx_exhaustion_lt: 0 } })), undefined);
});

test('stagnation: current ATR below 0.7 × entry ATR while underwater (PAXG exempt)', () => {
  assert.equal(reason(pos(), { close: 99.5, atr: 0.69 }), EXIT_REASON.stagnation);
  assert.equal(reason(pos(), { close: 99.5, atr: 0.7 }), undefined);
  assert.equal(reason(pos(), { close: 100.5, atr: 0.5 }), undefined);
  assert.equal(reason(pos(), { close: 99.5, atr: 0.5 }, fixtureConfig(), 'PAXG'), undefined);
});

test('TSME: ADX > 50, profit ≥ 1 A and a histogram falling three values (slope gate optional)', () => {
  const s = { close: 101.5, adx: 51, macdHist: 1, prevMacdHist: 2, prev2MacdHist: 3 };
  assert.equal(reason(pos(), s), EXIT_REASON.tsme);
  assert.equal(reason(pos(), { ...s, prev2MacdHist: 2 }), undefined); // not strictly falling
  assert.equal(reason(pos(), { ...s, close: 100.9 }), undefined);
  const gated = fixtureConfig({ trade: { tsme_require_adx_slope_negative: true } });
  assert.equal(reason(pos(), s, gated), undefined);
  assert.equal(reason(pos(), { ...s, adxSlope: -0.1 }, gated), EXIT_REASON.tsme);
  assert.equal(reason(pos({ side: -1 }), { close: 98.5, adx: 51, macdHist: 3, prevMacdHist: 2, prev2MacdHist: 1 }), EXIT_REASON.tsme);
});

test('MMDE: profit > 1.5 A, ADX > 35 and four histogram values strictly against the position', () => {
  const s = { close: 101.6, adx: 36, macdHist: 1, prevMacdHist: 2, prev2MacdHist: 3, prev3MacdHist: 4 };
  assert.equal(reason(pos(), s), EXIT_REASON.mmde);
  assert.equal(reason(pos(), { ...s, prev3MacdHist: 3 }), undefined);
  assert.equal(reason(pos(), { ...s, close: 101.5 }), undefined);
});

test('RSI overextension (when enabled): 80/20 below the profit switch, 70/30 above', () => {
  const cfg = fixtureConfig({ trade: { enable_rsi_overextension_exit: true } });
  assert.equal(reason(pos(), { close: 100.5, rsi: 80.1 }, cfg), EXIT_REASON.rsiOverbought);
  assert.equal(reason(pos(), { close: 100.5, rsi: 75 }, cfg), undefined);
  assert.equal(reason(pos(), { close: 101.6, rsi: 70.1 }, cfg), EXIT_REASON.rsiOverbought);
  assert.equal(reason(pos({ side: -1 }), { close: 99.5, rsi: 19.9 }, cfg), EXIT_REASON.rsiOversold);
});

test('the glitch guard (when enabled) holds through an extreme bar', () => {
  const cfg = fixtureConfig({ trade: { block_exits_on_extreme_dev: true } });
  assert.equal(reason(pos(), { close: 50, prevClose: 100 }, cfg), undefined);
  assert.equal(reason(pos(), { close: 97, prevClose: 100, atr: 0.2 }, cfg), undefined); // 3 > 12 × 0.2
  assert.equal(reason(pos(), { close: 97, prevClose: 100 }, cfg), EXIT_REASON.stopLoss);
});

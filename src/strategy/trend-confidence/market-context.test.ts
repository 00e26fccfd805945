// Cross-symbol context: BTC trend and breadth from the latest bars, and the reverse/regime signal transforms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AqIndicators } from './aiquant-indicators.js';
import { btcBullish, marketBreadth, transformSignal } from './market-context.js';
import { fixtureConfig } from '../../testkit/strategy/trend-confidence-configs.js';

const OPTS = {
  emaFast: 1, emaSlow: 3, emaMacro: 3, adx: 2, atr: 2, rsi: 2, volSma: 2, volTrend: 2, bbWindow: 2, bbWidthAvgWindow: 2,
  avgAtrWindow: 2, stochRsiWindow: 2, stochRsiSmooth1: 1, stochRsiSmooth2: 1, withBollinger: false, withStochRsi: false, withAvgAtr: false,
};

function bank(closes: readonly number[]): AqIndicators {
  const b = new AqIndicators(OPTS);
  closes.forEach((c, i) => b.update(i, c, c, c, c, 1));
  return b;
}

test('BTC is bullish when its last close is above its EMA slow; unknown without BTC bars', () => {
  assert.equal(btcBullish(new Map()), undefined);
  assert.equal(btcBullish(new Map([['BTC', bank([])]])), undefined);
  assert.equal(btcBullish(new Map([['BTC', bank([10, 12])]])), true); // EMA slow (alpha 0.5): 11 < 12
  assert.equal(btcBullish(new Map([['BTCUSDT', bank([12, 10])]])), false);
});

test('breadth: % of symbols with ≥ 2 bars whose EMA fast is above EMA slow; 50 when none', () => {
  assert.equal(marketBreadth(new Map([['A', bank([10])]])), 50);
  const banks = new Map([['A', bank([10, 12])], ['B', bank([12, 10])], ['C', bank([10, 11])], ['D', bank([10])]]);
  assert.equal(marketBreadth(banks), (2 / 3) * 100); // EMA fast (n = 1) is the close itself
});

test('signal transforms: fixed reverse, auto-reverse inside the breadth band, regime filter', () => {
  assert.equal(transformSignal(1, fixtureConfig(), 50), 1);
  assert.equal(transformSignal(0, fixtureConfig({ trade: { reverse_entry_signal: true } }), 50), 0);
  assert.equal(transformSignal(1, fixtureConfig({ trade: { reverse_entry_signal: true } }), 50), -1);
  const auto = fixtureConfig({ market_regime: { enable_auto_reverse: true } });
  assert.equal(transformSignal(1, auto, 50), -1); // choppy: fade
  assert.equal(transformSignal(1, auto, 95), 1); // trending: follow
  const regime = fixtureConfig({ market_regime: { enable_regime_filter: true } });
  assert.equal(transformSignal(-1, regime, 91), 0);
  assert.equal(transformSignal(1, regime, 9), 0);
  assert.equal(transformSignal(1, regime, 91), 1);
});

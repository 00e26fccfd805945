// Config resolution: defaults, deep merge of `global:`, validation errors naming file and key path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import { defaultTrendConfidenceConfig, describeConfigKey, resolveTrendConfidenceConfig } from './config.js';
import { FIXTURE_GLOBAL } from '../../testkit/strategy/trend-confidence-configs.js';

const SRC = 'strategy.yaml';

function fails(doc: unknown, where: string, reason: RegExp): void {
  assert.throws(
    () => resolveTrendConfidenceConfig(doc, SRC),
    (e: unknown) => {
      assert.ok(e instanceof BadInputError, String(e));
      assert.equal(e.where, where);
      assert.match(e.message, reason);
      return true;
    },
  );
}

test('no config (or an empty document) gives the reference defaults', () => {
  const d = resolveTrendConfidenceConfig(undefined, SRC);
  assert.deepEqual(d, defaultTrendConfidenceConfig());
  assert.deepEqual(resolveTrendConfidenceConfig(null, SRC), d);
  assert.equal(d.trade.allocation_pct, 0.03);
  assert.equal(d.trade.entry_min_confidence, 'high');
  assert.equal(d.trade.reentry_cooldown_minutes, 60);
  assert.equal(d.thresholds.entry.macd_hist_entry_mode, 'accel');
  assert.equal(d.thresholds.entry.high_conf_volume_mult, 2.5);
  assert.equal(d.thresholds.tp_and_momentum.rsi_long_weak, 56);
  assert.equal(d.indicators.ema_macro_window, 200);
  assert.equal(d.engine.interval, '1h');
});

test('the fixture overlay merges key by key: set keys change, omitted keys keep their defaults', () => {
  const c = resolveTrendConfidenceConfig({ global: FIXTURE_GLOBAL }, SRC);
  assert.equal(c.trade.allocation_pct, 0.1);
  assert.equal(c.trade.max_open_positions, 3);
  assert.equal(c.trade.leverage, 1);
  assert.equal(c.trade.entry_min_confidence, 'low');
  assert.equal(c.filters.enable_ranging_filter, false);
  assert.equal(c.thresholds.entry.min_adx, 0);
  // Omitted, so still the defaults (and live in the golden case):
  assert.equal(c.trade.trailing_start_atr, 1);
  assert.equal(c.trade.trailing_distance_atr, 0.8);
  assert.equal(c.trade.smart_exit_adx_exhaustion_lt, 18);
  assert.equal(c.trade.leverage_medium, 3);
  assert.equal(c.trade.max_entry_orders_per_loop, 6);
  assert.equal(c.thresholds.entry.macd_hist_entry_mode, 'accel');
  assert.equal(c.thresholds.entry.high_conf_volume_mult, 2.5);
  assert.equal(c.thresholds.tp_and_momentum.adx_strong_gt, 40);
});

test('null keeps the default; enum words are case-insensitive', () => {
  const c = resolveTrendConfidenceConfig({ global: { trade: { sl_atr_mult: null, entry_min_confidence: 'Medium' }, thresholds: null } }, SRC);
  assert.equal(c.trade.sl_atr_mult, 2);
  assert.equal(c.trade.entry_min_confidence, 'medium');
  assert.equal(c.thresholds.entry.min_adx, 22);
});

test('a wrong type names the key path and what was expected', () => {
  fails({ global: { trade: { sl_atr_mult: 'two' } } }, `${SRC}: global.trade.sl_atr_mult`, /expected a number > 0, got "two"/);
  fails({ global: { filters: { enable_ranging_filter: 'no' } } }, `${SRC}: global.filters.enable_ranging_filter`, /expected true or false/);
  fails({ global: { indicators: { adx_window: 14.5 } } }, `${SRC}: global.indicators.adx_window`, /expected an integer ≥ 1/);
  fails({ global: { trade: { entry_min_confidence: 'extreme' } } }, `${SRC}: global.trade.entry_min_confidence`, /expected one of low, medium, high/);
  fails({ global: { trade: [1, 2] } }, `${SRC}: global.trade`, /expected a mapping/);
  fails({ global: { thresholds: { entry: 5 } } }, `${SRC}: global.thresholds.entry`, /expected a mapping/);
});

test('out-of-range values are rejected, comparison thresholds are not', () => {
  fails({ global: { trade: { allocation_pct: 10 } } }, `${SRC}: global.trade.allocation_pct`, /≤ 1, got 10/);
  fails({ global: { trade: { tp_partial_pct: 50 } } }, `${SRC}: global.trade.tp_partial_pct`, /≤ 1/);
  fails({ global: { trade: { slippage_bps: -1 } } }, `${SRC}: global.trade.slippage_bps`, /≥ 0/);
  fails({ global: { trade: { leverage_high: 0.5 } } }, `${SRC}: global.trade.leverage_high`, /≥ 1/);
  // The reference's own tp fixture uses min_adx −1 ("always passes").
  assert.equal(resolveTrendConfidenceConfig({ global: { thresholds: { entry: { min_adx: -1 } } } }, SRC).thresholds.entry.min_adx, -1);
});

test('cross-key checks name the key', () => {
  fails({ global: { trade: { vol_scalar_min: 2, vol_scalar_max: 1 } } }, `${SRC}: global.trade.vol_scalar_min`, /≤ trade.vol_scalar_max/);
  fails({ global: { trade: { enable_dynamic_leverage: false, leverage: 0.5 } } }, `${SRC}: global.trade.leverage`, /≥ 1 when/);
  assert.equal(resolveTrendConfidenceConfig({ global: { trade: { leverage: 0.5 } } }, SRC).trade.leverage, 0.5); // unused with tiers
});

test('an unknown key is an error naming it, with a suggestion for a near miss', () => {
  fails({ global: { trade: { sl_atr_mul: 2 } } }, `${SRC}: global.trade.sl_atr_mul`, /unknown key "sl_atr_mul" in global.trade \(did you mean "sl_atr_mult"\?\)/);
  fails({ global: { strategy: {} } }, `${SRC}: global.strategy`, /unknown key "strategy" in global/);
  fails({ trade: { sl_atr_mult: 2 } }, `${SRC}: trade`, /unknown top-level key "trade".*global\.trade/);
});

test('symbols: and live: overlays are validated like global: and then ignored (the reference backtester never applies them)', () => {
  const c = resolveTrendConfidenceConfig({ global: { trade: { sl_atr_mult: 3 } }, symbols: { BTC: { trade: { sl_atr_mult: 5 } } }, live: { trade: { allocation_pct: 0.2 } } }, SRC);
  assert.equal(c.trade.sl_atr_mult, 3);
  assert.equal(c.trade.allocation_pct, 0.03);
  fails({ symbols: { BTC: { trade: { sl_atr_mul: 5 } } } }, `${SRC}: symbols.BTC.trade.sl_atr_mul`, /unknown key/);
  fails({ live: { trade: { allocation_pct: 'x' } } }, `${SRC}: live.trade.allocation_pct`, /expected a number/);
});

test('unreadable file content: a scalar or list instead of a mapping', () => {
  fails('global: [oops', SRC, /expected a YAML mapping with a global: section.*got "global: \[oops"/);
  fails(42, SRC, /got 42/);
  fails([{ global: {} }], SRC, /got a list/);
  fails({ global: 'trade' }, `${SRC}: global`, /expected a mapping of keys/);
});

test('sub-bar and live-loop engine keys are accepted (and have no effect here)', () => {
  const c = resolveTrendConfidenceConfig({ global: { engine: { entry_interval: '3m', exit_interval: '1m', signal_on_candle_close: false, loop_target_s: 30 } } }, SRC);
  assert.equal(c.engine.exit_interval, '1m');
});

test('describeConfigKey reports what a key accepts', () => {
  assert.equal(describeConfigKey('trade.allocation_pct'), 'a number > 0 ≤ 1');
  assert.equal(describeConfigKey('thresholds.entry.macd_hist_entry_mode'), 'one of accel, sign, none');
  assert.equal(describeConfigKey('trade.nope'), undefined);
});

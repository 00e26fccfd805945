// The risk merge order: defaults ← global ← per symbol ← per mode, key by key, null clearing a limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSextantConfig } from './read-config.js';
import { DEFAULT_RISK_LIMITS, resolveRiskLimits, riskLayers, type RiskSection } from './risk-overrides.js';

function section(risk: unknown): RiskSection {
  const r = readSextantConfig({ risk });
  assert.ok(r.ok, JSON.stringify(r));
  return r.config.risk;
}

test('nothing configured: every (mode, symbol) gets the defaults', () => {
  assert.deepEqual(resolveRiskLimits(section(undefined), 'live', 'BTC'), DEFAULT_RISK_LIMITS);
});

test('a later layer wins for each key it sets; keys it does not set come from below', () => {
  const s = section({
    global: { max_leverage: 4, max_order_notional: 1000, rates: { entries_per_min: 10 } },
    per_symbol: { BTC: { max_leverage: 10, max_order_notional: 3000 } },
    per_mode: { live: { max_leverage: 2, rates: { exits_per_min: 60 } } },
  });
  const paperBtc = resolveRiskLimits(s, 'paper', 'BTC');
  assert.equal(paperBtc.maxLeverage, 10, 'per symbol beats global');
  assert.equal(paperBtc.maxOrderNotional, 3000);
  const liveBtc = resolveRiskLimits(s, 'live', 'BTC');
  assert.equal(liveBtc.maxLeverage, 2, 'per mode beats per symbol');
  assert.equal(liveBtc.maxOrderNotional, 3000, 'per mode did not set it: per symbol stands');
  assert.deepEqual(liveBtc.rates, { ...DEFAULT_RISK_LIMITS.rates, entriesPerMin: 10, exitsPerMin: 60 }, 'rates merge key by key');
  const paperEth = resolveRiskLimits(s, 'paper', 'ETH');
  assert.equal(paperEth.maxLeverage, 4, 'no per-symbol layer for ETH: global');
  assert.equal(paperEth.maxSlippageBps, DEFAULT_RISK_LIMITS.maxSlippageBps, 'set nowhere: the default');
  assert.deepEqual(riskLayers(s, 'live', 'BTC').map((l) => l.name), ['risk.global', 'risk.per_symbol.BTC', 'risk.per_mode.live']);
});

test('null removes an optional limit set lower down; ranges merge end by end', () => {
  const s = section({
    global: { max_daily_loss: 500, stop_loss_pct: { min: 0.5, max: 8 } },
    per_symbol: { SOL: { stop_loss_pct: { max: 12 } } },
    per_mode: { paper: { max_daily_loss: null, max_drawdown_pct: null, stop_loss_pct: { min: null } } },
  });
  const liveSol = resolveRiskLimits(s, 'live', 'SOL');
  assert.equal(liveSol.maxDailyLoss, 500);
  assert.deepEqual(liveSol.stopLossPct, { min: 0.5, max: 12 });
  const paperSol = resolveRiskLimits(s, 'paper', 'SOL');
  assert.equal('maxDailyLoss' in paperSol, false);
  assert.equal('maxDrawdownPct' in paperSol, false);
  assert.deepEqual(paperSol.stopLossPct, { max: 12 });
});

test('the defaults are not changed by a merge', () => {
  const before = JSON.stringify(DEFAULT_RISK_LIMITS);
  resolveRiskLimits(section({ global: { max_leverage: 3, rates: { cancels_per_min: 5 }, stop_loss_pct: { min: 1 } } }), 'paper', 'BTC');
  assert.equal(JSON.stringify(DEFAULT_RISK_LIMITS), before);
});

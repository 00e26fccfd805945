// Sizing (doc §6, §6.2) with hand-computed numbers: tier leverage, headroom scaling, minimum notional, adds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeInstrument, roundQty } from '../../core/instrument.js';
import { baseEntrySize, marginHeadroom, sizeAdd, sizeEntry, tierLeverage } from './sizing.js';
import { fixtureConfig } from '../../testkit/strategy/trend-confidence-configs.js';

const t = fixtureConfig().trade; // allocation 10 %, max margin 100 %, min notional 0, static sizing

test('leverage is the confidence tier (1/3/5), not trade.leverage, unless dynamic leverage is off', () => {
  assert.deepEqual([0, 1, 2].map((c) => tierLeverage(t, c as 0 | 1 | 2)), [1, 3, 5]);
  assert.equal(tierLeverage(fixtureConfig({ trade: { leverage_max_cap: 4 } }).trade, 2), 4);
  assert.equal(tierLeverage(fixtureConfig({ trade: { enable_dynamic_leverage: false, leverage: 2 } }).trade, 2), 2);
});

test('margin = equity × allocation; size = margin × leverage / close', () => {
  assert.deepEqual(baseEntrySize(t, { equity: 10_000, price: 50, atr: 1, adx: 30, confidence: 2 }), { size: 100, marginUsed: 1000, leverage: 5, notional: 5000 });
  assert.deepEqual(sizeEntry(t, { equity: 10_000, price: 50, atr: 1, adx: 30, confidence: 1 }, 10_000), { size: 60, marginUsed: 1000, leverage: 3, notional: 3000 });
});

test('the instrument maximum leverage caps the tier', () => {
  assert.deepEqual(baseEntrySize(t, { equity: 10_000, price: 50, atr: 1, adx: 30, confidence: 2, maxLeverage: 2 }), { size: 40, marginUsed: 1000, leverage: 2, notional: 2000 });
});

test('headroom: a margin above it scales size and margin down to it; none left blocks', () => {
  assert.equal(marginHeadroom(t, 10_000, 9_600), 400);
  assert.deepEqual(sizeEntry(t, { equity: 10_000, price: 50, atr: 1, adx: 30, confidence: 1 }, 400), { size: 24, marginUsed: 400, leverage: 3, notional: 1200 });
  assert.equal(sizeEntry(t, { equity: 10_000, price: 50, atr: 1, adx: 30, confidence: 1 }, 0), undefined);
  assert.equal(sizeEntry(t, { equity: 10_000, price: 50, atr: 1, adx: 30, confidence: 1 }, -5), undefined);
  const half = fixtureConfig({ trade: { max_total_margin_pct: 0.5 } }).trade;
  assert.equal(marginHeadroom(half, 10_000, 4_000), 1000);
});

test('minimum notional: skip below it, or bump to it (margin recomputed at the tier leverage)', () => {
  const min = fixtureConfig({ trade: { min_notional_usd: 50 } }).trade;
  assert.equal(sizeEntry(min, { equity: 100, price: 10, atr: 1, adx: 30, confidence: 1 }, 100), undefined); // 10 × 3 = 30 < 50
  const bump = fixtureConfig({ trade: { min_notional_usd: 50, bump_to_min_notional: true } }).trade;
  const s = sizeEntry(bump, { equity: 100, price: 10, atr: 1, adx: 30, confidence: 1 }, 100);
  assert.deepEqual(s, { size: 5, marginUsed: 50 / 3, leverage: 3, notional: 50 });
});

test('dynamic sizing multiplies margin by confidence, ADX and volatility factors', () => {
  const dyn = fixtureConfig({ trade: { enable_dynamic_sizing: true } }).trade; // 0.7 medium, min 0.6 / full 40, baseline 1 %, 0.5…1
  // ADX 20 → 0.5 clamped to 0.6; ATR/price 2 % → 0.01/0.02 = 0.5; Medium 0.7 → 1000 × 0.7 × 0.6 × 0.5 = 210.
  const s = baseEntrySize(dyn, { equity: 10_000, price: 100, atr: 2, adx: 20, confidence: 1 });
  assert.ok(Math.abs(s.marginUsed - 210) < 1e-9);
  assert.ok(Math.abs(s.size - 6.3) < 1e-9);
});

test('pyramid add: cash × allocation × add fraction at the position leverage; the margin cap is inclusive', () => {
  const p = fixtureConfig({ trade: { enable_pyramiding: true, add_fraction_of_base_margin: 0.5 } }).trade;
  assert.deepEqual(sizeAdd(p, 10_000, 50, 3, 0), { size: 30, marginUsed: 500, leverage: 3, notional: 1500 });
  assert.ok(sizeAdd(p, 10_000, 50, 3, 9_500) !== undefined); // 9 500 + 500 = 10 000: allowed
  assert.equal(sizeAdd(p, 10_000, 50, 3, 9_501), undefined);
});

test('quantities round down to the 1e-12 lot without visible change', () => {
  const inst = makeInstrument({ symbol: 'X', lotSize: 1e-12 });
  assert.equal(roundQty(inst, 0.0313456789123456), 0.031345678912);
  assert.equal(roundQty(inst, 12.5), 12.5);
});

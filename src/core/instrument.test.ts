// Instrument construction and the price/size grids: tick and sig-fig rules, lot sizes and step rounding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from './errors.js';
import { isValidPrice, isValidQty, makeInstrument, priceDecimals, roundPrice, roundQty, roundToStep, stepDecimals } from './instrument.js';

test('makeInstrument fills linear-perp defaults', () => {
  const i = makeInstrument({ symbol: 'BTC' });
  assert.equal(i.venue, 'sim');
  assert.equal(i.multiplier, 1);
  assert.equal(i.maxLeverage, 50);
  // Hyperliquid rule: maintenance = 1 / (2 × max leverage) = 1/100.
  assert.equal(i.maintenanceMarginFraction, 0.01);
  assert.deepEqual(i.fees, { makerBps: 0, takerBps: 0, perUnit: 0 });
  assert.equal(makeInstrument({ symbol: 'X', maxLeverage: 20 }).maintenanceMarginFraction, 1 / 40);
});

test('makeInstrument rejects impossible fields, naming the instrument', () => {
  const bad: Parameters<typeof makeInstrument>[0][] = [
    { symbol: 'X', priceRule: { kind: 'tick', tick: 0 } },
    { symbol: 'X', priceRule: { kind: 'sigfig', sigFigs: 0, maxDecimals: 6 } },
    { symbol: 'X', priceRule: { kind: 'sigfig', sigFigs: 5, maxDecimals: -1 } },
    { symbol: 'X', lotSize: -0.1 },
    { symbol: 'X', lotSize: Number.NaN },
    { symbol: 'X', minNotional: -1 },
    { symbol: 'X', maxLeverage: 0 },
    { symbol: 'X', multiplier: 0 },
    { symbol: 'X', fees: { makerBps: 0, takerBps: Number.POSITIVE_INFINITY, perUnit: 0 } },
    { symbol: 'X', fees: { makerBps: 0, takerBps: 0, perUnit: -1 } },
    { symbol: 'X', maintenanceMarginFraction: 1 },
    { symbol: 'X', maintenanceMarginFraction: 0 },
  ];
  for (const p of bad) assert.throws(() => makeInstrument(p), (e: unknown) => e instanceof BadInputError && e.where === 'instrument X', JSON.stringify(p));
  // A maker rebate (negative bps) is legal.
  assert.equal(makeInstrument({ symbol: 'X', fees: { makerBps: -1, takerBps: 4.5, perUnit: 0 } }).fees.makerBps, -1);
});

test('stepDecimals counts the decimals of a step, including very fine ones', () => {
  assert.equal(stepDecimals(1), 0);
  assert.equal(stepDecimals(25), 0);
  assert.equal(stepDecimals(0.5), 1);
  assert.equal(stepDecimals(0.01), 2);
  assert.equal(stepDecimals(0.00025), 5);
  assert.equal(stepDecimals(1e-8), 8);
  assert.equal(stepDecimals(10 ** -5), 5); // 10 ** -5 is 0.000009999999999999999 in V8
  // Steps finer than 10^-9 (data with 10-12 decimals) must not collapse to 0 decimals.
  assert.equal(stepDecimals(1e-10), 10);
  assert.equal(stepDecimals(1e-12), 12);
});

test('roundToStep snaps to the exact decimal grid with a float-noise guard', () => {
  assert.equal(roundToStep(0.29, 0.01), 0.29);
  assert.equal(roundToStep(0.29, 0.01, 'down'), 0.29); // 0.29 / 0.01 = 28.999999999999996
  assert.equal(roundToStep(0.1 + 0.2, 0.1, 'down'), 0.3);
  assert.equal(roundToStep(1.234, 0.01), 1.23);
  assert.equal(roundToStep(1.234, 0.01, 'down'), 1.23);
  assert.equal(roundToStep(1.234, 0.01, 'up'), 1.24);
  assert.equal(roundToStep(1.236, 0.01), 1.24);
  assert.equal(roundToStep(7, 2.5), 7.5); // 2.8 steps → 3
  assert.equal(roundToStep(7, 2.5, 'down'), 5);
  assert.equal(roundToStep(1.23456789012, 1e-10), 1.2345678901);
  // Results are the canonical doubles of the decimals (k / 10^d), never k × step.
  for (let k = 1; k < 2000; k++) assert.equal(roundToStep(k * 1e-8, 1e-8), k / 1e8);
});

test('tick price rule: rounding and validity', () => {
  const i = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.5 } });
  assert.equal(roundPrice(i, 100.3), 100.5);
  assert.equal(roundPrice(i, 100.3, 'down'), 100);
  assert.equal(roundPrice(i, 100.2), 100);
  assert.ok(isValidPrice(i, 100.5));
  assert.ok(!isValidPrice(i, 100.25));
  assert.ok(!isValidPrice(i, 0));
  assert.ok(!isValidPrice(i, -1));
  assert.ok(!isValidPrice(i, Number.NaN));
});

test('sig-fig price rule (Hyperliquid: 5 significant figures, at most 6 decimals)', () => {
  const rule = { kind: 'sigfig', sigFigs: 5, maxDecimals: 6 } as const;
  const i = makeInstrument({ symbol: 'X', priceRule: rule });
  // decimals = clamp(5 − 1 − floor(log10 p), 0, 6)
  assert.equal(priceDecimals(rule, 123.45), 2);
  assert.equal(priceDecimals(rule, 999.99), 2);
  assert.equal(priceDecimals(rule, 1000), 1);
  assert.equal(priceDecimals(rule, 0.0123), 6);
  assert.equal(priceDecimals(rule, 0.000012), 6);
  assert.equal(priceDecimals(rule, 98765), 0);
  assert.equal(roundPrice(i, 123.456), 123.46);
  assert.equal(roundPrice(i, 0.0123456), 0.012346);
  assert.equal(roundPrice(i, 12345.6), 12346);
  assert.equal(roundPrice(i, 0), 0);
  assert.ok(isValidPrice(i, 1000.1)); // 5 significant figures
  assert.ok(!isValidPrice(i, 10000.1)); // 6
  assert.ok(!isValidPrice(i, 123.456));
  assert.ok(isValidPrice(i, 1234567)); // integer prices are always valid
  assert.ok(!isValidPrice(i, 0.0000123)); // more than 6 decimals
});

test('lot size: quantities round down and must be positive multiples', () => {
  const i = makeInstrument({ symbol: 'X', lotSize: 0.001 });
  assert.equal(roundQty(i, 0.0019), 0.001);
  assert.equal(roundQty(i, 0.0019, 'nearest'), 0.002);
  assert.equal(roundQty(i, 0.0011, 'up'), 0.002);
  assert.ok(isValidQty(i, 0.003));
  assert.ok(isValidQty(i, 12.345));
  assert.ok(!isValidQty(i, 0.0015));
  assert.ok(!isValidQty(i, 0));
  assert.ok(!isValidQty(i, -0.001));
  assert.ok(!isValidQty(i, Number.POSITIVE_INFINITY));
  // Float noise off the grid is invalid: 0.1 + 0.2 is not the double of 0.3.
  assert.ok(!isValidQty(makeInstrument({ symbol: 'Y', lotSize: 0.1 }), 0.1 + 0.2));
});

// Wire number formatting: every shared number_format_vectors entry, rounding directions, and the price grid at all magnitudes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../core/errors.js';
import { loadSharedVectors, VECTORS_MISSING } from '../../../testkit/venues/hyperliquid/test-vectors.js';
import {
  allowedPriceDecimals, floatToIntForHashing, floatToWire, formatAmount, formatPrice, formatSize, isValidPrice, wireFixed, wireFixedUsd, wireNumber, wireUsd,
} from './wire-number.js';

const shared = loadSharedVectors();

interface NumberVector {
  id: string;
  function: string;
  input: unknown;
  expected: { value?: string | number; error?: string };
}

/** Runs one vector through the formatter its `function` names; returns the wire value or throws. */
function evaluate(v: NumberVector): string {
  const where = v.id;
  if (v.function.startsWith('float_to_int_for_hashing')) return floatToIntForHashing(v.input as number, where).toString();
  if (v.function.startsWith('float_to_wire')) return floatToWire(v.input as number, where);
  // Rust reads an f64 literal; its formatter never refuses, hence strict = false.
  if (v.function.startsWith('float_to_string_for_hashing')) return floatToWire(Number((v.input as { f64_literal: string }).f64_literal), where, false);
  if (v.function.startsWith('formatPrice')) {
    const i = v.input as { price: string; szDecimals: number; type: 'perp' | 'spot' };
    // nktkas truncates; for the positive prices of the vectors that is rounding down.
    return formatPrice(i.price, i.szDecimals, i.type, 'down', where);
  }
  if (v.function.startsWith('formatSize')) {
    const i = v.input as { size: string; szDecimals: number };
    return formatSize(i.size, i.szDecimals, where);
  }
  throw new Error(`no formatter for ${v.function}`);
}

test('every shared number_format_vectors entry', (t) => {
  if (!shared) return t.skip(VECTORS_MISSING);
  const vectors = shared.data.number_format_vectors as NumberVector[];
  assert.equal(vectors.length, 49);
  for (const v of vectors) {
    if (v.expected.error !== undefined) {
      assert.throws(() => evaluate(v), (e: unknown) => e instanceof BadInputError && e.message.startsWith(v.id), v.id);
    } else {
      assert.equal(evaluate(v), String(v.expected.value), v.id);
    }
  }
});

test('float_to_int_for_hashing beyond 2^53 and the upstream 1.033 case', () => {
  assert.equal(floatToIntForHashing(123123123123, 'x'), 12312312312300000000n);
  assert.equal(floatToIntForHashing(1.033, 'x'), 103300000n);
  assert.equal(floatToIntForHashing(-2.5, 'x', 6), -2500000n);
  assert.throws(() => floatToIntForHashing(0.000012312312, 'x'), /float_to_int causes rounding/);
});

test('float_to_wire: canonical, no exponent, -0 is 0, refuses silent rounding', () => {
  assert.equal(floatToWire(1e-8, 'x'), '0.00000001');
  assert.equal(floatToWire(1e21, 'x'), '1000000000000000000000');
  assert.equal(floatToWire(-0, 'x'), '0');
  assert.equal(floatToWire('25.20', 'x'), '25.2');
  assert.equal(floatToWire(0.1 + 0.2, 'x'), '0.3');
  assert.throws(() => floatToWire(0.123456789, 'px'), /^BadInputError: px: .*more than 8 decimals/);
  assert.equal(floatToWire(0.123456789, 'px', false), '0.12345679');
  assert.throws(() => floatToWire(Number.NaN, 'px'), /px: expected a finite number/);
  assert.throws(() => floatToWire(Infinity, 'px'), /px: expected a finite number/);
});

test('prices: 5 significant figures, 6 − szDecimals decimals (8 on spot), integers always valid', () => {
  // Below 1, above 10^4 and 10^5, szDecimals 0..5 (the classic broken cases).
  assert.equal(formatPrice('0.123456789', 0, 'perp', 'down', 'p'), '0.12345');
  assert.equal(formatPrice('0.123456789', 2, 'perp', 'down', 'p'), '0.1234');
  assert.equal(formatPrice('0.000123456', 0, 'perp', 'down', 'p'), '0.000123');
  assert.throws(() => formatPrice('0.000123456', 3, 'perp', 'down', 'p'), /p: price "0.000123456" rounds to 0 \(at most 3 decimals/);
  assert.equal(formatPrice('0.000123456', 3, 'perp', 'up', 'p'), '0.001');
  assert.equal(formatPrice('12345.67', 0, 'perp', 'down', 'p'), '12345');
  assert.equal(formatPrice('12345.67', 5, 'perp', 'up', 'p'), '12346');
  assert.equal(formatPrice('1234.567', 5, 'perp', 'nearest', 'p'), '1234.6');
  assert.equal(formatPrice('1234.567', 4, 'perp', 'nearest', 'p'), '1234.6');
  assert.equal(formatPrice('97123.45', 5, 'perp', 'nearest', 'p'), '97123');
  // ≥ 10^5: five sig figs would leave no decimals; the whole number is valid and closest.
  assert.equal(formatPrice('123456.7', 0, 'perp', 'down', 'p'), '123456');
  assert.equal(formatPrice('123456.7', 0, 'perp', 'up', 'p'), '123457');
  assert.equal(formatPrice(100001, 5, 'perp', 'down', 'p'), '100001');
  assert.equal(formatPrice('100001.0', 5, 'perp', 'down', 'p'), '100001');
  assert.equal(formatPrice('1234567', 0, 'perp', 'down', 'p'), '1234567');
  // Spot allows 8 − szDecimals decimals.
  assert.equal(formatPrice('0.0000123456789', 0, 'spot', 'down', 'p'), '0.00001234');
  assert.equal(formatPrice('0.0000123456789', 0, 'perp', 'down', 'p'), '0.000012');
  // Rounding up can carry into a new digit; still valid.
  assert.equal(formatPrice('9.999991', 0, 'perp', 'up', 'p'), '10');
  assert.equal(formatPrice(0.1 + 0.2, 0, 'perp', 'nearest', 'p'), '0.3');
  for (const [raw, sz] of [['1670.1', 4], ['30000', 5], ['0.0001', 0], ['2000.0', 3]] as const) assert.ok(isValidPrice(raw, sz, 'perp'), raw);
  assert.ok(!isValidPrice('12345.6', 0, 'perp'));
  assert.ok(!isValidPrice('0.1234567', 0, 'perp'));
  assert.equal(allowedPriceDecimals(-1, 0, 'perp'), 5);
  assert.equal(allowedPriceDecimals(6, 0, 'perp'), 0);
  assert.throws(() => formatPrice('-1.5', 0, 'perp', 'down', 'order.price'), /order.price: price must be > 0/);
  assert.throws(() => formatPrice('0', 0, 'perp', 'down', 'order.price'), /price must be > 0/);
  assert.throws(() => formatPrice('1e', 0, 'perp', 'down', 'order.price'), /order.price: expected a decimal number/);
  assert.throws(() => formatPrice(1.5, 9, 'perp', 'down', 'order.price'), /szDecimals must be an integer 0..8/);
});

test('sizes truncate toward zero and never round to 0 silently', () => {
  assert.equal(formatSize('0.123456', 3, 's'), '0.123');
  assert.equal(formatSize(0.0147, 4, 's'), '0.0147');
  assert.equal(formatSize('1.99999', 0, 's'), '1');
  assert.equal(formatSize('1e-3', 3, 's'), '0.001');
  assert.equal(formatSize(1e-7, 8, 's'), '0.0000001');
  assert.throws(() => formatSize('0.00009', 4, 'order.qty'), /order.qty: size "0.00009" truncates to 0 at szDecimals 4 \(smallest size 0.0001\)/);
});

test('amounts: positive, at most 6 decimals, canonical', () => {
  assert.equal(formatAmount('10.50', 'a'), '10.5');
  assert.equal(formatAmount(1, 'a'), '1');
  assert.throws(() => formatAmount('0.0000001', 'a'), /more than 6 decimals/);
  assert.throws(() => formatAmount(-1, 'a'), /amount must be > 0/);
});

test('answers: numbers written as the venue does as the venue does: plain decimals, integers with .0', () => {
  assert.equal(wireNumber(30135), '30135.0');
  assert.equal(wireNumber(0.001565), '0.001565');
  assert.equal(wireNumber(0), '0.0');
  assert.equal(wireNumber(1e-7), '0.0000001');
  assert.equal(wireNumber(1.5e-8), '0.000000015');
  assert.equal(wireNumber(-2.5), '-2.5');
  assert.equal(wireNumber(1e21), '1000000000000000000000.0');
  assert.equal(wireUsd(19762.4834551), '19762.483455');
  assert.equal(wireUsd(-0.0000001), '0.0');
  assert.equal(wireFixedUsd(-12_345_678_900_000n), '-12.345679');
  assert.equal(wireFixed(-1_500_000_000_000n), '-1.5');
  assert.equal(wireFixed(2_000_000_000_000n), '2.0');
});

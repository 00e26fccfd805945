// Exact fixed-point parsing, formatting and half-even arithmetic against hand-worked values and a rational property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError, InvariantError } from './errors.js';
import {
  divRoundHalfEven,
  fixedAbs,
  fixedDiv,
  fixedFromNumber,
  fixedFromString,
  fixedMul,
  fixedMul3,
  fixedRoundToStep,
  fixedToNumber,
  fixedToString,
  FIXED_ONE,
  pow10,
} from './fixed.js';
import { createRng } from './rng.js';

const E12 = 10n ** 12n;

test('fixedFromString parses decimals and exponents exactly', () => {
  assert.equal(fixedFromString('1'), E12);
  assert.equal(fixedFromString('-12.345'), -12_345_000_000_000n);
  assert.equal(fixedFromString('+0.5'), 500_000_000_000n);
  assert.equal(fixedFromString('1e-3'), 1_000_000_000n);
  assert.equal(fixedFromString('1.5E2'), 150n * E12);
  assert.equal(fixedFromString('2.'), 2n * E12);
  assert.equal(fixedFromString('.25'), 250_000_000_000n);
  assert.equal(fixedFromString(' 7 '), 7n * E12);
  assert.equal(fixedFromString('0.000000000001'), 1n);
});

test('fixedFromString rounds digits beyond 10^-12 half to even', () => {
  // 0.5e-12 → 0 (even), 1.5e-12 → 2, 2.5e-12 → 2, 2.51e-12 → 3; the sign is applied to the rounded magnitude.
  assert.equal(fixedFromString('0.0000000000005'), 0n);
  assert.equal(fixedFromString('0.0000000000015'), 2n);
  assert.equal(fixedFromString('0.0000000000025'), 2n);
  assert.equal(fixedFromString('0.00000000000251'), 3n);
  assert.equal(fixedFromString('-0.0000000000015'), -2n);
  assert.equal(fixedFromString('1e-13'), 0n);
});

test('fixedFromString rejects text that is not a number, naming where', () => {
  for (const bad of ['', '.', 'abc', '1.2.3', '1e', '--1', '0x10', 'NaN']) {
    assert.throws(() => fixedFromString(bad, 'cell B7'), (e: unknown) => e instanceof BadInputError && e.where === 'cell B7', bad);
  }
});

test('fixedFromNumber takes the shortest decimal of the double', () => {
  assert.equal(fixedFromNumber(0.1), 100_000_000_000n);
  // 0.1 + 0.2 is the double 0.30000000000000004: 17 digits, rounded to 12 decimals → exactly 0.3.
  assert.equal(fixedFromNumber(0.1 + 0.2), 300_000_000_000n);
  assert.equal(fixedFromNumber(-2.5), -2_500_000_000_000n);
  assert.equal(fixedFromNumber(123456.789), 123_456_789_000_000_000n);
  assert.equal(fixedFromNumber(0), 0n);
  assert.equal(fixedFromNumber(-0), 0n);
  assert.equal(fixedFromNumber(1e-12), 1n);
  assert.equal(fixedFromNumber(1e-13), 0n);
  // Beyond the fast path's range the decimal text is used: 1e15 and 1e21 ("1e+21").
  assert.equal(fixedFromNumber(1e15), 10n ** 27n);
  assert.equal(fixedFromNumber(1e21), 10n ** 33n);
  assert.throws(() => fixedFromNumber(Number.NaN), InvariantError);
  assert.throws(() => fixedFromNumber(Number.POSITIVE_INFINITY), InvariantError);
});

test('fixedFromNumber agrees with parsing String(x) for grid values', () => {
  const rng = createRng(7);
  for (let i = 0; i < 20_000; i++) {
    const ticks = rng.int(-10_000_000, 10_000_000);
    const d = rng.int(0, 8);
    const x = ticks / 10 ** d;
    // Independent: the exact value is ticks × 10^(12−d).
    assert.equal(fixedFromNumber(x), BigInt(ticks) * 10n ** BigInt(12 - d), `${ticks}e-${d}`);
  }
});

test('fixedToString prints exact decimals without trailing zeros', () => {
  assert.equal(fixedToString(0n), '0');
  assert.equal(fixedToString(E12), '1');
  assert.equal(fixedToString(-1n), '-0.000000000001');
  assert.equal(fixedToString(1_500_000_000_000n), '1.5');
  assert.equal(fixedToString(-12_345_000_000_000n), '-12.345');
  assert.equal(fixedToString(10n ** 30n + 7n), '1000000000000000000.000000000007');
});

test('fixedToNumber gives the nearest double for ordinary values', () => {
  assert.equal(fixedToNumber(100_000_000_000n), 0.1);
  assert.equal(fixedToNumber(-2_500_000_000_000n), -2.5);
  assert.equal(fixedToNumber(123_456_789_000_000_000n), 123456.789);
  assert.equal(fixedToNumber(0n), 0);
});

test('string round trip through fixed is the identity on canonical decimals', () => {
  for (const s of ['0', '1', '-1', '0.5', '-0.000000000001', '98765.4321', '1000000']) assert.equal(fixedToString(fixedFromString(s)), s);
});

test('fixedMul, fixedMul3 and fixedDiv round once, half to even', () => {
  const f = (s: string): bigint => fixedFromString(s);
  assert.equal(fixedMul(f('1.5'), f('2.5')), f('3.75'));
  assert.equal(fixedMul(f('-1.5'), f('2.5')), f('-3.75'));
  // 0.000001 × 0.0000005 = 5e-13 → 0 (tie, 0 is even); × 0.0000015 = 1.5e-12 → 2e-12; negative mirrors.
  assert.equal(fixedMul(f('0.000001'), f('0.0000005')), 0n);
  assert.equal(fixedMul(f('0.000001'), f('0.0000015')), 2n);
  assert.equal(fixedMul(f('-0.000001'), f('0.0000015')), -2n);
  // 0.001 × 0.001 × 0.0000005 = 5e-13 → 0 in one rounding; 0.001 × 0.001 × 0.0000025 = 2.5e-12 → 2.
  assert.equal(fixedMul3(f('0.001'), f('0.001'), f('0.0000005')), 0n);
  assert.equal(fixedMul3(f('0.001'), f('0.001'), f('0.0000025')), 2n);
  assert.equal(fixedMul3(f('2'), f('3'), f('-4')), f('-24'));
  // 1/3 = 0.333333333333|3 → …333; 2/3 = 0.666666666666|6 → …667; −2/3 → −…667.
  assert.equal(fixedDiv(f('1'), f('3')), 333_333_333_333n);
  assert.equal(fixedDiv(f('2'), f('3')), 666_666_666_667n);
  assert.equal(fixedDiv(f('-2'), f('3')), -666_666_666_667n);
  assert.equal(fixedDiv(f('7.5'), f('-2.5')), f('-3'));
  assert.throws(() => fixedDiv(E12, 0n), InvariantError);
});

test('divRoundHalfEven on hand-worked ties and signs', () => {
  const cases: [bigint, bigint, bigint][] = [
    [5n, 2n, 2n], // 2.5 → 2
    [7n, 2n, 4n], // 3.5 → 4
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [5n, -2n, -2n],
    [-5n, -2n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [6n, 4n, 2n], // 1.5 → 2
    [10n, 4n, 2n], // 2.5 → 2
    [14n, 4n, 4n], // 3.5 → 4
    [0n, 9n, 0n],
    [9n, 9n, 1n],
  ];
  for (const [n, d, q] of cases) assert.equal(divRoundHalfEven(n, d), q, `${n}/${d}`);
});

test('divRoundHalfEven returns the nearest integer, ties to even (property)', () => {
  const rng = createRng(11);
  for (let i = 0; i < 20_000; i++) {
    const n = BigInt(rng.int(-1_000_000, 1_000_000)) * BigInt(rng.int(1, 1_000_000));
    let d = BigInt(rng.int(-5000, 5000));
    if (d === 0n) d = 1n;
    const q = divRoundHalfEven(n, d);
    // |n/d − q| ≤ 1/2  ⇔  |2(n − q·d)| ≤ |d|; equality only for an even q.
    const twice = 2n * (n - q * d);
    const absTwice = twice < 0n ? -twice : twice;
    const absD = d < 0n ? -d : d;
    assert.ok(absTwice <= absD, `${n}/${d} → ${q}`);
    if (absTwice === absD) assert.equal(q % 2n, 0n, `tie ${n}/${d} → ${q}`);
  }
});

test('fixedRoundToStep, pow10 and fixedAbs', () => {
  const f = (s: string): bigint => fixedFromString(s);
  assert.equal(fixedRoundToStep(f('1.234'), f('0.01')), f('1.23'));
  assert.equal(fixedRoundToStep(f('1.235'), f('0.01')), f('1.24')); // 123.5 → 124 (even)
  assert.equal(fixedRoundToStep(f('1.245'), f('0.01')), f('1.24')); // 124.5 → 124 (even)
  assert.equal(fixedRoundToStep(f('7'), f('2.5')), f('7.5'));
  assert.equal(pow10(0), 1n);
  assert.equal(pow10(12), FIXED_ONE);
  assert.throws(() => pow10(40), InvariantError);
  assert.throws(() => pow10(-1), InvariantError);
  assert.equal(fixedAbs(-5n), 5n);
  assert.equal(fixedAbs(5n), 5n);
});

// Wire numbers: the venue's decimal strings out, canonical forms for hashing in.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { canonicalDecimal, parseUnsignedDecimal, wireFixed, wireFixedUsd, wireNumber, wireUsd } from './wire-number.js';

it('writes numbers as the venue does: plain decimals, integers with .0', () => {
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

it('canonicalises what the venue hashes and rejects what it cannot decode', () => {
  assert.equal(canonicalDecimal('25.20'), '25.2');
  assert.equal(canonicalDecimal('100.0'), '100');
  assert.equal(canonicalDecimal('0.0100'), '0.01');
  assert.equal(canonicalDecimal('007'), '7');
  assert.equal(canonicalDecimal('0'), '0');
  for (const bad of ['1e-7', '-1', '.5', '5.', '', ' 1', 1]) assert.equal(canonicalDecimal(bad), undefined, String(bad));
  assert.equal(parseUnsignedDecimal('0.0147'), 0.0147);
  assert.equal(parseUnsignedDecimal('abc'), undefined);
});

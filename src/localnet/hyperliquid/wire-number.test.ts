// Wire numbers: the venue's decimal strings in its answers.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { wireFixed, wireFixedUsd, wireNumber, wireUsd } from './wire-number.js';

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

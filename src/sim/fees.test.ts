// Fee arithmetic: the double fast path agrees with the exact bigint definition on random grid values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divRoundHalfEven, fixedFromString } from '../core/fixed.js';
import { createRng } from '../core/rng.js';
import { FeeCalculator } from './fees.js';

/** The definition, from decimal strings: qty × price × mult × bps / 10⁴ + qty × perUnit, rounded half-even once to 10⁻¹². */
function reference(qty: string, price: string, mult: string, bps: string, perUnit: string): bigint {
  const F = (s: string): bigint => fixedFromString(s);
  const one = 10n ** 12n;
  const n = F(qty) * F(price) * F(mult) * F(bps) + F(qty) * F(perUnit) * one * one * 10_000n;
  return divRoundHalfEven(n, one * one * one * 10_000n);
}

test('fast and exact paths give the definition’s fee for random lots, ticks, multipliers and rates', () => {
  const rng = createRng(11);
  const dec = (intDigits: number, decimals: number): string => {
    const i = rng.int(0, 10 ** intDigits - 1);
    const f = decimals > 0 ? '.' + String(rng.int(0, 10 ** decimals - 1)).padStart(decimals, '0') : '';
    const s = `${i}${f}`;
    return Number(s) === 0 ? '1' : s;
  };
  for (let k = 0; k < 20_000; k++) {
    const qty = dec(rng.int(0, 6), rng.int(0, 8));
    const price = dec(rng.int(0, 6), rng.int(0, 8));
    const mult = rng.next() < 0.7 ? '1' : dec(2, rng.int(0, 3));
    const bps = rng.next() < 0.5 ? String(rng.int(0, 10)) : dec(1, rng.int(0, 3));
    const perUnit = rng.next() < 0.7 ? '0' : dec(1, rng.int(0, 4));
    const calc = new FeeCalculator({ makerBps: Number(bps), takerBps: Number(bps), perUnit: Number(perUnit) }, Number(mult));
    assert.equal(calc.fee('taker', Number(qty), Number(price)), reference(qty, price, mult, bps, perUnit), `${qty} × ${price} × ${mult} @ ${bps} bps + ${perUnit}/unit`);
  }
});

// Tests DEMA and TEMA against nested naive EMAs, including their warm-up lengths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dema } from './dema.js';
import { Tema } from './tema.js';
import { naiveEma, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars } from '../testkit/indicators/test-support.js';

const closes = Array.from(syntheticBars(400).close);

test('dema = 2·ema − ema(ema), first value on bar 2·period − 1', () => {
  for (const seed of ['sma', 'first'] as const) {
    const p = 10;
    const d = new Dema(p, seed);
    const got = collect(closes.length, (i) => d.update(closes[i]), () => d.value, () => d.ready);
    const e1 = naiveEma(closes, p, seed);
    const e2 = naiveEma(e1, p, seed);
    assert.equal(firstDefined(got), seed === 'sma' ? 2 * p - 2 : 0);
    assertSeriesClose(got, zipWith((a, b) => 2 * a - b, e1, e2), 1e-9, `dema ${seed}`);
  }
});

test('tema = 3·e1 − 3·e2 + e3, first value on bar 3·period − 2', () => {
  for (const seed of ['sma', 'first'] as const) {
    const p = 8;
    const t = new Tema(p, seed);
    const got = collect(closes.length, (i) => t.update(closes[i]), () => t.value, () => t.ready);
    const e1 = naiveEma(closes, p, seed);
    const e2 = naiveEma(e1, p, seed);
    const e3 = naiveEma(e2, p, seed);
    assert.equal(firstDefined(got), seed === 'sma' ? 3 * p - 3 : 0);
    assertSeriesClose(got, zipWith((a, b, c) => 3 * a - 3 * b + c, e1, e2, e3), 1e-9, `tema ${seed}`);
  }
});

test('default periods are 30', () => {
  assert.equal(new Dema().period, 30);
  assert.equal(new Tema().period, 30);
});

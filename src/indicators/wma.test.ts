// Tests WMA by hand and against the naive weighted window sum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Wma } from './wma.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

function naiveWma(x: number[], p: number): Series {
  return x.map((_, i) => {
    if (i < p - 1) return undefined;
    let num = 0;
    for (let k = 0; k < p; k++) num += (p - k) * x[i - k];
    return num / ((p * (p + 1)) / 2);
  });
}

test('wma by hand: weights 1,2,3 for the newest last', () => {
  const w = new Wma(3);
  const xs = [1, 2, 3, 6];
  // (1·1 + 2·2 + 3·3)/6 = 14/6, (1·2 + 2·3 + 3·6)/6 = 26/6
  const got = collect(4, (i) => w.update(xs[i]), () => w.value, () => w.ready);
  assertSeriesClose(got, [undefined, undefined, 14 / 6, 26 / 6], 1e-15);
});

test('wma matches the naive weighted sum', () => {
  const closes = Array.from(syntheticBars(500).close);
  for (const p of [1, 4, 30]) {
    const w = new Wma(p);
    const got = collect(closes.length, (i) => w.update(closes[i]), () => w.value, () => w.ready);
    assert.equal(firstDefined(got), p - 1);
    assertSeriesClose(got, naiveWma(closes, p), 1e-10, `wma ${p}`);
  }
});

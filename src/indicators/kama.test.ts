// Tests KAMA's two seeds against a naive efficiency-ratio recomputation, by hand for a tiny input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kama } from './kama.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

function naiveKama(x: number[], p: number, fast: number, slow: number, seed: 'sma' | 'talib'): Series {
  const out: Series = x.map(() => undefined);
  const f = 2 / (fast + 1);
  const s = 2 / (slow + 1);
  let k = 0;
  for (let t = p; t < x.length; t++) {
    let vol = 0;
    for (let j = t - p + 1; j <= t; j++) vol += Math.abs(x[j] - x[j - 1]);
    const er = vol === 0 ? 1 : Math.abs(x[t] - x[t - p]) / vol;
    const sc = (er * (f - s) + s) ** 2;
    if (t === p) k = seed === 'sma' ? x.slice(1, p + 1).reduce((a, b) => a + b, 0) / p : x[t - 1] + sc * (x[t] - x[t - 1]);
    else k = k + sc * (x[t] - k);
    out[t] = k;
  }
  return out;
}

test('kama by hand on a straight line: er = 1 so sc = (2/3)²', () => {
  const k = new Kama(2, 2, 30, 'talib');
  const xs = [1, 2, 3, 4];
  const sc = (2 / 3) ** 2;
  const v2 = 2 + sc * (3 - 2);
  const v3 = v2 + sc * (4 - v2);
  assertSeriesClose(collect(4, (i) => k.update(xs[i]), () => k.value, () => k.ready), [undefined, undefined, v2, v3], 1e-15);
  const b = new Kama(2, 2, 30, 'sma');
  // backtrader seeds with the mean of the last 2 closes (2 + 3)/2
  const w2 = 2.5;
  assertSeriesClose(collect(4, (i) => b.update(xs[i]), () => b.value, () => b.ready), [undefined, undefined, w2, w2 + sc * (4 - w2)], 1e-15);
});

test('kama matches the naive recomputation for both seeds; first value on bar period + 1', () => {
  const closes = Array.from(syntheticBars(500).close);
  for (const seed of ['sma', 'talib'] as const) {
    for (const [p, f, s] of [[30, 2, 30], [10, 3, 20]]) {
      const k = new Kama(p, f, s, seed);
      const got = collect(closes.length, (i) => k.update(closes[i]), () => k.value, () => k.ready);
      assert.equal(firstDefined(got), p);
      assertSeriesClose(got, naiveKama(closes, p, f, s, seed), 1e-9, `kama ${p} ${seed}`);
    }
  }
});

// Tests EMA seeds by hand and against the closed-form weighted sum, plus warm-up per seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ema } from './ema.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';
import { BadInputError } from '../core/errors.js';

/** EMA written as its explicit weighted sum: seed·(1−α)^(t−s) + Σ α(1−α)^(t−j)·x_j, O(n²). */
function closedFormEma(x: number[], p: number, seed: 'sma' | 'first'): Series {
  const a = 2 / (p + 1);
  const s = seed === 'sma' ? p - 1 : 0;
  const seedValue = seed === 'sma' ? x.slice(0, p).reduce((u, v) => u + v, 0) / p : x[0];
  return x.map((_, t) => {
    if (t < s) return undefined;
    let v = seedValue * Math.pow(1 - a, t - s);
    for (let j = s + 1; j <= t; j++) v += a * Math.pow(1 - a, t - j) * x[j];
    return v;
  });
}

test('ema by hand, both seeds', () => {
  const xs = [1, 2, 3, 4, 5];
  const a = new Ema(3, 'sma');
  assert.deepEqual(collect(5, (i) => a.update(xs[i]), () => a.value, () => a.ready), [undefined, undefined, 2, 3, 4]);
  const b = new Ema(3, 'first');
  assert.deepEqual(collect(5, (i) => b.update(xs[i]), () => b.value, () => b.ready), [1, 1.5, 2.25, 3.125, 4.0625]);
});

test('ema matches the closed form; sma seed ready on bar period, first seed on bar 1', () => {
  const closes = Array.from(syntheticBars(300).close);
  for (const seed of ['sma', 'first'] as const) {
    for (const p of [1, 5, 30]) {
      const e = new Ema(p, seed);
      const got = collect(closes.length, (i) => e.update(closes[i]), () => e.value, () => e.ready);
      assert.equal(firstDefined(got), seed === 'sma' ? p - 1 : 0);
      assertSeriesClose(got, closedFormEma(closes, p, seed), 1e-9, `ema ${p} ${seed}`);
    }
  }
});

test('ema defaults and validation', () => {
  const e = new Ema();
  assert.equal(e.period, 30);
  assert.equal(e.seed, 'sma');
  assert.throws(() => new Ema(10, 'pandas' as 'sma'), (err: unknown) => err instanceof BadInputError && /seed must be one of sma, first/.test(err.message));
});

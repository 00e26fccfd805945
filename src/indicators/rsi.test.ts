// Tests RSI by hand, its flat and one-way edge cases, and against naive Wilder-smoothed gains and losses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rsi } from './rsi.js';
import { naiveWilder, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

function run(r: Rsi, xs: number[]): Series {
  return collect(xs.length, (i) => r.update(xs[i]), () => r.value, () => r.ready);
}

test('rsi by hand, period 2', () => {
  // gains 1, 0, 1 / losses 0, 0.5, 0 → seed 0.5/0.25 → rs 2; then 0.75/0.125 → rs 6
  assertSeriesClose(run(new Rsi(2), [1, 2, 1.5, 2.5]), [undefined, undefined, 100 - 100 / 3, 100 - 100 / 7], 1e-12);
});

test('no losses gives 100, no movement at all gives 50', () => {
  assert.deepEqual(run(new Rsi(3), [1, 2, 3, 4, 5]).slice(3), [100, 100]);
  assert.deepEqual(run(new Rsi(3), [7, 7, 7, 7, 7]).slice(3), [50, 50]);
});

test('rsi matches naive Wilder averages; first value on bar period + 1', () => {
  const closes = Array.from(syntheticBars(500).close);
  const change: Series = closes.map((x, i) => (i === 0 ? undefined : x - closes[i - 1]));
  for (const p of [14, 5]) {
    const g = naiveWilder(change.map((d) => (d === undefined ? undefined : Math.max(d, 0))), p);
    const l = naiveWilder(change.map((d) => (d === undefined ? undefined : Math.max(-d, 0))), p);
    const expected = zipWith((a, b) => (b === 0 ? (a === 0 ? 50 : 100) : 100 - 100 / (1 + a / b)), g, l);
    const got = run(new Rsi(p), closes);
    assert.equal(firstDefined(got), p);
    assertSeriesClose(got, expected, 1e-9, `rsi ${p}`);
  }
});

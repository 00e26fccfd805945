// Tests Williams %R, Donchian and Aroon against naive window scans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Willr } from './willr.js';
import { Donchian } from './donchian.js';
import { Aroon } from './aroon.js';
import { naiveHighest, naiveLowest, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

const b = syntheticBars(500);

test('willr = −100·(hh − close)/(hh − ll), 0 on a flat range; first value on bar 14', () => {
  const expected = zipWith((c, h, l) => (h === l ? 0 : (-100 * (h - c)) / (h - l)), Array.from(b.close), naiveHighest(b.high, 14), naiveLowest(b.low, 14));
  const w = new Willr();
  const got = collect(b.length, (i) => w.update(b.high[i], b.low[i], b.close[i]), () => w.value, () => w.ready);
  assert.equal(firstDefined(got), 13);
  assertSeriesClose(got, expected, 1e-12);
});

test('donchian top/mid/bot over 20 bars including the current one', () => {
  const d = new Donchian();
  const hh = naiveHighest(b.high, 20);
  const ll = naiveLowest(b.low, 20);
  const top = collect(b.length, (i) => d.update(b.high[i], b.low[i]), () => d.top, () => d.ready);
  assert.equal(firstDefined(top), 19);
  assertSeriesClose(top, hh, 0);
  assert.equal(d.mid, ((hh.at(-1) as number) + (ll.at(-1) as number)) / 2);
  assert.equal(d.bot, ll.at(-1));
});

test('aroon by hand: period 2, window 3 bars, most recent extreme wins ties', () => {
  const a = new Aroon(2);
  const highs = [5, 7, 7, 6];
  const lows = [4, 3, 5, 3];
  const up: Series = [];
  const down: Series = [];
  for (let i = 0; i < 4; i++) {
    a.update(highs[i], lows[i]);
    up.push(a.ready ? a.up : undefined);
    down.push(a.ready ? a.down : undefined);
  }
  // bar 3: highest 7 most recently at age 0 → 100; lowest 3 at age 1 → 50. bar 4: 7 at age 1 → 50; 3 at age 0 → 100
  assert.deepEqual(up, [undefined, undefined, 100, 50]);
  assert.deepEqual(down, [undefined, undefined, 50, 100]);
});

test('aroon matches a naive scan of period + 1 bars; first value on bar period + 1', () => {
  const p = 14;
  const naive = (x: Float64Array, pick: (...v: number[]) => number): Series =>
    Array.from(x, (_, i) => {
      if (i < p) return undefined;
      const w = Array.from(x.slice(i - p, i + 1));
      return (100 / p) * (p - (p - w.lastIndexOf(pick(...w))));
    });
  const a = new Aroon(p);
  const up: Series = [];
  const down: Series = [];
  for (let i = 0; i < b.length; i++) {
    a.update(b.high[i], b.low[i]);
    up.push(a.ready ? a.up : undefined);
    down.push(a.ready ? a.down : undefined);
  }
  assert.equal(firstDefined(up), p);
  assertSeriesClose(up, naive(b.high, Math.max), 1e-12, 'up');
  assertSeriesClose(down, naive(b.low, Math.min), 1e-12, 'down');
});

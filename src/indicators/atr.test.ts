// Tests ATR by hand (first true range needs a previous close) and against naive Wilder-smoothed true range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Atr } from './atr.js';
import { naiveTrueRange, naiveWilder } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars } from '../testkit/indicators/test-support.js';

test('atr by hand, period 2', () => {
  const bars = [
    [10, 8, 9],
    [11, 9, 10],
    [12, 10, 11.5],
    [11, 8, 9],
  ];
  // true ranges from bar 2: 2, 2, 3.5 → seed (2+2)/2 = 2, then 2·0.5 + 3.5·0.5 = 2.75
  const a = new Atr(2);
  const got = collect(4, (i) => a.update(bars[i][0], bars[i][1], bars[i][2]), () => a.value, () => a.ready);
  assert.deepEqual(got, [undefined, undefined, 2, 2.75]);
});

test('atr matches naive Wilder of true range; first value on bar period + 1', () => {
  const b = syntheticBars(500);
  const tr = naiveTrueRange(b.high, b.low, b.close);
  for (const p of [14, 3]) {
    const a = new Atr(p);
    const got = collect(b.length, (i) => a.update(b.high[i], b.low[i], b.close[i]), () => a.value, () => a.ready);
    assert.equal(firstDefined(got), p);
    assertSeriesClose(got, naiveWilder(tr, p), 1e-10, `atr ${p}`);
  }
});

// Tests OBV seeds and VWAP (including its no-volume fallback) by hand and against naive sums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Obv } from './obv.js';
import { Vwap } from './vwap.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

test('obv by hand: seeded with the first volume or zero, unknown volume counts as 0', () => {
  const closes = [10, 11, 11, 9, 12];
  const vols = [100, 50, 70, 30, NaN];
  const a = new Obv();
  assert.deepEqual(collect(5, (i) => a.update(closes[i], vols[i]), () => a.value, () => a.ready), [100, 150, 150, 120, 120]);
  const z = new Obv('zero');
  assert.deepEqual(collect(5, (i) => z.update(closes[i], vols[i]), () => z.value, () => z.ready), [0, 50, 50, 20, 20]);
});

test('vwap = Σ tp·v / Σ v over the window; a window without volume gives the mean typical price', () => {
  const v = new Vwap(2);
  const bars = [
    [12, 9, 12, 10],
    [15, 9, 12, 30],
    [13, 10, 10, 0],
    [10, 10, 10, 0],
  ];
  const got = collect(4, (i) => v.update(bars[i][0], bars[i][1], bars[i][2], bars[i][3]), () => v.value, () => v.ready);
  // tp = 11, 12, 11, 10: (11·10 + 12·30)/40 = 11.75; (12·30 + 0)/30 = 12; no volume → (11 + 10)/2
  assertSeriesClose(got, [undefined, 11.75, 12, 10.5], 1e-15);
});

test('vwap matches naive window sums on synthetic bars', () => {
  const b = syntheticBars(400);
  const p = 20;
  const tp = Array.from({ length: b.length }, (_, i) => (b.high[i] + b.low[i] + b.close[i]) / 3);
  const expected: Series = tp.map((_, i) => {
    if (i < p - 1) return undefined;
    let pv = 0;
    let vol = 0;
    let s = 0;
    for (let j = i - p + 1; j <= i; j++) {
      pv += tp[j] * b.volume[j];
      vol += b.volume[j];
      s += tp[j];
    }
    return vol > 0 ? pv / vol : s / p;
  });
  const v = new Vwap();
  const got = collect(b.length, (i) => v.update(b.high[i], b.low[i], b.close[i], b.volume[i]), () => v.value, () => v.ready);
  assert.equal(firstDefined(got), p - 1);
  assertSeriesClose(got, expected, 1e-9);
});

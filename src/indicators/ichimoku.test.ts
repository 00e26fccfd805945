// Tests Ichimoku lines and their readiness against naive window midpoints displaced by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ichimoku } from './ichimoku.js';
import { naiveHighest, naiveLowest, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

test('ichimoku 9/26/52/26 against naive midpoints; spans led 26 bars', () => {
  const b = syntheticBars(400);
  const mid = (p: number): Series => zipWith((h, l) => (h + l) / 2, naiveHighest(b.high, p), naiveLowest(b.low, p));
  const tenkan = mid(9);
  const kijun = mid(26);
  const spanA = zipWith((t, k) => (t + k) / 2, tenkan, kijun);
  const spanB = mid(52);
  const lead = (s: Series): Series => s.map((_, i) => (i < 26 ? undefined : s[i - 26]));
  const k = new Ichimoku();
  const got: Series[] = [[], [], [], [], []];
  for (let i = 0; i < b.length; i++) {
    k.update(b.high[i], b.low[i], b.close[i]);
    got[0].push(k.tenkanReady ? k.tenkan : undefined);
    got[1].push(k.kijunReady ? k.kijun : undefined);
    got[2].push(k.senkouAReady ? k.senkouA : undefined);
    got[3].push(k.senkouBReady ? k.senkouB : undefined);
    got[4].push(k.chikouReady ? k.chikou : undefined);
    assert.equal(k.ready, i >= 77);
  }
  assert.deepEqual(got.map(firstDefined), [8, 25, 51, 77, 0]);
  assertSeriesClose(got[0], tenkan, 0, 'tenkan');
  assertSeriesClose(got[1], kijun, 0, 'kijun');
  assertSeriesClose(got[2], lead(spanA), 0, 'senkou a');
  assertSeriesClose(got[3], lead(spanB), 0, 'senkou b');
  assertSeriesClose(got[4], Array.from(b.close), 0, 'chikou is the current close');
});

test('displacement 0 leaves the spans in place', () => {
  const k = new Ichimoku(2, 3, 4, 0);
  for (const [h, l] of [[5, 1], [6, 2], [7, 3], [8, 4]]) k.update(h, l, l);
  assert.ok(k.ready);
  assert.equal(k.senkouA, ((8 + 3) / 2 + (8 + 2) / 2) / 2);
  assert.equal(k.senkouB, (8 + 1) / 2);
});

// Tests ROC (ratio, optional scale) and momentum by hand and against direct lookback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Roc } from './roc.js';
import { Momentum } from './momentum.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars } from '../testkit/indicators/test-support.js';

test('roc is a ratio by default: 100 → 110 over 2 bars gives 0.1; scale 100 gives 10', () => {
  const xs = [100, 105, 110];
  const r = new Roc(2);
  assertSeriesClose(collect(3, (i) => r.update(xs[i]), () => r.value, () => r.ready), [undefined, undefined, 0.1], 1e-15);
  const p = new Roc(2, 100);
  assertSeriesClose(collect(3, (i) => p.update(xs[i]), () => p.value, () => p.ready), [undefined, undefined, 10], 1e-13);
});

test('roc and momentum match direct lookback; defaults 12, first value on bar 13', () => {
  const x = Array.from(syntheticBars(300).close);
  const r = new Roc();
  const m = new Momentum();
  const roc = collect(x.length, (i) => r.update(x[i]), () => r.value, () => r.ready);
  const mom = collect(x.length, (i) => m.update(x[i]), () => m.value, () => m.ready);
  assert.equal(firstDefined(roc), 12);
  assert.equal(firstDefined(mom), 12);
  assertSeriesClose(roc, x.map((v, i) => (i < 12 ? undefined : (v - x[i - 12]) / x[i - 12])), 1e-15, 'roc');
  assertSeriesClose(mom, x.map((v, i) => (i < 12 ? undefined : v - x[i - 12])), 1e-12, 'momentum');
});

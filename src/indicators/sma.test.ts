// Tests SMA by hand, against a naive window mean, and its warm-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sma } from './sma.js';
import { naiveSma } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars } from '../testkit/indicators/test-support.js';
import { BadInputError } from '../core/errors.js';

test('sma by hand', () => {
  const s = new Sma(3);
  const xs = [1, 2, 3, 4, 5];
  assert.deepEqual(
    collect(5, (i) => s.update(xs[i]), () => s.value, () => s.ready),
    [undefined, undefined, 2, 3, 4],
  );
});

test('sma matches the naive window mean; first value on bar period', () => {
  const bars = syntheticBars(400);
  const closes = Array.from(bars.close);
  for (const p of [1, 7, 30]) {
    const s = new Sma(p);
    const got = collect(bars.length, (i) => s.update(closes[i]), () => s.value, () => s.ready);
    assert.equal(firstDefined(got), p - 1);
    assertSeriesClose(got, naiveSma(closes, p), 1e-12, `sma ${p}`);
  }
});

test('sma defaults to backtrader period 30 and rejects bad periods', () => {
  assert.equal(new Sma().period, 30);
  assert.throws(() => new Sma(0), (e: unknown) => e instanceof BadInputError && e.message === 'sma: period must be an integer ≥ 1, got 0');
  assert.throws(() => new Sma(2.5), BadInputError);
});

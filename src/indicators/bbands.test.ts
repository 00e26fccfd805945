// Tests Bollinger bands by hand and against a two-pass population standard deviation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bbands } from './bbands.js';
import { assertSeriesClose, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';
import { BadInputError } from '../core/errors.js';

function run(b: Bbands, xs: ArrayLike<number>): [Series, Series, Series] {
  const t: Series = [];
  const m: Series = [];
  const o: Series = [];
  for (let i = 0; i < xs.length; i++) {
    b.update(xs[i]);
    t.push(b.ready ? b.top : undefined);
    m.push(b.ready ? b.mid : undefined);
    o.push(b.ready ? b.bot : undefined);
  }
  return [t, m, o];
}

test('bbands by hand: [1, 2, 3], population std sqrt(2/3)', () => {
  const [t, m, o] = run(new Bbands(3, 2), [1, 2, 3]);
  const sd = Math.sqrt(2 / 3);
  assertSeriesClose(m, [undefined, undefined, 2], 1e-15);
  assertSeriesClose(t, [undefined, undefined, 2 + 2 * sd], 1e-12);
  assertSeriesClose(o, [undefined, undefined, 2 - 2 * sd], 1e-12);
});

test('bbands match a two-pass mean and deviation; first value on bar period', () => {
  const closes = syntheticBars(500).close;
  for (const [p, dev] of [[20, 2], [5, 1.5]]) {
    const [t, m, o] = run(new Bbands(p, dev), closes);
    const mid: Series = [];
    const sd: Series = [];
    for (let i = 0; i < closes.length; i++) {
      if (i < p - 1) {
        mid.push(undefined);
        sd.push(undefined);
        continue;
      }
      const w = Array.from(closes.slice(i - p + 1, i + 1));
      const mean = w.reduce((a, b) => a + b, 0) / p;
      mid.push(mean);
      sd.push(Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / p));
    }
    assert.equal(firstDefined(m), p - 1);
    assertSeriesClose(m, mid, 1e-12, 'mid');
    assertSeriesClose(t, mid.map((v, i) => (v === undefined ? undefined : v + dev * (sd[i] as number))), 1e-8, 'top');
    assertSeriesClose(o, mid.map((v, i) => (v === undefined ? undefined : v - dev * (sd[i] as number))), 1e-8, 'bot');
  }
});

test('bbands defaults 20/2 and dev validation', () => {
  const b = new Bbands();
  assert.equal(b.period, 20);
  assert.equal(b.dev, 2);
  assert.throws(() => new Bbands(20, 0), (e: unknown) => e instanceof BadInputError && e.message === 'bbands: dev must be a finite number > 0, got 0');
});

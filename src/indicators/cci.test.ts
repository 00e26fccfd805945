// Tests CCI under both mean-deviation conventions against naive window recomputation, and by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cci } from './cci.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from './test-support.js';

const b = syntheticBars(500);
const tp = Array.from({ length: b.length }, (_, i) => (b.high[i] + b.low[i] + b.close[i]) / 3);
const mean = (w: number[]): number => w.reduce((a, c) => a + c, 0) / w.length;
const sma: Series = tp.map((_, i) => (i < 19 ? undefined : mean(tp.slice(i - 19, i + 1))));

test('cci by hand, window mean deviation: tp 1, 2, 6 → (6 − 3)/(0.015·2)', () => {
  const c = new Cci(3, 0.015, 'window');
  const got = collect(3, (i) => c.update([1, 2, 6][i], [1, 2, 6][i], [1, 2, 6][i]), () => c.value, () => c.ready);
  assertSeriesClose(got, [undefined, undefined, 3 / (0.015 * 2)], 1e-12);
});

test('cci meandev=sma (backtrader): SMA of |tp − that bar’s SMA|; first value on bar 2·period − 1', () => {
  const absdev: Series = tp.map((x, i) => (sma[i] === undefined ? undefined : Math.abs(x - (sma[i] as number))));
  const expected: Series = tp.map((x, i) => {
    if (i < 38) return undefined;
    const md = mean(absdev.slice(i - 19, i + 1) as number[]);
    return md === 0 ? 0 : (x - (sma[i] as number)) / (0.015 * md);
  });
  const c = new Cci();
  const got = collect(b.length, (i) => c.update(b.high[i], b.low[i], b.close[i]), () => c.value, () => c.ready);
  assert.equal(firstDefined(got), 38);
  assertSeriesClose(got, expected, 1e-8);
});

test('cci meandev=window (TA-Lib): mean |tp_i − current SMA|; first value on bar period', () => {
  const expected: Series = tp.map((x, i) => {
    if (i < 19) return undefined;
    const m = sma[i] as number;
    const md = mean(tp.slice(i - 19, i + 1).map((v) => Math.abs(v - m)));
    return md === 0 ? 0 : (x - m) / (0.015 * md);
  });
  const c = new Cci(20, 0.015, 'window');
  const got = collect(b.length, (i) => c.update(b.high[i], b.low[i], b.close[i]), () => c.value, () => c.ready);
  assert.equal(firstDefined(got), 19);
  assertSeriesClose(got, expected, 1e-8);
});

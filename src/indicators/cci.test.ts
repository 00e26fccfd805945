// Tests CCI under both mean-deviation conventions against naive window recomputation, and by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cci } from './cci.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

const b = syntheticBars(500);
const tp = Array.from({ length: b.length }, (_, i) => (b.high[i] + b.low[i] + b.close[i]) / 3);
const mean = (w: number[]): number => w.reduce((a, c) => a + c, 0) / w.length;
const sma: Series = tp.map((_, i) => (i < 19 ? undefined : mean(tp.slice(i - 19, i + 1))));
/** The documented flat-window rule: deviations within 1e-12 of the mean are float noise and count as 0. */
const denoise = (d: number, m: number): number => (Math.abs(d) > 1e-12 * Math.abs(m) ? d : 0);
const ratio = (dev: number, md: number, m: number): number => (md > 1e-12 * Math.abs(m) ? dev / (0.015 * md) : 0);

test('cci by hand, window mean deviation: tp 1, 2, 6 → (6 − 3)/(0.015·2)', () => {
  const c = new Cci(3, 0.015, 'window');
  const got = collect(3, (i) => c.update([1, 2, 6][i], [1, 2, 6][i], [1, 2, 6][i]), () => c.value, () => c.ready);
  assertSeriesClose(got, [undefined, undefined, 3 / (0.015 * 2)], 1e-12);
});

test('a flat market gives 0, not amplified rounding noise', () => {
  for (const meandev of ['sma', 'window'] as const) {
    const c = new Cci(20, 0.015, meandev);
    for (let i = 0; i < 60; i++) c.update(84.71, 84.69, 84.7);
    assert.equal(c.value, 0);
  }
});

test('cci meandev=sma (backtrader): SMA of |tp − that bar’s SMA|; first value on bar 2·period − 1', () => {
  const absdev: Series = tp.map((x, i) => (sma[i] === undefined ? undefined : Math.abs(denoise(x - (sma[i] as number), sma[i] as number))));
  const expected: Series = tp.map((x, i) => {
    if (i < 38) return undefined;
    const m = sma[i] as number;
    return ratio(denoise(x - m, m), mean(absdev.slice(i - 19, i + 1) as number[]), m);
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
    return ratio(denoise(x - m, m), mean(tp.slice(i - 19, i + 1).map((v) => Math.abs(v - m))), m);
  });
  const c = new Cci(20, 0.015, 'window');
  const got = collect(b.length, (i) => c.update(b.high[i], b.low[i], b.close[i]), () => c.value, () => c.ready);
  assert.equal(firstDefined(got), 19);
  assertSeriesClose(got, expected, 1e-8);
});

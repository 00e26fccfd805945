// Tests TRIX against nested naive EMAs and the ultimate oscillator against naive window sums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trix } from './trix.js';
import { UltOsc } from './ultosc.js';
import { naiveEma } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

const b = syntheticBars(500);

test('trix = 100·(ema3/ema3[prev] − 1); first value on bar 3·period − 1 (sma) or 2 (first)', () => {
  const x = Array.from(b.close);
  for (const seed of ['sma', 'first'] as const) {
    const p = 15;
    const e3 = naiveEma(naiveEma(naiveEma(x, p, seed), p, seed), p, seed);
    const expected: Series = e3.map((v, i) => (v === undefined || i === 0 || e3[i - 1] === undefined ? undefined : 100 * (v / (e3[i - 1] as number) - 1)));
    const t = new Trix(p, seed);
    const got = collect(x.length, (i) => t.update(x[i]), () => t.value, () => t.ready);
    assert.equal(firstDefined(got), seed === 'sma' ? 3 * p - 2 : 1);
    assertSeriesClose(got, expected, 1e-8, `trix ${seed}`);
  }
});

test('ultimate oscillator by hand with windows 1, 1, 2', () => {
  const u = new UltOsc(1, 1, 2);
  const bars = [
    [10, 8, 9],
    [11, 9, 10],
    [12, 10, 10],
  ];
  const got = collect(3, (i) => u.update(bars[i][0], bars[i][1], bars[i][2]), () => u.value, () => u.ready);
  // bar 2: bp = 10 − 9 = 1, tr = 2; bar 3: bp = 10 − 10 = 0, tr = 2 → av1 = av2 = 0, av3 = 1/4
  assertSeriesClose(got, [undefined, undefined, (100 / 7) * 0.25], 1e-12);
});

test('ultimate oscillator 7/14/28 matches naive window sums; first value on bar 29', () => {
  const n = b.length;
  const bp: number[] = [];
  const tr: number[] = [];
  for (let i = 1; i < n; i++) {
    const pc = b.close[i - 1];
    bp.push(b.close[i] - Math.min(b.low[i], pc));
    tr.push(Math.max(b.high[i], pc) - Math.min(b.low[i], pc));
  }
  const av = (j: number, p: number): number => {
    const t = tr.slice(j - p + 1, j + 1).reduce((a, c) => a + c, 0);
    return t === 0 ? 0 : bp.slice(j - p + 1, j + 1).reduce((a, c) => a + c, 0) / t;
  };
  const expected: Series = Array.from({ length: n }, (_, i) => (i < 28 ? undefined : (100 * (4 * av(i - 1, 7) + 2 * av(i - 1, 14) + av(i - 1, 28))) / 7));
  const u = new UltOsc();
  const got = collect(n, (i) => u.update(b.high[i], b.low[i], b.close[i]), () => u.value, () => u.ready);
  assert.equal(firstDefined(got), 28);
  assertSeriesClose(got, expected, 1e-9);
});

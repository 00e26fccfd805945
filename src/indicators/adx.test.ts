// Tests DMI and ADX under both seeds against naive recomputations from the +DM/−DM/TR definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Adx } from './adx.js';
import { Dmi } from './dmi.js';
import { naiveTrueRange, naiveWilder, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

const b = syntheticBars(600);
const n = b.length;
const plusDm: Series = Array.from({ length: n }, (_, i) => {
  if (i === 0) return undefined;
  const up = b.high[i] - b.high[i - 1];
  const down = b.low[i - 1] - b.low[i];
  return up > down && up > 0 ? up : 0;
});
const minusDm: Series = Array.from({ length: n }, (_, i) => {
  if (i === 0) return undefined;
  const up = b.high[i] - b.high[i - 1];
  const down = b.low[i - 1] - b.low[i];
  return down > up && down > 0 ? down : 0;
});
const tr = naiveTrueRange(b.high, b.low, b.close);

/** TA-Lib's form: sum of the first p − 1 values, then S − S/p + x; undefined before bar p. */
function talibSum(x: Series, p: number): Series {
  return x.map((_, i) => {
    if (i < p) return undefined;
    let s = 0;
    for (let j = 1; j < p; j++) s += x[j] as number;
    for (let j = p; j <= i; j++) s = s - s / p + (x[j] as number);
    return s;
  });
}

function naiveDi(p: number, seed: 'sma' | 'talib'): [Series, Series] {
  const avg = seed === 'sma' ? naiveWilder : talibSum;
  const a = avg(tr, p);
  const di = (dm: Series): Series => zipWith((d, t) => (t === 0 ? 0 : (100 * d) / t), avg(dm, p), a);
  return [di(plusDm), di(minusDm)];
}

test('dmi matches the naive +DI/−DI for both seeds; first value on bar period + 1', () => {
  for (const seed of ['sma', 'talib'] as const) {
    for (const p of [14, 5]) {
      const [plus, minus] = naiveDi(p, seed);
      const d = new Dmi(p, seed);
      const gotPlus: Series = [];
      const gotMinus: Series = [];
      for (let i = 0; i < n; i++) {
        d.update(b.high[i], b.low[i], b.close[i]);
        gotPlus.push(d.ready ? d.plus : undefined);
        gotMinus.push(d.ready ? d.minus : undefined);
      }
      assert.equal(firstDefined(gotPlus), p);
      assertSeriesClose(gotPlus, plus, 1e-9, `+di ${p} ${seed}`);
      assertSeriesClose(gotMinus, minus, 1e-9, `-di ${p} ${seed}`);
    }
  }
});

test('adx (sma seed) = 100·Wilder(|+DI − −DI|/(+DI + −DI)); first value on bar 2·period', () => {
  for (const p of [14, 6]) {
    const [plus, minus] = naiveDi(p, 'sma');
    const dx = zipWith((a, m) => (a + m === 0 ? 0 : Math.abs(a - m) / (a + m)), plus, minus);
    const expected = naiveWilder(dx, p).map((v) => (v === undefined ? undefined : 100 * v));
    const a = new Adx(p);
    const got = collect(n, (i) => a.update(b.high[i], b.low[i], b.close[i]), () => a.value, () => a.ready);
    assert.equal(firstDefined(got), 2 * p - 1);
    assertSeriesClose(got, expected, 1e-9, `adx ${p}`);
  }
});

test('adx (talib seed): mean of the first period DX, then Wilder, skipping bars with no directional movement', () => {
  const p = 14;
  const [plus, minus] = naiveDi(p, 'talib');
  const expected: Series = plus.map(() => undefined);
  let acc = 0;
  let v = 0;
  for (let i = p; i < n; i++) {
    const s = (plus[i] as number) + (minus[i] as number);
    const dx = s === 0 ? undefined : (100 * Math.abs((plus[i] as number) - (minus[i] as number))) / s;
    if (i < 2 * p) {
      acc += dx ?? 0;
      if (i === 2 * p - 1) v = acc / p;
      else continue;
    } else if (dx !== undefined) {
      v = (v * (p - 1) + dx) / p;
    }
    expected[i] = v;
  }
  const a = new Adx(p, 'talib');
  const got = collect(n, (i) => a.update(b.high[i], b.low[i], b.close[i]), () => a.value, () => a.ready);
  assertSeriesClose(got, expected, 1e-9, 'adx talib');
});

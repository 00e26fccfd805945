// Tests the slow stochastic and the stochastic RSI against naive highest/lowest windows and SMAs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Stoch } from './stoch.js';
import { StochRsi } from './stochrsi.js';
import { Rsi } from './rsi.js';
import { naiveHighest, naiveLowest, naiveSma, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, collect, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

const b = syntheticBars(500);
const raw = (x: number, hi: number, lo: number): number => (hi === lo ? 0 : (100 * (x - lo)) / (hi - lo));

test('stoch by hand: period 3, k 1, d 2', () => {
  const s = new Stoch(3, 1, 2);
  const bars = [
    [10, 8, 9],
    [12, 9, 11],
    [11, 7, 10],
    [13, 10, 13],
  ];
  const k: Series = [];
  const d: Series = [];
  for (const [h, l, c] of bars) {
    s.update(h, l, c);
    k.push(s.kReady ? s.k : undefined);
    d.push(s.ready ? s.d : undefined);
  }
  // raw %K on bar 3: (10 − 7)/(12 − 7) = 60; bar 4: (13 − 7)/(13 − 7) = 100
  assertSeriesClose(k, [undefined, undefined, 60, 100], 1e-12);
  assertSeriesClose(d, [undefined, undefined, undefined, 80], 1e-12);
});

test('stoch 14/3/3 matches naive windows; k from bar 16, d from bar 18', () => {
  const rawK = zipWith(raw, Array.from(b.close), naiveHighest(b.high, 14), naiveLowest(b.low, 14));
  const k = naiveSma(rawK, 3);
  const d = naiveSma(k, 3);
  const s = new Stoch();
  const gotK: Series = [];
  const gotD: Series = [];
  for (let i = 0; i < b.length; i++) {
    s.update(b.high[i], b.low[i], b.close[i]);
    gotK.push(s.kReady ? s.k : undefined);
    gotD.push(s.ready ? s.d : undefined);
  }
  assert.equal(firstDefined(gotK), 15);
  assert.equal(firstDefined(gotD), 17);
  assertSeriesClose(gotK, k, 1e-9, 'k');
  assertSeriesClose(gotD, d, 1e-9, 'd');
});

test('stochrsi matches a naive stochastic of the RSI line, with and without %K smoothing', () => {
  const closes = Array.from(b.close);
  const r = new Rsi(14);
  const rsi = collect(closes.length, (i) => r.update(closes[i]), () => r.value, () => r.ready);
  const extreme = (pick: (...v: number[]) => number, n: number): Series =>
    rsi.map((_, i) => {
      const w = rsi.slice(Math.max(0, i - n + 1), i + 1);
      return i < n - 1 || w.some((v) => v === undefined) ? undefined : pick(...(w as number[]));
    });
  for (const [stoch, kp, dp] of [[5, 1, 3], [14, 3, 3]]) {
    const k = naiveSma(zipWith(raw, rsi, extreme(Math.max, stoch), extreme(Math.min, stoch)), kp);
    const d = naiveSma(k, dp);
    const s = new StochRsi(14, stoch, kp, dp);
    const gotK: Series = [];
    const gotD: Series = [];
    for (const x of closes) {
      s.update(x);
      gotK.push(s.kReady ? s.k : undefined);
      gotD.push(s.ready ? s.d : undefined);
    }
    assert.equal(firstDefined(gotK), 14 + stoch + kp - 2);
    assertSeriesClose(gotK, k, 1e-9, `stochrsi k ${stoch}`);
    assertSeriesClose(gotD, d, 1e-9, `stochrsi d ${stoch}`);
  }
});

// Indicator values at the warm-up boundaries (bar 0, n−1, n, 2n−1, 2n), derived by hand on tiny windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AqIndicators, type AqIndicatorOptions } from './aiquant-indicators.js';
import { AqAdx, AqAtr, AqEma, AqRsi, AqStochRsi } from './aiquant-primitives.js';
import { RingWindow } from './ring-window.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

test('EMA is seeded with the first value, then alpha·x + (1−alpha)·prev with alpha 2/(n+1)', () => {
  const e = new AqEma(3); // alpha 0.5
  assert.deepEqual([10, 11, 12, 13].map((x) => e.update(x)), [10, 10.5, 11.25, 12.125]);
});

test('ATR: first TR is high−low, running mean until n TRs (plain mean at bar n−1), then Wilder', () => {
  const a = new AqAtr(3);
  assert.equal(a.update(10, 8, 9), 2); // bar 0: TR 2
  assert.equal(a.update(12, 9, 11), 2.5); // TR max(3, |12−9|, |9−9|) = 3 → (2+3)/2
  assert.equal(a.update(11, 10, 10), 2); // bar n−1: TR max(1, 0, |10−11|) = 1 → 6/3
  close(a.update(14, 10, 13), 8 / 3); // bar n: TR 4 → (2·2 + 4)/3
  close(a.update(13, 12, 12), 19 / 9); // TR 1 → (8/3·2 + 1)/3
});

test('RSI: 50 until n changes exist, plain means at bar n, Wilder after; 100 with no losses', () => {
  const r = new AqRsi(3);
  const out = [10, 11, 10, 12, 13, 11].map((c) => r.update(c));
  assert.deepEqual(out.slice(0, 3), [50, 50, 50]);
  close(out[3], 75); // gains 1+2, loss 1 → 1 / (1/3): RS 3
  close(out[4], 100 - 100 / 5.5); // gain (1·2+1)/3 = 1, loss (1/3·2)/3 = 2/9: RS 4.5
  close(out[5], 45); // gain 2/3, loss (4/9 + 2)/3 = 22/27: RS 9/11
  const up = new AqRsi(3);
  assert.deepEqual([1, 2, 3, 4].map((c) => up.update(c)), [50, 50, 50, 100]);
});

test('ADX: 0 until bar n, DX at bar n, running mean of DX until 2n−1 (mean of n DX), then Wilder', () => {
  const a = new AqAdx(3);
  const bars: [number, number, number][] = [
    [10, 9, 10], // bar 0: stored only
    [11, 10, 11], // +DM 1, TR 1
    [12, 11, 12], // +DM 1, TR 1
    [13, 12, 13], // bar n: sums +3/−0/TR 3 → DI+ 100, DX 100
    [12, 10, 10], // −DM 2, TR 3 → sums 2, 2, 5 → DX 0
    [11, 9, 9], // −DM 1, TR 2 → sums 4/3, 7/3, 16/3 → DI 25/43.75 → DX 300/11
    [10, 8, 8], // −DM 1, TR 2 → sums 8/9, 23/9, 50/9 → DI 16/46 → DX 1500/31
  ];
  const out = bars.map(([h, l, c]) => a.update(h, l, c));
  assert.deepEqual(out.slice(0, 3), [0, 0, 0]);
  close(out[3], 100);
  close(out[4], 50); // running mean (100 + 0)/2
  close(out[5], (100 + 0 + 300 / 11) / 3); // bar 2n−1: mean of n DX
  close(out[6], ((1400 / 33) * 2 + 1500 / 31) / 3); // bar 2n: Wilder
  close(a.diPlus, 16);
  close(a.diMinus, 46);
});

test('StochRSI holds 0.5 until its RSI window is full, then (rsi − min)/(max − min) smoothed', () => {
  const s = new AqStochRsi(2, 1, 1);
  s.update(40);
  assert.deepEqual([s.k, s.d], [0.5, 0.5]);
  s.update(60);
  assert.deepEqual([s.k, s.d], [1, 1]);
  s.update(50);
  assert.deepEqual([s.k, s.d], [0, 0]);
});

test('ring window means average partial windows and re-sum oldest first', () => {
  const w = new RingWindow(3);
  assert.equal(w.mean(), 0);
  w.push(3);
  assert.equal(w.mean(), 3);
  w.push(6);
  assert.equal(w.mean(), 4.5);
  w.push(9);
  w.push(12);
  assert.equal(w.mean(), 9);
  assert.deepEqual(w.toArray(), [6, 9, 12]);
  assert.equal(w.min(), 6);
  assert.equal(w.max(), 12);
  close(w.stdPop(), Math.sqrt(6));
});

const OPTS: AqIndicatorOptions = {
  emaFast: 3, emaSlow: 3, emaMacro: 3, adx: 3, atr: 3, rsi: 3, volSma: 3, volTrend: 2,
  bbWindow: 3, bbWidthAvgWindow: 2, avgAtrWindow: 2, stochRsiWindow: 2, stochRsiSmooth1: 1, stochRsiSmooth2: 1,
  withBollinger: true, withStochRsi: true, withAvgAtr: true,
};

test('snapshot: prev_* start at 0, slopes are x − prev, the MACD hist history shifts by one per bar', () => {
  const ind = new AqIndicators(OPTS);
  const hists: number[] = [];
  const s0 = ind.update(0, 100, 100, 100, 100, 3);
  assert.equal(s0.barCount, 0);
  assert.equal(s0.prevClose, 0);
  assert.equal(s0.prevEmaFast, 0);
  assert.equal(s0.macdHist, 0); // line 0 and signal seeded with it
  assert.equal(s0.atrSlope, s0.atr); // prev ATR starts at 0
  assert.equal(s0.adxSlope, 0);
  hists.push(s0.macdHist);
  const s1 = ind.update(1, 100, 110, 100, 110, 6);
  // line = 10·(2/13 − 2/27) = 280/351; signal = 0.2·line; hist = 0.8·line.
  close(s1.macdHist, 224 / 351, 1e-12);
  assert.equal(s1.prevMacdHist, 0);
  assert.equal(s1.prevClose, 100);
  assert.equal(s1.barCount, 1);
  hists.push(s1.macdHist);
  for (const c of [120, 115, 118]) hists.push(ind.update(hists.length, c, c, c, c, 9).macdHist);
  const s = ind.snap;
  assert.deepEqual([s.prevMacdHist, s.prev2MacdHist, s.prev3MacdHist], [hists[3], hists[2], hists[1]]);
});

test('snapshot: vol_sma averages partial windows; vol_trend compares the short mean; Bollinger collapses until full', () => {
  const ind = new AqIndicators(OPTS);
  const vols = [3, 6, 9, 12];
  const closes = [10, 11, 12, 13];
  const snaps = closes.map((c, i) => {
    const s = ind.update(i, c, c, c, c, vols[i]);
    return { volSma: s.volSma, volTrend: s.volTrend, upper: s.bbUpper, lower: s.bbLower, width: s.bbWidth, ratio: s.bbWidthRatio, avgAtr: s.avgAtr, k: s.stochK };
  });
  assert.deepEqual(snaps.map((s) => s.volSma), [3, 4.5, 6, 9]);
  assert.deepEqual(snaps.map((s) => s.volTrend), [false, false, true, true]); // 4.5 = 4.5; mean(6, 9) = 7.5 > 6; 10.5 > 9
  assert.deepEqual([snaps[0].upper, snaps[0].lower, snaps[0].width, snaps[0].ratio], [10, 10, 0, 1]);
  assert.deepEqual([snaps[1].upper, snaps[1].lower], [10.5, 10.5]);
  const sd = Math.sqrt(2 / 3);
  close(snaps[2].upper, 11 + 2 * sd);
  close(snaps[2].lower, 11 - 2 * sd);
  close(snaps[2].width, (4 * sd) / 12);
  close(snaps[2].ratio, 2); // widths [0, w] average w/2
  const w3 = (4 * sd) / 13;
  close(snaps[3].ratio, w3 / ((snaps[2].width + w3) / 2));
  assert.equal(snaps[0].k, 0.5); // StochRSI window (2) not full yet
});

test('disabled Bollinger / StochRSI / avg ATR hold neutral values', () => {
  const ind = new AqIndicators({ ...OPTS, withBollinger: false, withStochRsi: false, withAvgAtr: false });
  for (let i = 0; i < 5; i++) ind.update(i, 10 + i, 11 + i, 9 + i, 10 + i, 1);
  const s = ind.snap;
  assert.deepEqual([s.bbWidth, s.bbWidthRatio, s.stochK, s.avgAtr], [0, 1, 0, 0]);
});

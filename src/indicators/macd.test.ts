// Tests MACD's three seeds against naive EMAs, its per-line readiness and hist = macd − signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Macd } from './macd.js';
import { naiveEma, zipWith } from '../testkit/indicators/naive-reference.js';
import { assertSeriesClose, firstDefined, syntheticBars, type Series } from '../testkit/indicators/test-support.js';

const closes = Array.from(syntheticBars(400).close);

function run(m: Macd): { macd: Series; signal: Series; hist: Series } {
  const r = { macd: [] as Series, signal: [] as Series, hist: [] as Series };
  for (const x of closes) {
    m.update(x);
    r.macd.push(m.macdReady ? m.macd : undefined);
    r.signal.push(m.ready ? m.signal : undefined);
    r.hist.push(m.ready ? m.hist : undefined);
  }
  return r;
}

test('macd seed sma (backtrader): each EMA seeded from its own start; ready on bars slow and slow + signal − 1', () => {
  const got = run(new Macd());
  const macd = zipWith((a, b) => a - b, naiveEma(closes, 12), naiveEma(closes, 26));
  const signal = naiveEma(macd, 9);
  assert.equal(firstDefined(got.macd), 25);
  assert.equal(firstDefined(got.signal), 33);
  assertSeriesClose(got.macd, macd, 1e-9, 'macd');
  assertSeriesClose(got.signal, signal, 1e-9, 'signal');
  assertSeriesClose(got.hist, zipWith((a, b) => a - b, macd, signal), 1e-9, 'hist');
});

test('macd seed first (pandas adjust=False): every line from bar 1', () => {
  const got = run(new Macd(12, 26, 9, 'first'));
  const macd = zipWith((a, b) => a - b, naiveEma(closes, 12, 'first'), naiveEma(closes, 26, 'first'));
  assert.equal(firstDefined(got.hist), 0);
  assertSeriesClose(got.signal, naiveEma(macd, 9, 'first'), 1e-9, 'signal first');
});

test('macd seed talib: the fast EMA starts slow − fast bars late so both seed windows end together', () => {
  const got = run(new Macd(12, 26, 9, 'talib'));
  const lateCloses: Series = closes.map((x, i) => (i < 26 - 12 ? undefined : x));
  const macd = zipWith((a, b) => a - b, naiveEma(lateCloses, 12), naiveEma(closes, 26));
  assert.equal(firstDefined(got.macd), 25);
  assertSeriesClose(got.macd, macd, 1e-9, 'macd talib');
  assertSeriesClose(got.signal, naiveEma(macd, 9), 1e-9, 'signal talib');
});

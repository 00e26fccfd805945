import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BarSeries } from '../core/bars.js';
import { buyAndHold, periodReturns } from './period-returns.js';

const at = (y: number, m: number, d: number): number => Date.UTC(y, m, d);

test('monthly and yearly returns chain from initial cash through month ends', () => {
  const time = Float64Array.of(at(2023, 11, 5), at(2023, 11, 31), at(2024, 0, 15), at(2024, 2, 1), at(2024, 2, 20));
  const equity = Float64Array.of(105, 110, 99, 120, 132);
  const months = periodReturns(time, equity, 100, 'month');
  // Dec 100 → 110, Jan 110 → 99, (no February point), Mar 99 → 132.
  assert.deepEqual(months.map((p) => [p.year, p.month]), [[2023, 11], [2024, 0], [2024, 2]]);
  const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  close(months[0].ret, 0.1);
  close(months[1].ret, -0.1);
  close(months[2].ret, 1 / 3);
  const years = periodReturns(time, equity, 100, 'year');
  assert.deepEqual(years.map((p) => [p.year, p.month]), [[2023, null], [2024, null]]);
  close(years[0].ret, 0.1);
  close(years[1].ret, 0.2);
  assert.deepEqual(periodReturns(new Float64Array(0), new Float64Array(0), 100, 'month'), []);
});

test('a period that starts at equity ≤ 0 has no return (NaN), never 0', () => {
  const r = periodReturns(Float64Array.of(at(2024, 0, 1), at(2024, 1, 1)), Float64Array.of(-5, 10), 100, 'month');
  assert.ok(Number.isNaN(r[1].ret));
});

test('buy-and-hold: equal weight from each first close, cash until a symbol starts', () => {
  const series = (symbol: string, time: number[], close: number[]): BarSeries => {
    const c = Float64Array.from(close);
    return { symbol, intervalMs: 1, length: time.length, time: Float64Array.from(time), open: c, high: c, low: c, close: c, volume: c, priceDecimals: 2 };
  };
  const a = series('A', [1, 2, 3], [10, 20, 5]);
  const b = series('B', [2, 3], [50, 100]);
  // t1: A 1×, B cash → 100; t2: A 2×, B 1× → 150; t3: A 0.5×, B 2× → 125.
  assert.deepEqual(Array.from(buyAndHold(Float64Array.of(1, 2, 3), [a, b], 100)), [100, 150, 125]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downsampleMinMax } from './downsample.js';

test('short series are kept whole', () => {
  const s = downsampleMinMax([0, 1, 2], [5, 6, 7], 10);
  assert.deepEqual([...s.x], [0, 1, 2]);
  assert.deepEqual([...s.y], [5, 6, 7]);
});

test('buckets keep first, last and each bucket min and max in index order', () => {
  // 10 points, cap 6 → first, last, and 2 buckets over indices 1..8: [1,5) and [5,9).
  const y = [0, 3, 9, 1, 4, 8, 2, 7, 5, 6];
  const x = y.map((_, i) => i);
  const s = downsampleMinMax(x, y, 6);
  // bucket 1: min 1 @3, max 9 @2 → 2 then 3; bucket 2: min 2 @6, max 8 @5 → 5 then 6.
  assert.deepEqual([...s.x], [0, 2, 3, 5, 6, 9]);
  assert.deepEqual([...s.y], [0, 9, 1, 8, 2, 6]);
});

test('a range and non-finite values', () => {
  const s = downsampleMinMax([0, 1, 2, 3], [1, NaN, 3, 4], 10, 1, 3);
  assert.deepEqual([...s.x], [2]);
});

test('a 1M-point series is bounded and keeps the spike', () => {
  const n = 1_000_000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
    y[i] = i % 7;
  }
  y[654_321] = 1000;
  const s = downsampleMinMax(x, y, 2000);
  assert.ok(s.x.length <= 2000);
  assert.ok(s.x.length >= 1990);
  assert.ok(s.y.includes(1000));
  assert.equal(s.x[0], 0);
  assert.equal(s.x[s.x.length - 1], n - 1);
});

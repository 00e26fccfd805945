import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianInPlace, medianStep } from './median.js';

test('median of odd and even counts', () => {
  assert.equal(medianInPlace(Float64Array.of(5, 1, 3)), 3);
  assert.equal(medianInPlace(Float64Array.of(4, 1, 3, 2)), 2.5);
  assert.equal(medianInPlace(Float64Array.of(7)), 7);
  assert.equal(medianInPlace(new Float64Array(0)), undefined);
});

test('median uses only the first n slots', () => {
  assert.equal(medianInPlace(Float64Array.of(9, 1, 100, 100), 2), 5);
});

test('median agrees with sorting on a scrambled deterministic sequence with duplicates', () => {
  const n = 1001;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (i * 7919) % 101;
  const sorted = Float64Array.from(a).sort();
  assert.equal(medianInPlace(Float64Array.from(a)), sorted[500]);
  const even = a.subarray(0, 1000);
  const s2 = Float64Array.from(even).sort();
  assert.equal(medianInPlace(Float64Array.from(even)), (s2[499] + s2[500]) / 2);
});

test('medianStep is the median gap between times', () => {
  // gaps 60, 60, 120, 60 → 60
  assert.equal(medianStep(Float64Array.of(0, 60, 120, 240, 300)), 60);
  // gaps 60, 120 → 90
  assert.equal(medianStep(Float64Array.of(0, 60, 180)), 90);
  assert.equal(medianStep(Float64Array.of(5)), undefined);
});

test('medianStep stays fast on a 1M-point constant-step curve', () => {
  const t = new Float64Array(1_000_000);
  for (let i = 0; i < t.length; i++) t[i] = i * 60_000;
  assert.equal(medianStep(t), 60_000);
});

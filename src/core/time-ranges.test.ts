// Range arithmetic: merging and the uncovered rest of a span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRanges, uncoveredRanges } from './time-ranges.js';

test('mergeRanges joins overlapping and touching ranges, drops empty ones, sorts', () => {
  assert.deepEqual(mergeRanges([[5, 7], [0, 2], [2, 3], [6, 9], [4, 4]]), [[0, 3], [5, 9]]);
  assert.deepEqual(mergeRanges([]), []);
});

test('uncoveredRanges: the holes of a span, including before the first and after the last range', () => {
  assert.deepEqual(uncoveredRanges(0, 10, []), [[0, 10]]);
  assert.deepEqual(uncoveredRanges(0, 10, [[2, 4], [6, 7]]), [[0, 2], [4, 6], [7, 10]]);
  assert.deepEqual(uncoveredRanges(0, 10, [[-5, 3], [3, 12]]), []);
  assert.deepEqual(uncoveredRanges(5, 10, [[0, 6], [8, 20]]), [[6, 8]]);
  assert.deepEqual(uncoveredRanges(0, 10, [[20, 30]]), [[0, 10]]);
});

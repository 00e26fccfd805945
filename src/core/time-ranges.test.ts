// Range arithmetic: merging and the uncovered rest of a span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRanges, uncoveredByMerged, uncoveredRanges } from './time-ranges.js';

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

test('uncoveredByMerged equals a point-by-point scan at every start and end over a merged list', () => {
  const ranges: [number, number][] = [[2, 4], [6, 7], [9, 12], [15, 16]];
  const merged = mergeRanges(ranges);
  const scan = (a: number, b: number): [number, number][] => {
    const out: [number, number][] = [];
    for (let x = a; x < b; x++) {
      if (ranges.some(([p, q]) => p <= x && x < q)) continue;
      const last = out[out.length - 1];
      if (last !== undefined && last[1] === x) last[1] = x + 1;
      else out.push([x, x + 1]);
    }
    return out;
  };
  for (let a = 0; a < 18; a++) for (let b = a + 1; b <= 18; b++) assert.deepEqual(uncoveredByMerged(a, b, merged), scan(a, b), `[${a}, ${b})`);
});

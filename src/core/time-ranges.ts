// Half-open time ranges [from, to) in ms: merging, and what of a span a set of ranges leaves uncovered.

/** [from, to): from inclusive, to exclusive, ms UTC. */
export type TimeRange = readonly [from: number, to: number];

/** Sorted, with overlapping and touching ranges joined; empty ranges dropped. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The parts of [from, to) that no range of `covered` overlaps, in order. */
export function uncoveredRanges(from: number, to: number, covered: readonly TimeRange[]): TimeRange[] {
  return uncoveredByMerged(from, to, mergeRanges(covered));
}

/** `uncoveredRanges` for ranges already merged (sorted, disjoint, as mergeRanges returns): O(log n + overlaps), for many calls against one list. */
export function uncoveredByMerged(from: number, to: number, merged: readonly TimeRange[]): TimeRange[] {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid][1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: TimeRange[] = [];
  let cursor = from;
  for (let j = lo; j < merged.length && merged[j][0] < to; j++) {
    if (merged[j][0] > cursor) out.push([cursor, merged[j][0]]);
    cursor = Math.max(cursor, merged[j][1]);
  }
  if (cursor < to) out.push([cursor, to]);
  return out;
}

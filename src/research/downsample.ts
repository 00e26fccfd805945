// Min/max bucketing of a long series to a bounded number of points that keeps every spike visible.

/** A downsampled series: parallel x and y columns. */
export interface XYSeries {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Keeps at most `maxPoints` (≥ 4) points of (x[i], y[i]) for i in [from, to): the first and last
 * points, and for each of (maxPoints − 2) / 2 equal-count buckets in between its min and its max,
 * in index order. Non-finite y are skipped. Shorter series are copied whole (minus non-finite y).
 */
export function downsampleMinMax(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
  from = 0,
  to = Math.min(x.length, y.length),
): XYSeries {
  const n = to - from;
  const cap = Math.max(4, Math.floor(maxPoints));
  const ox = new Float64Array(Math.min(Math.max(n, 0), cap));
  const oy = new Float64Array(ox.length);
  let k = 0;
  const emit = (i: number): void => {
    if (!Number.isFinite(y[i])) return;
    ox[k] = x[i];
    oy[k] = y[i];
    k++;
  };
  if (n <= cap) {
    for (let i = from; i < to; i++) emit(i);
    return { x: ox.subarray(0, k), y: oy.subarray(0, k) };
  }
  emit(from);
  const inner = n - 2;
  const buckets = (cap - 2) >> 1;
  for (let b = 0; b < buckets; b++) {
    const a = from + 1 + Math.floor((b * inner) / buckets);
    const e = from + 1 + Math.floor(((b + 1) * inner) / buckets);
    let iMin = -1;
    let iMax = -1;
    for (let i = a; i < e; i++) {
      const v = y[i];
      if (!Number.isFinite(v)) continue;
      if (iMin < 0 || v < y[iMin]) iMin = i;
      if (iMax < 0 || v > y[iMax]) iMax = i;
    }
    if (iMin < 0) continue;
    if (iMin === iMax) emit(iMin);
    else if (iMin < iMax) {
      emit(iMin);
      emit(iMax);
    } else {
      emit(iMax);
      emit(iMin);
    }
  }
  emit(to - 1);
  return { x: ox.subarray(0, k), y: oy.subarray(0, k) };
}

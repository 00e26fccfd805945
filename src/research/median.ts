// Median of a numeric range in expected O(n) by quickselect, for step intervals of 1M-point curves.

/**
 * Median of `values` (average of the two middle values for an even count); undefined when empty.
 * `scratch` is reordered in place and must have at least `values.length` slots; pass a copy.
 */
export function medianInPlace(scratch: Float64Array, n = scratch.length): number | undefined {
  if (n === 0) return undefined;
  const hi = n >> 1;
  const upper = selectKth(scratch, n, hi);
  if (n % 2 === 1) return upper;
  // After selecting `hi`, everything left of it is ≤ it, so the lower middle is the max of the left part.
  let lower = scratch[0];
  for (let i = 1; i < hi; i++) if (scratch[i] > lower) lower = scratch[i];
  return (lower + upper) / 2;
}

/** Median of the gaps between consecutive entries of a time column; undefined with fewer than 2 times. */
export function medianStep(time: Float64Array): number | undefined {
  const n = time.length - 1;
  if (n < 1) return undefined;
  const gaps = new Float64Array(n);
  for (let i = 0; i < n; i++) gaps[i] = time[i + 1] - time[i];
  return medianInPlace(gaps, n);
}

/** Puts the k-th smallest (0-based) of a[0..n) at a[k], smaller-or-equal left, greater-or-equal right. */
function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median-of-three pivot: sorted and constant inputs (the usual step gaps) stay linear.
    const mid = lo + ((hi - lo) >> 1);
    const pivot = medianOf3(a[lo], a[mid], a[hi]);
    // Hoare partition: equal keys split evenly, so runs of identical gaps do not degrade.
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function medianOf3(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

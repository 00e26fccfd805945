// Deliberately naive O(n·period) array versions of the building blocks, used by tests as independent references.
import type { Series } from './test-support.js';

export function naiveSma(x: Series, p: number): Series {
  return x.map((_, i) => {
    if (i < p - 1) return undefined;
    const w = x.slice(i - p + 1, i + 1);
    if (w.some((v) => v === undefined)) return undefined;
    return (w as number[]).reduce((a, b) => a + b, 0) / p;
  });
}

/**
 * Exponential smoothing of a series that may start with undefined: `sma` seeds with the mean of the first p
 * defined values, `first` with the first defined value.
 */
export function naiveSmooth(x: Series, p: number, alpha: number, seed: 'sma' | 'first'): Series {
  const out: Series = x.map(() => undefined);
  const start = x.findIndex((v) => v !== undefined);
  if (start < 0) return out;
  const seedAt = seed === 'first' ? start : start + p - 1;
  if (seedAt >= x.length) return out;
  let prev = seed === 'first' ? (x[start] as number) : (x.slice(start, seedAt + 1) as number[]).reduce((a, b) => a + b, 0) / p;
  out[seedAt] = prev;
  for (let i = seedAt + 1; i < x.length; i++) {
    prev = prev * (1 - alpha) + (x[i] as number) * alpha;
    out[i] = prev;
  }
  return out;
}

export function naiveEma(x: Series, p: number, seed: 'sma' | 'first' = 'sma'): Series {
  return naiveSmooth(x, p, 2 / (p + 1), seed);
}

export function naiveWilder(x: Series, p: number): Series {
  return naiveSmooth(x, p, 1 / p, 'sma');
}

export function naiveHighest(x: ArrayLike<number>, p: number): Series {
  return Array.from({ length: x.length }, (_, i) => (i < p - 1 ? undefined : Math.max(...Array.from({ length: p }, (_, k) => x[i - k]))));
}

export function naiveLowest(x: ArrayLike<number>, p: number): Series {
  return Array.from({ length: x.length }, (_, i) => (i < p - 1 ? undefined : Math.min(...Array.from({ length: p }, (_, k) => x[i - k]))));
}

export function naiveTrueRange(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>): Series {
  return Array.from({ length: h.length }, (_, i) => (i === 0 ? undefined : Math.max(h[i] - l[i], Math.abs(h[i] - c[i - 1]), Math.abs(l[i] - c[i - 1]))));
}

/** Combines defined values position by position; undefined where any input is undefined. */
export function zipWith(f: (...v: number[]) => number, ...xs: Series[]): Series {
  return xs[0].map((_, i) => (xs.some((s) => s[i] === undefined) ? undefined : f(...xs.map((s) => s[i] as number))));
}

// Comparing a figure with a limit: limits are inclusive, and a rounding error past one does not count.

/** Relative tolerance of limit comparisons: a value a rounding error past a limit counts as equal to it. */
const EPS = 1e-9;

export function over(v: number, limit: number): boolean {
  return v > limit + Math.abs(limit) * EPS;
}

export function under(v: number, limit: number): boolean {
  return v < limit - Math.abs(limit) * EPS;
}

// Test fixtures for indicators: deterministic synthetic bars and comparison of optional-value series.
import assert from 'node:assert/strict';
import { BarSeriesBuilder, type BarSeries } from '../../core/bars.js';
import { createRng } from '../../core/rng.js';

/** A value per bar, or undefined while the line has no value. */
export type Series = (number | undefined)[];

/**
 * `n` daily bars of a 2-decimal random walk near 100 (ties between highs and lows are common), volume mostly
 * positive with some zeros, and a stretch of identical flat bars in the middle so zero-range and
 * zero-change branches get exercised.
 */
export function syntheticBars(n: number, seed = 1): BarSeries {
  const rng = createRng(seed);
  const b = new BarSeriesBuilder('SYN', n);
  const round = (x: number): number => Math.round(x * 100) / 100;
  let close = 100;
  const flatFrom = Math.floor(n / 2);
  const flatTo = flatFrom + 40;
  for (let i = 0; i < n; i++) {
    const t = Date.UTC(2020, 0, 1) + i * 86_400_000;
    if (i >= flatFrom && i < flatTo) {
      b.push(t, close, close, close, close, 0);
      continue;
    }
    const open = close;
    close = round(Math.max(1, open + rng.normal() * 1.5));
    const high = round(Math.max(open, close) + Math.abs(rng.normal()) * 0.8);
    const low = round(Math.min(open, close) - Math.abs(rng.normal()) * 0.8);
    const volume = rng.next() < 0.1 ? 0 : round(1000 + rng.next() * 5000);
    b.push(t, open, high, low, close, volume);
  }
  return b.finish('synthetic');
}

/** Runs `step(i)` for every bar and records `read()` where `ready()`, else undefined. */
export function collect(n: number, step: (i: number) => void, read: () => number, ready: () => boolean): Series {
  const out: Series = [];
  for (let i = 0; i < n; i++) {
    step(i);
    out.push(ready() ? read() : undefined);
  }
  return out;
}

/** Index of the first defined value, or -1. */
export function firstDefined(s: Series): number {
  return s.findIndex((v) => v !== undefined);
}

/** Same defined positions, values within `tol` relative (absolute near 0). */
export function assertSeriesClose(actual: Series, expected: Series, tol = 1e-9, label = ''): void {
  assert.equal(actual.length, expected.length, `${label} length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (e === undefined || a === undefined) {
      assert.equal(a, e, `${label} readiness differs at bar index ${i}`);
      continue;
    }
    const scale = Math.max(1, Math.abs(e));
    assert.ok(Math.abs(a - e) <= tol * scale, `${label} at index ${i}: got ${a}, expected ${e}`);
  }
}

// ExtremaWindow's O(1) min/max against RingWindow's Math.min/Math.max scan: same bits, NaN, ±Infinity and ±0 included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtremaWindow } from './extrema-window.js';
import { RingWindow } from './ring-window.js';

/** Deterministic values: mostly RSI-like, with ties, runs of zeros of both signs, NaN and infinities. */
function values(n: number): number[] {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const specials = [0, -0, NaN, Infinity, -Infinity, 50];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.05) out.push(specials[Math.floor(rnd() * specials.length)]);
    else if (r < 0.15) out.push(rnd() < 0.5 ? 0 : -0);
    else out.push(Math.round(rnd() * 1000) / 10);
  }
  return out;
}

test('min and max equal the exact scan after every push, for several window sizes', () => {
  for (const cap of [1, 2, 3, 5, 14, 31]) {
    const fast = new ExtremaWindow(cap);
    const ref = new RingWindow(cap);
    values(4000).forEach((v, i) => {
      fast.push(v);
      ref.push(v);
      assert.ok(Object.is(fast.min(), ref.min()), `cap ${cap} push ${i}: min ${fast.min()} vs ${ref.min()}`);
      assert.ok(Object.is(fast.max(), ref.max()), `cap ${cap} push ${i}: max ${fast.max()} vs ${ref.max()}`);
    });
  }
});

test('empty window and load(): the scan values, and extremes rebuilt from the loaded values', () => {
  const w = new ExtremaWindow(3);
  assert.equal(w.min(), Infinity);
  assert.equal(w.max(), -Infinity);
  for (const v of [5, NaN, 9, 1]) w.push(v);
  w.load([4, 8, 6, 2]);
  assert.deepEqual(w.toArray(), [8, 6, 2]);
  assert.deepEqual([w.min(), w.max()], [2, 8]);
  w.push(7);
  assert.deepEqual([w.min(), w.max()], [2, 7]);
});

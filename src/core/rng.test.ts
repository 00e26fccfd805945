// Seeded randomness: the same seed gives the same sequence; ranges and rough distribution shapes hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from './rng.js';

const take = (seed: number, n: number): number[] => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => r.next());
};

test('same seed ⇒ same sequence, across every method', () => {
  const a = createRng(42);
  const b = createRng(42);
  for (let i = 0; i < 10_000; i++) {
    assert.equal(a.next(), b.next());
    assert.equal(a.int(-5, 5), b.int(-5, 5));
    assert.equal(a.normal(), b.normal());
  }
});

test('different seeds give different sequences; seeds are taken as uint32', () => {
  assert.notDeepEqual(take(1, 8), take(2, 8));
  assert.notDeepEqual(take(0, 8), take(1, 8));
  assert.deepEqual(take(-1, 8), take(0xffffffff, 8));
});

test('next() is in [0, 1) and roughly uniform', () => {
  const r = createRng(7);
  const buckets = new Array<number>(10).fill(0);
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)]++;
  }
  // Expected 10 000 per bucket, σ ≈ 95: ±600 is > 6σ.
  for (const c of buckets) assert.ok(Math.abs(c - n / 10) < 600, String(buckets));
});

test('int(lo, hi) covers both ends inclusively and nothing else', () => {
  const r = createRng(3);
  const seen = new Set<number>();
  for (let i = 0; i < 10_000; i++) {
    const k = r.int(-2, 3);
    assert.ok(Number.isInteger(k) && k >= -2 && k <= 3);
    seen.add(k);
  }
  assert.deepEqual([...seen].sort((x, y) => x - y), [-2, -1, 0, 1, 2, 3]);
  assert.equal(r.int(5, 5), 5);
});

test('normal() has mean ≈ 0 and variance ≈ 1', () => {
  const r = createRng(11);
  const n = 200_000;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    assert.ok(Number.isFinite(z));
    s += z;
    s2 += z * z;
  }
  const mean = s / n;
  const variance = s2 / n - mean * mean;
  // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032.
  assert.ok(Math.abs(mean) < 0.015, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
});

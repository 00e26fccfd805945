// Tests the rolling sum against a direct window sum, including drift after a huge value has left the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RollingSum } from './rolling-sum.js';
import { createRng } from '../core/rng.js';

test('rolling sum equals the window sum at every step and is full after n pushes', () => {
  const xs = [3, 1, 4, 1, 5, 9, 2, 6];
  const r = new RollingSum(3);
  xs.forEach((x, i) => {
    r.push(x);
    assert.equal(r.full, i >= 2);
    if (r.full) assert.equal(r.sum, xs[i] + xs[i - 1] + xs[i - 2]);
  });
});

test('a huge value leaves no residue after the next exact re-sum (each lap for n ≥ 64, every 64 pushes for small n)', () => {
  const big = new RollingSum(100);
  big.push(1e20);
  for (let i = 1; i < 200; i++) big.push(i);
  assert.equal(big.sum, ((100 + 199) * 100) / 2);
  const small = new RollingSum(4);
  small.push(1e20);
  for (let i = 1; i < 64; i++) small.push(i);
  assert.equal(small.sum, 60 + 61 + 62 + 63);
});

test('no drift over a million pushes', () => {
  const rng = createRng(7);
  const n = 50;
  const r = new RollingSum(n);
  const last: number[] = [];
  for (let i = 0; i < 1_000_003; i++) {
    const x = 30000 + rng.normal() * 500;
    r.push(x);
    last.push(x);
    if (last.length > n) last.shift();
  }
  const exact = last.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(r.sum - exact) < 1e-9 * exact, `${r.sum} vs ${exact}`);
});

// Tests the rolling highest/lowest against slice max/min, including ties, the age of the extreme and warm-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RollingRange } from './rolling-extreme.js';
import { RollingRangeAt } from './rolling-extreme-at.js';
import { createRng } from '../core/rng.js';

test('highest/lowest and ages by hand, ties keep the newest', () => {
  const r = new RollingRangeAt(3);
  const xs = [5, 3, 5, 1, 1, 4];
  const maxes = [5, 5, 5, 5, 5, 4];
  const maxAges = [0, 1, 0, 1, 2, 0];
  const mins = [5, 3, 3, 1, 1, 1];
  const minAges = [0, 0, 1, 0, 0, 1];
  xs.forEach((x, i) => {
    r.push(x, x);
    assert.equal(r.high, maxes[i], `max at ${i}`);
    assert.equal(r.highAge, maxAges[i], `max age at ${i}`);
    assert.equal(r.low, mins[i], `min at ${i}`);
    assert.equal(r.lowAge, minAges[i], `min age at ${i}`);
    assert.equal(r.full, i >= 2);
  });
});

test('matches a naive window scan on random data with many ties, at every block phase', () => {
  const rng = createRng(3);
  for (const n of [1, 2, 5, 17]) {
    for (const ages of [false, true]) {
      const r = ages ? new RollingRangeAt(n) : new RollingRange(n);
      const hs: number[] = [];
      const ls: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const h = rng.int(0, 9) - 4.5;
        const l = rng.int(0, 9) - 4.5;
        hs.push(h);
        ls.push(l);
        r.push(h, l);
        const wh = hs.slice(Math.max(0, i - n + 1));
        const wl = ls.slice(Math.max(0, i - n + 1));
        const mx = Math.max(...wh);
        const mn = Math.min(...wl);
        assert.equal(r.high, mx, `n ${n} high at ${i}`);
        assert.equal(r.low, mn, `n ${n} low at ${i}`);
        if (ages) {
          const ra = r as RollingRangeAt;
          assert.equal(ra.highAge, wh.length - 1 - wh.lastIndexOf(mx), `n ${n} high age at ${i}`);
          assert.equal(ra.lowAge, wl.length - 1 - wl.lastIndexOf(mn), `n ${n} low age at ${i}`);
        }
      }
    }
  }
});

// Tests the delay line: value from n pushes ago, readiness, the n = 0 case and the seeding sum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lag } from './lag.js';

test('returns the value pushed n updates ago once n + 1 values are in', () => {
  const lag = new Lag(2);
  const seen: (number | undefined)[] = [];
  for (const x of [10, 20, 30, 40, 50]) {
    lag.push(x);
    seen.push(lag.ready ? lag.value : undefined);
  }
  assert.deepEqual(seen, [undefined, undefined, 10, 20, 30]);
  assert.equal(lag.recentSum(), 40 + 50);
});

test('n = 0 is the identity', () => {
  const lag = new Lag(0);
  lag.push(7);
  assert.ok(lag.ready);
  assert.equal(lag.value, 7);
});

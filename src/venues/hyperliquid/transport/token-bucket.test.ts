// TokenBucket: burst, continuous refill, reserve headroom, debt from after-the-fact charges, waits on the scheduler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../core/manual-clock.js';
import { TokenBucket } from './token-bucket.js';

test('burst, refill and reserve', () => {
  const s = new ManualClock(0);
  const b = new TokenBucket({ capacity: 10, refillPerMs: 1 / 100 }, s); // 10 per second
  assert.ok(b.tryTake(8));
  assert.ok(!b.tryTake(1, 2), 'would dip into the reserve');
  assert.ok(b.tryTake(2));
  assert.equal(b.msUntil(1), 100);
  s.advance(100);
  assert.ok(b.tryTake(1));
  s.advance(10_000);
  assert.equal(b.available(), 10, 'capped at capacity');
  assert.equal(b.msUntil(11), Infinity);
});

test('debit can leave a debt that refill pays back', () => {
  const s = new ManualClock(0);
  const b = new TokenBucket({ capacity: 10, refillPerMs: 1 / 100 }, s);
  b.debit(15);
  assert.equal(b.available(), -5);
  assert.equal(b.msUntil(1), 600);
});

test('take waits on the scheduler, then takes', async () => {
  const s = new ManualClock(0);
  const b = new TokenBucket({ capacity: 2, refillPerMs: 1 / 1000 }, s);
  await b.take(2, s);
  let done = false;
  const p = b.take(1, s).then(() => (done = true));
  await Promise.resolve();
  assert.equal(done, false);
  s.advance(1000);
  await p;
  assert.equal(done, true);
  const ac = new AbortController();
  const q = b.take(1, s, ac.signal);
  ac.abort(new Error('gone'));
  await assert.rejects(q, /gone/);
});

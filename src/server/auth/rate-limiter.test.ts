// Token buckets on a manual clock: the burst, the refill, Retry-After, peek without taking, bounded memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../core/manual-clock.js';
import { RateLimiter, perMinute } from './rate-limiter.js';

test('5 a minute: five at once, then one every 12 s, with the wait named', () => {
  const clock = new ManualClock(1_000_000);
  const rl = new RateLimiter(clock, perMinute(5));
  for (let i = 0; i < 5; i++) assert.equal(rl.take('1.2.3.4'), undefined);
  assert.equal(rl.take('1.2.3.4'), 12_000);
  assert.equal(rl.take('5.6.7.8'), undefined, 'another key has its own bucket');
  clock.advance(6_000);
  assert.equal(rl.take('1.2.3.4'), 6_000);
  clock.advance(6_000);
  assert.equal(rl.take('1.2.3.4'), undefined);
  assert.equal(rl.take('1.2.3.4'), 12_000);
  clock.advance(3_600_000);
  for (let i = 0; i < 5; i++) assert.equal(rl.take('1.2.3.4'), undefined, 'refills to capacity, no more');
  assert.notEqual(rl.take('1.2.3.4'), undefined);
});

test('peek tells without taking; refund gives one back; reset forgets', () => {
  const clock = new ManualClock(0);
  const rl = new RateLimiter(clock, perMinute(2));
  assert.equal(rl.peek('k'), undefined);
  assert.equal(rl.size, 0, 'peek creates nothing');
  rl.take('k');
  rl.take('k');
  assert.equal(rl.peek('k'), 30_000);
  assert.equal(rl.peek('k'), 30_000);
  rl.refund('k');
  assert.equal(rl.take('k'), undefined, 'a refunded token can be taken again');
  rl.refund('k');
  rl.refund('k');
  rl.refund('k');
  assert.equal(rl.take('k'), undefined);
  assert.equal(rl.take('k'), undefined);
  assert.equal(rl.take('k'), 30_000, 'refunds stop at capacity');
  rl.reset('k');
  assert.equal(rl.peek('k'), undefined);
});

test('memory stays bounded under many keys', () => {
  const clock = new ManualClock(0);
  const rl = new RateLimiter(clock, perMinute(5), 100);
  for (let i = 0; i < 1000; i++) rl.take(`ip-${i}`);
  assert.ok(rl.size <= 100, `size ${rl.size}`);
});

test('a rule that never refills or is not finite is refused', () => {
  const clock = new ManualClock(0);
  assert.throws(() => new RateLimiter(clock, { capacity: 5, perSecond: 0 }));
  assert.throws(() => new RateLimiter(clock, { capacity: NaN, perSecond: 1 }));
  assert.throws(() => new RateLimiter(clock, { capacity: 5, perSecond: Infinity }));
});

// ManualScheduler and sleep(): callbacks fire at their own time and in order; cleared and aborted timers never fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../../core/errors.js';
import { ManualScheduler } from './manual-scheduler.js';
import { sleep } from './scheduler.js';

test('callbacks fire in (time, set order) and see their own time', () => {
  const s = new ManualScheduler(100);
  const seen: string[] = [];
  s.setTimeout(() => seen.push(`b@${s.now()}`), 20);
  s.setTimeout(() => seen.push(`a@${s.now()}`), 10);
  s.setTimeout(() => seen.push(`c@${s.now()}`), 20);
  const h = s.setTimeout(() => seen.push('never'), 15);
  s.clearTimeout(h);
  assert.equal(s.advance(19), 1);
  assert.deepEqual(seen, ['a@110']);
  s.advance(1);
  assert.deepEqual(seen, ['a@110', 'b@120', 'c@120']);
  assert.equal(s.now(), 120);
});

test('a callback scheduled inside the window fires in the same advance', () => {
  const s = new ManualScheduler(0);
  const seen: number[] = [];
  s.setTimeout(() => {
    seen.push(s.now());
    s.setTimeout(() => seen.push(s.now()), 5);
  }, 10);
  s.advance(100);
  assert.deepEqual(seen, [10, 15]);
  assert.equal(s.now(), 100);
  assert.throws(() => s.advanceTo(50), InvariantError);
});

test('sleep resolves on time and rejects on abort, leaving no timer', async () => {
  const s = new ManualScheduler(0);
  let done = false;
  const p = sleep(s, 1000).then(() => (done = true));
  s.advance(999);
  await Promise.resolve();
  assert.equal(done, false);
  s.advance(1);
  await p;
  assert.equal(done, true);

  const ac = new AbortController();
  const q = sleep(s, 1000, ac.signal);
  ac.abort(new Error('stop'));
  await assert.rejects(q, /stop/);
  assert.equal(s.size, 0);
});

// The time port's helpers: sleep resolves on time and rejects on abort; isoTime formats UTC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoShort, isoTime, sleep } from './clock.js';
import { ManualClock } from './manual-clock.js';

test('sleep resolves on time and rejects on abort, leaving no timer', async () => {
  const s = new ManualClock(0);
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
  const already = new AbortController();
  already.abort(new Error('before'));
  await assert.rejects(sleep(s, 10, already.signal), /before/);
  assert.equal(s.size, 0);
});

test('isoTime formats UTC', () => {
  assert.equal(isoTime(0), '1970-01-01T00:00:00.000Z');
  assert.equal(isoTime(Date.UTC(2024, 1, 29, 12, 30)), '2024-02-29T12:30:00.000Z');
  assert.equal(isoShort(Date.UTC(2021, 0, 1, 1, 25)), '2021-01-01T01:25:00Z');
});

// The bounded send queue: never blocks the caller, retries as told, counts drops and tells the channel about them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RejectedError, RetryableError } from '../core/errors.js';
import { SendQueue } from './send-queue.js';

function harness(capacity: number, send: (item: string) => Promise<void>) {
  const logs: string[] = [];
  const waits: number[] = [];
  const q = new SendQueue<string>({
    name: 'test',
    capacity,
    send,
    dropNotice: (n) => `dropped ${n}`,
    log: (level, m) => logs.push(`${level} ${m}`),
    sleep: async (ms) => void waits.push(ms),
    maxAttempts: 3,
  });
  return { q, logs, waits };
}

test('push returns at once while a send is in flight; beyond capacity items are dropped, logged, and then announced', async () => {
  const delivered: string[] = [];
  let release = (): void => {};
  const blocked = new Promise<void>((r) => (release = r));
  const { q, logs } = harness(2, async (item) => {
    if (item === 'a') await blocked;
    delivered.push(item);
  });
  assert.equal(q.push('a'), true); // taken by the worker at once
  assert.equal(q.push('b'), true);
  assert.equal(q.push('c'), true);
  assert.equal(q.push('d'), false);
  assert.equal(q.push('e'), false);
  assert.deepEqual(q.stats(), { queued: 2, sent: 0, dropped: 2, failed: 0, retried: 0 });
  assert.match(logs.join('\n'), /warn test: alert dropped, queue full \(capacity 2\); 2 dropped so far/);
  release();
  await q.idle();
  assert.deepEqual(delivered, ['a', 'dropped 2', 'b', 'c']);
  assert.deepEqual(q.stats(), { queued: 0, sent: 3, dropped: 2, failed: 0, retried: 0 });
});

test('a RetryableError waits its retryAfterMs (or the backoff) and tries again; other errors give the item up', async () => {
  let calls = 0;
  const { q, waits, logs } = harness(10, async (item) => {
    calls++;
    if (item === 'slow' && calls === 1) throw new RetryableError('429', { retryAfterMs: 1500 });
    if (item === 'slow' && calls === 2) throw new RetryableError('503');
    if (item === 'bad') throw new RejectedError('400 Bad Request');
    if (item === 'never') throw new RetryableError('down');
  });
  q.push('slow');
  q.push('bad');
  q.push('never');
  await q.idle();
  assert.deepEqual(waits, [1500, 1000, 500, 1000]);
  assert.deepEqual(q.stats(), { queued: 0, sent: 1, dropped: 0, failed: 2, retried: 4 });
  assert.match(logs.join('\n'), /error test: alert not delivered after 1 attempt: 400 Bad Request/);
  assert.match(logs.join('\n'), /error test: alert not delivered after 3 attempts: down/);
});

test('after close, pushes are dropped and counted', async () => {
  const { q } = harness(10, async () => {});
  await q.close();
  assert.equal(q.push('late'), false);
  assert.equal(q.stats().dropped, 1);
});

test('an item pushed while the worker is finishing is still delivered, whatever the microtask timing', async () => {
  for (let depth = 0; depth < 12; depth++) {
    const delivered: string[] = [];
    const box: { q?: SendQueue<string> } = {};
    const pushLater = (n: number): void => {
      if (n === 0) box.q?.push('b');
      else void Promise.resolve().then(() => pushLater(n - 1));
    };
    const { q } = harness(10, async (item) => {
      delivered.push(item);
      if (item === 'a') pushLater(depth);
    });
    box.q = q;
    q.push('a');
    await q.idle();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await q.idle();
    assert.deepEqual(delivered, ['a', 'b'], `push after ${depth} microtasks`);
  }
});

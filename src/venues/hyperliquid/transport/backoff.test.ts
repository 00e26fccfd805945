// Backoff: grows by the factor, stays within [(1 − jitter) × d, d], caps at maxMs; bad configs name the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../core/rng.js';
import { BadInputError } from '../../../core/errors.js';
import { backoffDelay, checkBackoff, DEFAULT_BACKOFF } from './backoff.js';

test('delays grow 1 s → 60 s with jitter inside the band', () => {
  const rng = createRng(7);
  for (let attempt = 0; attempt < 12; attempt++) {
    const cap = Math.min(60_000, 1_000 * 2 ** attempt);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(attempt, DEFAULT_BACKOFF, rng);
      assert.ok(d <= cap && d >= cap / 2, `attempt ${attempt}: ${d}`);
    }
  }
});

test('no jitter gives the plain exponential; the same seed gives the same delays', () => {
  const plain = { ...DEFAULT_BACKOFF, jitter: 0 };
  assert.deepEqual([0, 1, 2, 6, 7].map((a) => backoffDelay(a, plain, createRng(1))), [1000, 2000, 4000, 60000, 60000]);
  const a = [0, 1, 2].map((n) => backoffDelay(n, DEFAULT_BACKOFF, createRng(3)));
  const b = [0, 1, 2].map((n) => backoffDelay(n, DEFAULT_BACKOFF, createRng(3)));
  assert.deepEqual(a, b);
});

test('checkBackoff names the bad key', () => {
  assert.throws(() => checkBackoff({ ...DEFAULT_BACKOFF, maxMs: 10 }, 'ws.reconnect'), (e: unknown) => e instanceof BadInputError && e.where === 'ws.reconnect.maxMs');
  assert.throws(() => checkBackoff({ ...DEFAULT_BACKOFF, jitter: 1 }, 'x'), /x\.jitter/);
});

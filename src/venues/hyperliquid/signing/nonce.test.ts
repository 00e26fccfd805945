// Nonce source: monotonic under a frozen clock, per signer, across a simulated restart, and never far ahead of the clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../core/manual-clock.js';
import { MAX_NONCE_LEAD_MS, MemoryNonceStore, NonceSource } from './nonce.js';
import type { NonceStore } from './nonce.js';

const A = '0x14791697260E4c9A71f18484C9f997B308e59325';
const B = '0xcd49bbac6e85fdeb167eb7ca41a945d2b8758f6f';

test('a frozen clock still yields strictly increasing nonces', () => {
  const clock = new ManualClock(1_700_000_000_000);
  const n = new NonceSource(clock);
  const got = Array.from({ length: 5 }, () => n.next(A));
  assert.deepEqual(got, [1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002, 1_700_000_000_003, 1_700_000_000_004]);
  clock.advanceTo(1_700_000_000_100);
  assert.equal(n.next(A), 1_700_000_000_100);
});

test('nonces are per signer (case-insensitive address)', () => {
  const n = new NonceSource(new ManualClock(1000));
  assert.equal(n.next(A), 1000);
  assert.equal(n.next(B), 1000);
  assert.equal(n.next(A.toLowerCase()), 1001);
  assert.equal(n.next(B.toUpperCase().replace('0X', '0x')), 1001);
});

test('a restart resumes after the persisted nonce even when the clock went backwards', () => {
  const store = new MemoryNonceStore();
  const first = new NonceSource(new ManualClock(5_000), store);
  for (let i = 0; i < 3; i++) first.next(A);
  assert.equal(store.load(A.toLowerCase()), 5_002);
  // New process, same store, clock 2 s behind (NTP step, VM restore).
  const second = new NonceSource(new ManualClock(3_000), store);
  assert.equal(second.next(A), 5_003);
  assert.equal(second.next(B), 3_000);
});

test('the nonce is saved before it is handed out; a failing store hands out nothing', () => {
  const saved: number[] = [];
  const store: NonceStore = { load: () => undefined, save: (_s, n) => void saved.push(n) };
  const n = new NonceSource(new ManualClock(10), store);
  assert.equal(n.next(A), 10);
  assert.deepEqual(saved, [10]);
  const broken: NonceStore = { load: () => undefined, save: () => { throw new Error('disk full'); } };
  const m = new NonceSource(new ManualClock(10), broken);
  assert.throws(() => m.next(A), /disk full/);
  assert.throws(() => m.next(A), /disk full/);
});

test('a stored nonce more than a day ahead of the clock is refused (the venue would reject it)', () => {
  const store = new MemoryNonceStore();
  store.save(A.toLowerCase(), 1_000 + MAX_NONCE_LEAD_MS + 5);
  const n = new NonceSource(new ManualClock(1_000), store);
  assert.throws(() => n.next(A), /nonce store \(signer 0x14791697260e4c9a71f18484c9f997b308e59325\): next nonce .* ahead of the clock/);
  const corrupt = new MemoryNonceStore();
  corrupt.save(A.toLowerCase(), 1.5);
  assert.throws(() => new NonceSource(new ManualClock(1_000), corrupt).next(A), /stored nonce is not a non-negative integer/);
});

// Sessions: verify, expiry, rotation (the old token dies, its reuse ends the chain), the lifetime cap, and no token in the session record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ManualClock } from '../../core/manual-clock.js';
import { AuthRefusedError } from './auth-errors.js';
import { SessionStore } from './session-store.js';

const HOUR = 3600_000;
const refused = (reason: string) => (e: unknown) => e instanceof AuthRefusedError && e.status === 401 && e.reason === reason;

test('an issued token verifies until its TTL, then is refused as expired', () => {
  const clock = new ManualClock(0);
  const store = new SessionStore(clock, { ttlMs: HOUR, maxLifetimeMs: 24 * HOUR, maxSessions: 100 });
  const { token, session } = store.issue('admin', 'admin', 'password');
  const t = token.reveal();
  assert.match(t, /^sxs_[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(store.verify(t), session);
  assert.equal(session.expiresAt, HOUR);
  clock.advance(HOUR - 1);
  store.verify(t);
  clock.advance(1);
  assert.throws(() => store.verify(t), refused('expired-token'));
  assert.throws(() => store.verify('sxs_' + 'A'.repeat(43)), refused('unknown-token'));
});

test('refresh returns a new token and ends the old one; presenting the old one again ends the chain', () => {
  const clock = new ManualClock(0);
  const store = new SessionStore(clock, { ttlMs: HOUR, maxLifetimeMs: 24 * HOUR, maxSessions: 100 });
  const a = store.issue('admin', 'admin', 'password').token.reveal();
  clock.advance(HOUR / 2);
  const next = store.refresh(a);
  const b = next.token.reveal();
  assert.notEqual(a, b);
  assert.equal(next.session.expiresAt, HOUR / 2 + HOUR, 'a full TTL from the refresh');
  assert.equal(next.session.loginAt, 0);
  store.verify(b);
  assert.throws(() => store.refresh(a), refused('used-token'));
  assert.throws(() => store.verify(b), refused('unknown-token'), 'the replay of a rotated token ended the session it led to');
});

test('no refresh extends a session past its maximum lifetime', () => {
  const clock = new ManualClock(0);
  const store = new SessionStore(clock, { ttlMs: HOUR, maxLifetimeMs: 2.5 * HOUR, maxSessions: 100 });
  let t = store.issue('u', 'read', 'wallet').token.reveal();
  clock.advance(0.9 * HOUR);
  t = store.refresh(t).token.reveal();
  clock.advance(0.9 * HOUR);
  const last = store.refresh(t);
  assert.equal(last.session.expiresAt, 2.5 * HOUR);
  clock.advance(0.7 * HOUR);
  assert.throws(() => store.refresh(last.token.reveal()), refused('expired-token'));
});

test('revoke and revokeUser end sessions; the count stays bounded', () => {
  const clock = new ManualClock(0);
  const store = new SessionStore(clock, { ttlMs: HOUR, maxLifetimeMs: 24 * HOUR, maxSessions: 3 });
  const a = store.issue('x', 'read', 'wallet').token.reveal();
  store.revoke(a);
  assert.throws(() => store.verify(a), refused('unknown-token'));
  for (let i = 0; i < 5; i++) store.issue('y', 'read', 'wallet');
  assert.equal(store.size, 3, 'the oldest ended past the cap');
  assert.equal(store.revokeUser('y'), 3);
  assert.equal(store.size, 0);
});

test('the session record and the issued token print no secret', () => {
  const store = new SessionStore(new ManualClock(0));
  const issued = store.issue('admin', 'admin', 'password');
  const t = issued.token.reveal();
  for (const text of [JSON.stringify(issued), String(issued.token), `${issued.token}`, inspect(issued, { depth: 5 }), JSON.stringify(issued.session)]) {
    assert.ok(!text.includes(t) && !text.includes(t.slice(4, 20)), text);
  }
  assert.match(JSON.stringify(issued), /\[redacted\]/);
  try {
    store.verify(t + 'x');
    assert.fail('refused');
  } catch (e) {
    assert.ok(!String((e as Error).message).includes(t));
    assert.ok(!inspect(e).includes(t));
  }
});

// The connection transition table: the lifecycle path is allowed, everything out of closed and shortcuts throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../../core/errors.js';
import { canTransition, isConnected, transition } from './connection-state.js';

test('the lifecycle path is allowed', () => {
  const path = ['idle', 'connecting', 'open', 'stale', 'degraded', 'open', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'open', 'closed'] as const;
  for (let i = 1; i < path.length; i++) assert.equal(transition(path[i - 1], path[i]), path[i]);
});

test('bad transitions throw with both states', () => {
  assert.throws(() => transition('closed', 'connecting'), (e: unknown) => e instanceof InvariantError && /from closed to connecting/.test(e.message));
  assert.throws(() => transition('reconnecting', 'open'), /from reconnecting to open/);
  assert.throws(() => transition('connecting', 'stale'), /from connecting to stale/);
  assert.ok(!canTransition('idle', 'open'));
  assert.ok(isConnected('degraded') && !isConnected('reconnecting'));
});

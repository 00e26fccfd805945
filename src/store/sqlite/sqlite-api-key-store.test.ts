// The SQLite API key store on a real file: insert, get, list, revoke once, touch, a duplicate id refused, the schema's checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/manual-clock.js';
import { InvariantError } from '../../core/errors.js';
import type { ApiKeyRecord } from '../api-key-port.js';
import { openSqliteStore } from './sqlite-store.js';

const key = (id: string, over: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id,
  name: `bot ${id}`,
  scope: 'read',
  owner: 'admin',
  keyHash: id.padEnd(64, '0'),
  createdAt: 1000,
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

test('keys round-trip, list oldest first, revoke once, touch, survive a reopen', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-keys-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'sextant.db');
  const store = openSqliteStore(path, { clock: new ManualClock(0) });
  await store.apiKeys.insertApiKey(key('bb', { createdAt: 2000, scope: 'trade' }));
  await store.apiKeys.insertApiKey(key('aa'));
  assert.deepEqual(await store.apiKeys.getApiKey('bb'), key('bb', { createdAt: 2000, scope: 'trade' }));
  assert.equal(await store.apiKeys.getApiKey('zz'), undefined);
  assert.deepEqual((await store.apiKeys.listApiKeys()).map((k) => k.id), ['aa', 'bb']);
  assert.equal(await store.apiKeys.revokeApiKey('aa', 5000), true);
  assert.equal(await store.apiKeys.revokeApiKey('aa', 6000), false, 'already revoked: the first time stays');
  assert.equal(await store.apiKeys.revokeApiKey('zz', 6000), false);
  await store.apiKeys.touchApiKey('bb', 7000);
  await assert.rejects(store.apiKeys.insertApiKey(key('aa')), InvariantError);
  await store.close();
  const again = openSqliteStore(path, { clock: new ManualClock(0) });
  t.after(() => again.close());
  assert.deepEqual(await again.apiKeys.getApiKey('aa'), key('aa', { revokedAt: 5000 }));
  assert.equal((await again.apiKeys.getApiKey('bb'))?.lastUsedAt, 7000);
  await assert.rejects(again.apiKeys.insertApiKey(key('cc', { scope: 'root' as 'admin' })), /CHECK constraint/);
  await assert.rejects(again.apiKeys.insertApiKey(key('dd', { keyHash: 'short' })), /CHECK constraint/);
});

// ApiKeyStore on SQLite: one row per key in api_keys (migration 12); a revoked key stays, marked, so its id is never reused.
import type Database from 'better-sqlite3';
import { InvariantError } from '../../core/errors.js';
import type { ApiKeyRecord, ApiKeyScope, ApiKeyStore } from '../api-key-port.js';

interface Row {
  id: string;
  name: string;
  scope: ApiKeyScope;
  owner: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const fromRow = (r: Row): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  owner: r.owner,
  keyHash: r.key_hash,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export function sqliteApiKeyStore(db: Database.Database): ApiKeyStore {
  const insert = db.prepare(
    'INSERT INTO api_keys (id, name, scope, owner, key_hash, created_at, last_used_at, revoked_at) VALUES (@id, @name, @scope, @owner, @keyHash, @createdAt, @lastUsedAt, @revokedAt)',
  );
  const get = db.prepare('SELECT * FROM api_keys WHERE id = ?');
  const list = db.prepare('SELECT * FROM api_keys ORDER BY created_at, id');
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  return {
    async insertApiKey(key) {
      try {
        insert.run(key);
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new InvariantError(`API key ${key.id} is already stored`, { cause: e });
        }
        throw e;
      }
    },
    getApiKey: async (id) => {
      const r = get.get(id) as Row | undefined;
      return r === undefined ? undefined : fromRow(r);
    },
    listApiKeys: async () => (list.all() as Row[]).map(fromRow),
    revokeApiKey: async (id, at) => revoke.run(at, id).changes === 1,
    touchApiKey: async (id, at) => void touch.run(at, id),
  };
}

// API keys for scripts: created with a scope and shown once (`sxk_<id>_<secret>`), kept as SHA-256 in the store, listed without secrets, revocable.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { isoTime } from '../../core/clock.js';
import type { ApiKeyCreateRequest, ApiKeyView, Scope } from '../../api/auth.js';
import type { ApiKeyRecord, ApiKeyStore } from '../../store/api-key-port.js';
import { AuthRefusedError, unauthenticated } from './auth-errors.js';
import { SecretToken, digestsEqual, sha256Hex } from './secret-token.js';

export const API_KEY_PREFIX = 'sxk_';
const KEY_SHAPE = /^sxk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;
/** A key's last use is written at most this often (a write per request would be a write per request). */
const TOUCH_EVERY_MS = 60_000;

/** A key just created: its secret, shown once, and its listing. */
export interface CreatedApiKey {
  readonly key: SecretToken;
  readonly view: ApiKeyView;
}

export class ApiKeys {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly clock: Clock,
  ) {}

  async create(owner: string, req: ApiKeyCreateRequest): Promise<CreatedApiKey> {
    const id = randomBytes(8).toString('hex');
    const key = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
    const record: ApiKeyRecord = { id, name: req.name, scope: req.scope, owner, keyHash: sha256Hex(key), createdAt: this.clock.now(), lastUsedAt: null, revokedAt: null };
    await this.store.insertApiKey(record);
    return { key: new SecretToken(key), view: toView(record) };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.store.listApiKeys()).map(toView);
  }

  /** Revokes key `id`: false when there is no such key or it was revoked already. */
  async revoke(id: string): Promise<boolean> {
    return this.store.revokeApiKey(id, this.clock.now());
  }

  /** The key's record when `key` is a live key; AuthRefusedError (401) otherwise. */
  async verify(key: string): Promise<ApiKeyRecord> {
    const m = KEY_SHAPE.exec(key);
    if (m === null) throw unauthenticated('malformed-credentials', 'not an API key (expected sxk_<id>_<secret>)');
    const rec = await this.store.getApiKey(m[1]);
    // The same comparison runs whether or not the id exists, so timing tells nothing about the secret.
    const ok = digestsEqual(rec?.keyHash ?? '0'.repeat(64), sha256Hex(key)) && rec !== undefined;
    if (!ok || rec === undefined) throw unauthenticated('unknown-token', 'unknown API key');
    if (rec.revokedAt !== null) throw new AuthRefusedError(401, 'revoked-key', `API key ${rec.id} was revoked at ${isoTime(rec.revokedAt)}`);
    const now = this.clock.now();
    if (rec.lastUsedAt === null || now - rec.lastUsedAt >= TOUCH_EVERY_MS) await this.store.touchApiKey(rec.id, now);
    return rec;
  }
}

export function toView(r: ApiKeyRecord): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope satisfies Scope,
    owner: r.owner,
    createdAt: isoTime(r.createdAt),
    lastUsedAt: r.lastUsedAt === null ? null : isoTime(r.lastUsedAt),
    revokedAt: r.revokedAt === null ? null : isoTime(r.revokedAt),
  };
}

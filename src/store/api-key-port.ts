// The storage port of API keys: each key's public id, label, scope, owner and the SHA-256 of its secret (never the secret).
/** The scopes a key may carry (the same names as api/auth.ts's Scope). */
export type ApiKeyScope = 'read' | 'trade' | 'admin';

export interface ApiKeyRecord {
  /** Public id, part of the key text; not a credential. */
  readonly id: string;
  readonly name: string;
  readonly scope: ApiKeyScope;
  /** The user the key acts for. */
  readonly owner: string;
  /** Lowercase hex SHA-256 of the whole key. */
  readonly keyHash: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export interface ApiKeyStore {
  /** Stores a new key; an id already stored is an InvariantError and nothing is written. */
  insertApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, revoked ones included, oldest first. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked at `at`; false when no such key or it was already revoked. */
  revokeApiKey(id: string, at: number): Promise<boolean>;
  /** Records a use at `at` (the caller throttles how often). */
  touchApiKey(id: string, at: number): Promise<void>;
}

// Session tokens in memory: only their SHA-256 is kept; each has a TTL, a refresh rotates it (the old token dies), and a reused old token ends its session.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { isoTime } from '../../core/clock.js';
import type { AuthVia, Scope } from '../../api/auth.js';
import { unauthenticated } from './auth-errors.js';
import { SecretToken, digestsEqual, randomToken, sha256Hex } from './secret-token.js';

export const SESSION_TOKEN_PREFIX = 'sxs_';

export interface SessionPolicy {
  /** A token's life; a refresh before it ends gives a new one (default 12 h). */
  readonly ttlMs: number;
  /** No refresh extends a session past its first login plus this (default 7 days). */
  readonly maxLifetimeMs: number;
  /** Sessions kept at most; past it the oldest end (default 10 000). */
  readonly maxSessions: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { ttlMs: 12 * 3600_000, maxLifetimeMs: 7 * 24 * 3600_000, maxSessions: 10_000 };

/** A session as the server knows it: no token in it, so it is safe to log. */
export interface Session {
  /** Public id (for logs and listing); not a credential. */
  readonly id: string;
  readonly user: string;
  readonly scope: Scope;
  readonly via: AuthVia;
  /** The first login of this chain of rotations. */
  readonly loginAt: number;
  readonly expiresAt: number;
}

/** A session just issued, with its token (shown once). */
export interface IssuedSession {
  readonly token: SecretToken;
  readonly session: Session;
}

interface Entry {
  readonly hash: string;
  readonly session: Session;
  /** Same for every token of one rotation chain. */
  readonly family: string;
}

export class SessionStore {
  private readonly live = new Map<string, Entry>();
  /** Hashes of rotated-away tokens (until their chain's end): presenting one ends the chain. */
  private readonly rotated = new Map<string, { family: string; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  issue(user: string, scope: Scope, via: AuthVia): IssuedSession {
    const now = this.clock.now();
    return this.add({ user, scope, via, loginAt: now }, newId());
  }

  /** The live session of `token`; throws AuthRefusedError (401) for an unknown, expired or rotated one. */
  verify(token: string): Session {
    const hash = sha256Hex(token);
    const e = this.live.get(hash);
    if (e === undefined || !digestsEqual(e.hash, hash)) {
      const old = this.rotated.get(hash);
      if (old !== undefined) {
        // An old token came back after its rotation: whoever holds it may have stolen it. End the chain.
        this.endFamily(old.family);
        throw unauthenticated('used-token', 'session token was already refreshed; the session is ended, log in again');
      }
      throw unauthenticated('unknown-token', 'unknown or ended session; log in again');
    }
    if (this.clock.now() >= e.session.expiresAt) {
      this.live.delete(hash);
      throw unauthenticated('expired-token', `session expired at ${isoTime(e.session.expiresAt)}; log in again`);
    }
    return e.session;
  }

  /** A new token for the session of `token`, which stops working at once. */
  refresh(token: string): IssuedSession {
    const s = this.verify(token);
    const hash = sha256Hex(token);
    const e = this.live.get(hash) as Entry;
    this.live.delete(hash);
    this.rotated.set(hash, { family: e.family, until: s.loginAt + this.policy.maxLifetimeMs });
    return this.add({ user: s.user, scope: s.scope, via: s.via, loginAt: s.loginAt }, e.family);
  }

  /** Ends the session of `token` (logout); an unknown token is a no-op. */
  revoke(token: string): void {
    this.live.delete(sha256Hex(token));
  }

  /** Ends every session of `user` (e.g. its wallet left the allow-list). Returns how many. */
  revokeUser(user: string): number {
    let n = 0;
    for (const [h, e] of this.live) {
      if (e.session.user === user) {
        this.live.delete(h);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.live.size;
  }

  private add(base: Omit<Session, 'id' | 'expiresAt'>, family: string): IssuedSession {
    const now = this.clock.now();
    this.sweep(now);
    const expiresAt = Math.min(now + this.policy.ttlMs, base.loginAt + this.policy.maxLifetimeMs);
    if (expiresAt <= now) throw unauthenticated('expired-token', 'session reached its maximum lifetime; log in again');
    const token = randomToken(SESSION_TOKEN_PREFIX);
    const session: Session = { id: newId(), ...base, expiresAt };
    const hash = sha256Hex(token);
    this.live.set(hash, { hash, session, family });
    return { token: new SecretToken(token), session };
  }

  private endFamily(family: string): void {
    for (const [h, e] of this.live) if (e.family === family) this.live.delete(h);
  }

  private sweep(now: number): void {
    for (const [h, e] of this.live) if (e.session.expiresAt <= now) this.live.delete(h);
    for (const [h, r] of this.rotated) if (r.until <= now) this.rotated.delete(h);
    // Insertion order is issue order: the oldest go first.
    for (const h of this.live.keys()) {
      if (this.live.size < this.policy.maxSessions) break;
      this.live.delete(h);
    }
    for (const h of this.rotated.keys()) {
      if (this.rotated.size < this.policy.maxSessions) break;
      this.rotated.delete(h);
    }
  }
}

function newId(): string {
  return randomBytes(8).toString('hex');
}

// The first-start login link: with no admin password configured, a one-time token whose SHA-256 alone is kept in a 0600 file of the data dir.
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../../core/atomic-file.js';
import type { Clock } from '../../core/clock.js';
import { isoTime } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import { unauthenticated } from './auth-errors.js';
import { SecretToken, digestsEqual, randomToken, sha256Hex } from './secret-token.js';

export const LOGIN_LINK_FILE = 'auth-login-link.json';
export const LOGIN_LINK_PREFIX = 'sxl_';
/** Default life of a link: a day, time to open the printed URL. */
export const DEFAULT_LOGIN_LINK_TTL_MS = 24 * 3600_000;

interface LinkFile {
  readonly version: 1;
  /** SHA-256 hex of the token. */
  readonly hash: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** When the token was exchanged for a session; null while unused. */
  readonly usedAt: number | null;
}

/**
 * The link's state lives in the file, not in memory: the daemon (or a later `sextant` command)
 * that writes a new link makes the running daemon accept it, and a used link stays used across
 * restarts. Each issue replaces the earlier link, used or not.
 */
export class LoginLinks {
  readonly path: string;
  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly ttlMs = DEFAULT_LOGIN_LINK_TTL_MS,
  ) {
    this.path = join(dataDir, LOGIN_LINK_FILE);
  }

  /** A new one-time token (replacing any earlier one) and the URL to print: `<baseUrl>/?token=…`. */
  issue(baseUrl: string): { readonly token: SecretToken; readonly url: SecretToken; readonly expiresAt: number } {
    const token = randomToken(LOGIN_LINK_PREFIX);
    const now = this.clock.now();
    const file: LinkFile = { version: 1, hash: sha256Hex(token), createdAt: now, expiresAt: now + this.ttlMs, usedAt: null };
    this.write(file);
    const url = `${baseUrl.replace(/\/+$/, '')}/?token=${encodeURIComponent(token)}`;
    return { token: new SecretToken(token), url: new SecretToken(url), expiresAt: file.expiresAt };
  }

  /** Spends `token`: once only, before it expires. Throws AuthRefusedError (401) otherwise. */
  redeem(token: string): void {
    const file = this.read();
    const hash = sha256Hex(token);
    if (file === undefined || !digestsEqual(file.hash, hash)) throw unauthenticated('unknown-token', 'unknown login link; use the newest link the daemon printed');
    if (file.usedAt !== null) throw unauthenticated('used-token', `login link already used at ${isoTime(file.usedAt)}; restart the daemon for a new one`);
    const now = this.clock.now();
    if (now >= file.expiresAt) throw unauthenticated('expired-token', `login link expired at ${isoTime(file.expiresAt)}; restart the daemon for a new one`);
    this.write({ ...file, usedAt: now });
  }

  private read(): LinkFile | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new BadInputError(LOGIN_LINK_FILE, 'not JSON; delete it and restart the daemon for a new link', { cause: e });
    }
    const o = raw as Partial<LinkFile>;
    const okTime = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
    if (o?.version !== 1 || typeof o.hash !== 'string' || !/^[0-9a-f]{64}$/.test(o.hash) || !okTime(o.createdAt) || !okTime(o.expiresAt) || !(o.usedAt === null || okTime(o.usedAt))) {
      throw new BadInputError(LOGIN_LINK_FILE, 'not a login link record; delete it and restart the daemon for a new link');
    }
    return o as LinkFile;
  }

  private write(file: LinkFile): void {
    replaceFileAtomically(this.path, JSON.stringify(file) + '\n', 0o600);
    // A replaced file keeps its mode: make sure it is the owner's alone.
    chmodSync(this.path, 0o600);
  }
}

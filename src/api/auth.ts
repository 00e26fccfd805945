// The authentication contract shared with web/: scopes, login / sign-in / API key request and response shapes, and their parsers.
import { BadInputError } from '../core/errors.js';

/** What a principal may do. Each scope includes the ones before it: admin ⊃ trade ⊃ read. */
export const SCOPES = ['read', 'trade', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** How a principal proved who it is. */
export type AuthVia = 'password' | 'login-link' | 'wallet' | 'api-key';

/** The scopes `scope` grants (itself and every lower one), lowest first. */
export function scopesGranted(scope: Scope): readonly Scope[] {
  return SCOPES.slice(0, SCOPES.indexOf(scope) + 1);
}

export function isScope(x: unknown): x is Scope {
  return typeof x === 'string' && (SCOPES as readonly string[]).includes(x);
}

/** The cookie that carries a browser's session token (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'sextant_session';

/** POST /api/auth/login */
export interface PasswordLoginRequest {
  readonly password: string;
}

/** POST /api/auth/login-link: the token of the one-time link printed at the first start. */
export interface LoginLinkRequest {
  readonly token: string;
}

/** POST /api/auth/wallet/challenge */
export interface WalletChallengeRequest {
  /** 0x-prefixed 20-byte address. */
  readonly address: string;
  /** The EIP-155 chain the wallet signs for (default 1). */
  readonly chainId?: number;
}

/** The EIP-4361 message to sign, with its single-use nonce. */
export interface WalletChallengeResponse {
  readonly message: string;
  readonly nonce: string;
  /** ISO 8601 UTC: the nonce is refused after this. */
  readonly expiresAt: string;
}

/** POST /api/auth/wallet/login */
export interface WalletLoginRequest {
  readonly message: string;
  /** 0x-prefixed 65-byte signature (personal_sign). */
  readonly signature: string;
}

/** A new session: login, link exchange, wallet sign-in or refresh (POST /api/auth/refresh). */
export interface SessionResponse {
  /** Shown once; send it as `Authorization: Bearer <token>` (the browser gets it as a cookie too). */
  readonly token: string;
  readonly user: string;
  readonly scopes: readonly Scope[];
  readonly via: AuthVia;
  /** ISO 8601 UTC. Refresh before this; a refresh returns a new token and ends the old one. */
  readonly expiresAt: string;
}

/** GET /api/auth/me */
export interface PrincipalView {
  readonly user: string;
  readonly scopes: readonly Scope[];
  readonly via: AuthVia;
}

/** POST /api/auth/keys (admin scope) */
export interface ApiKeyCreateRequest {
  /** A label for the owner to recognise the key: 1–64 printable characters. */
  readonly name: string;
  readonly scope: Scope;
}

/** An API key as listed: never its secret. */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly scope: Scope;
  readonly owner: string;
  /** ISO 8601 UTC */
  readonly createdAt: string;
  /** ISO 8601 UTC, null when never used (updated at most once a minute). */
  readonly lastUsedAt: string | null;
  /** ISO 8601 UTC, null while the key works. */
  readonly revokedAt: string | null;
}

/** The answer to a key's creation: the only time its secret is shown. */
export interface ApiKeyCreatedResponse extends ApiKeyView {
  readonly key: string;
}

/** The body of a 401 / 403 / 429. `reason` is a stable code, `error` a sentence for people. */
export interface AuthErrorBody {
  readonly error: string;
  readonly reason: string;
  /** 429 only: seconds to wait (also in the Retry-After header). */
  readonly retryAfterSeconds?: number;
}

// ---- parsers: request bodies are validated here, at the edge ----

const MAX_PASSWORD = 1024;
const MAX_TOKEN = 256;
const MAX_MESSAGE = 4096;

export function parsePasswordLoginRequest(body: unknown): PasswordLoginRequest {
  const o = record(body, 'login request');
  return { password: boundedString(o.password, 'password', 1, MAX_PASSWORD) };
}

export function parseLoginLinkRequest(body: unknown): LoginLinkRequest {
  const o = record(body, 'login link request');
  return { token: boundedString(o.token, 'token', 1, MAX_TOKEN) };
}

export function parseWalletChallengeRequest(body: unknown): WalletChallengeRequest {
  const o = record(body, 'wallet challenge request');
  const address = boundedString(o.address, 'address', 42, 42);
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new BadInputError('address', 'expected 0x and 40 hex digits');
  if (o.chainId === undefined) return { address };
  const chainId = o.chainId;
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new BadInputError('chainId', 'expected a positive integer');
  }
  return { address, chainId };
}

export function parseWalletLoginRequest(body: unknown): WalletLoginRequest {
  const o = record(body, 'wallet login request');
  const message = boundedString(o.message, 'message', 1, MAX_MESSAGE);
  const signature = boundedString(o.signature, 'signature', 132, 132);
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) throw new BadInputError('signature', 'expected 0x and 130 hex digits');
  return { message, signature };
}

export function parseApiKeyCreateRequest(body: unknown): ApiKeyCreateRequest {
  const o = record(body, 'API key request');
  const name = boundedString(o.name, 'name', 1, 64);
  // Printable ASCII and spaces: the name is shown in lists and logs.
  if (!/^[\x20-\x7e]+$/.test(name) || name.trim() !== name) {
    throw new BadInputError('name', 'expected printable ASCII without leading or trailing spaces');
  }
  if (!isScope(o.scope)) throw new BadInputError('scope', `expected one of ${SCOPES.join(', ')}`);
  return { name, scope: o.scope };
}

function record(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadInputError('body', `expected a JSON object (${what})`);
  return body as Record<string, unknown>;
}

/** A string of min..max characters. Never echoes the value: it may be a secret. */
function boundedString(x: unknown, field: string, min: number, max: number): string {
  if (typeof x !== 'string') throw new BadInputError(field, 'expected a string');
  if (x.length < min || x.length > max) {
    throw new BadInputError(field, min === max ? `expected ${min} characters` : `expected ${min} to ${max} characters`);
  }
  return x;
}

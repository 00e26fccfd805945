// /api/auth/*: logins (password, first-start link, wallet), refresh, logout, who am I, and API keys (admin).
import {
  parseApiKeyCreateRequest,
  parseLoginLinkRequest,
  parsePasswordLoginRequest,
  parseWalletChallengeRequest,
  parseWalletLoginRequest,
  SCOPES,
} from '../../api/auth.js';
import type { JsonSchema } from '../../api/json-schema.js';
import { InvariantError } from '../../core/errors.js';
import type { AuthService, IssuedSession, Principal } from '../auth/index.js';
import { defineRoute, StatusAnswer, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const SCOPE: JsonSchema = { type: 'string', enum: [...SCOPES] };
const VIA: JsonSchema = { type: 'string', enum: ['password', 'login-link', 'wallet', 'api-key'] };
const obj = (properties: Record<string, JsonSchema>, required: readonly string[]): JsonSchema => ({ type: 'object', properties, required: [...required], additionalProperties: false });

const SESSION_SCHEMA = obj(
  {
    token: str('The session token, shown once: send it as Authorization: Bearer (the browser also gets it as an HttpOnly cookie).'),
    user: str('Who the session acts for.'),
    scopes: { type: 'array', items: SCOPE },
    via: VIA,
    expiresAt: str('Refresh before this (ISO 8601 UTC).', { format: 'date-time' }),
  },
  ['token', 'user', 'scopes', 'via', 'expiresAt'],
);
const PRINCIPAL_SCHEMA = obj({ user: str('Who the request acts for.'), scopes: { type: 'array', items: SCOPE }, via: VIA }, ['user', 'scopes', 'via']);
const CHALLENGE_SCHEMA = obj({ message: str('The EIP-4361 message to sign.'), nonce: str('Single use.'), expiresAt: str('The nonce is refused after this.', { format: 'date-time' }) }, ['message', 'nonce', 'expiresAt']);
const KEY_VIEW_PROPS: Record<string, JsonSchema> = {
  id: str('The key’s public id.'),
  name: str('Its label.'),
  scope: SCOPE,
  owner: str('Who created it.'),
  createdAt: str('ISO 8601 UTC.', { format: 'date-time' }),
  lastUsedAt: { type: ['string', 'null'], description: 'Last use, at minute resolution.' },
  revokedAt: { type: ['string', 'null'], description: 'Null while the key works.' },
};
const KEY_VIEW_REQUIRED = ['id', 'name', 'scope', 'owner', 'createdAt', 'lastUsedAt', 'revokedAt'];
const KEY_CREATED_SCHEMA = obj({ ...KEY_VIEW_PROPS, key: str('The key (sxk_…), shown once: only its hash is kept.') }, [...KEY_VIEW_REQUIRED, 'key']);
const LOGGED_OUT_SCHEMA = obj({ loggedOut: { type: 'boolean' } }, ['loggedOut']);

/** The auth of a server that has it; a route of a server without auth is a bug (they are not registered then). */
function need(d: OpsRouteDeps): AuthService {
  const a = d.auth?.();
  if (a === undefined) throw new InvariantError('an auth route was called on a server without auth');
  return a;
}

function caller(p: Principal | undefined): Principal {
  if (p === undefined) throw new InvariantError('a non-public route ran without a caller');
  return p;
}

/** A new session: its token in the body (once) and as the browser's cookie. */
function sessionAnswer(auth: AuthService, s: IssuedSession): StatusAnswer {
  return new StatusAnswer(200, auth.sessionResponse(s), { 'set-cookie': auth.sessionCookie(s) });
}

export function authRoutes(d: OpsRouteDeps): RouteSpec[] {
  const session = { 200: { description: 'A new session.', schema: SESSION_SCHEMA } };
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      tag: 'auth',
      access: 'public',
      summary: 'Logs in with the admin password (SEXTANT_ADMIN_PASSWORD_HASH): an admin session.',
      body: obj({ password: { type: 'string', minLength: 1, maxLength: 1024 } }, ['password']),
      responses: session,
      handler: async (r) => {
        const auth = need(d);
        return sessionAnswer(auth, await auth.loginWithPassword(parsePasswordLoginRequest(r.body), r.ip));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/link',
      tag: 'auth',
      access: 'public',
      summary: 'Exchanges the one-time login link’s token (printed at start when no password is set) for an admin session.',
      body: obj({ token: { type: 'string', minLength: 1, maxLength: 256 } }, ['token']),
      responses: session,
      handler: async (r) => {
        const auth = need(d);
        return sessionAnswer(auth, await auth.loginWithLink(parseLoginLinkRequest(r.body), r.ip));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/wallet/challenge',
      tag: 'auth',
      access: 'public',
      summary: 'The EIP-4361 message an allowed wallet signs to sign in, with a single-use nonce.',
      body: obj({ address: { type: 'string', minLength: 42, maxLength: 42 }, chainId: { type: 'integer', minimum: 1 } }, ['address']),
      responses: { 200: { description: 'The message to sign.', schema: CHALLENGE_SCHEMA } },
      handler: (r) => need(d).walletChallenge(parseWalletChallengeRequest(r.body), r.ip),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/wallet',
      tag: 'auth',
      access: 'public',
      summary: 'Signs in with the signed challenge: a session with the wallet’s scope.',
      body: obj({ message: { type: 'string', minLength: 1, maxLength: 4096 }, signature: { type: 'string', minLength: 132, maxLength: 132 } }, ['message', 'signature']),
      responses: session,
      handler: async (r) => {
        const auth = need(d);
        return sessionAnswer(auth, await auth.loginWithWallet(parseWalletLoginRequest(r.body), r.ip));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/refresh',
      tag: 'auth',
      access: 'public',
      summary: 'A new token for the caller’s session; the old one stops working at once.',
      responses: session,
      handler: (r) => {
        const auth = need(d);
        return sessionAnswer(auth, auth.refresh(r.headers));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      tag: 'auth',
      access: 'public',
      summary: 'Ends the caller’s session and clears the browser’s cookie.',
      responses: { 200: { description: 'Logged out (also when there was no session).', schema: LOGGED_OUT_SCHEMA } },
      handler: (r) => {
        const auth = need(d);
        auth.logout(r.headers);
        return new StatusAnswer(200, { loggedOut: true }, { 'set-cookie': auth.clearedCookie() });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      tag: 'auth',
      summary: 'Who the request acts for: user, scopes and how it proved it.',
      responses: { 200: { description: 'The caller.', schema: PRINCIPAL_SCHEMA } },
      handler: (r) => {
        const p = caller(r.principal);
        return { user: p.user, scopes: p.scopes, via: p.via };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/keys',
      tag: 'auth',
      access: 'admin',
      summary: 'The API keys, without their secrets.',
      responses: { 200: { description: 'Every key, revoked ones included.', schema: { type: 'array', items: obj(KEY_VIEW_PROPS, KEY_VIEW_REQUIRED) } } },
      handler: (r) => need(d).listApiKeys(caller(r.principal)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/keys',
      tag: 'auth',
      access: 'admin',
      summary: 'Creates an API key for scripts with a scope (read, trade or admin); its secret is shown once.',
      body: obj({ name: { type: 'string', minLength: 1, maxLength: 64 }, scope: SCOPE }, ['name', 'scope']),
      responses: { 201: { description: 'The key and its secret.', schema: KEY_CREATED_SCHEMA } },
      handler: async (r) => {
        const k = await need(d).createApiKey(caller(r.principal), parseApiKeyCreateRequest(r.body));
        return { ...k.view, key: k.key.reveal() };
      },
    }),
  ];
}

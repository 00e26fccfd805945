// Where a request's token comes from (Authorization: Bearer, or the session cookie) and the Set-Cookie text of a browser session.
import { SESSION_COOKIE } from '../../api/auth.js';
import { unauthenticated } from './auth-errors.js';

/** Request headers as node:http and Fastify give them (names lowercase). */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface PresentedToken {
  readonly token: string;
  readonly from: 'bearer' | 'cookie';
}

const MAX_TOKEN = 256;

/** The token of a request: a Bearer header wins over the cookie. Throws AuthRefusedError (401) when none or malformed. */
export function presentedToken(headers: RequestHeaders): PresentedToken {
  const auth = headers.authorization;
  if (auth !== undefined) {
    if (typeof auth !== 'string') throw unauthenticated('malformed-credentials', 'more than one Authorization header');
    const m = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i.exec(auth);
    if (m === null || m[1].length > MAX_TOKEN) throw unauthenticated('malformed-credentials', 'Authorization must be "Bearer <token>"');
    return { token: m[1], from: 'bearer' };
  }
  const cookie = headers.cookie;
  const values = cookieValues(typeof cookie === 'string' ? [cookie] : (cookie ?? []), SESSION_COOKIE);
  if (values.length === 0) throw unauthenticated('missing-credentials', 'log in first: no Authorization header and no session cookie');
  // Two different session cookies (one planted by a sibling site, say): trust neither.
  if (values.some((v) => v !== values[0]) || values[0].length > MAX_TOKEN) throw unauthenticated('malformed-credentials', `conflicting or malformed ${SESSION_COOKIE} cookies`);
  return { token: values[0], from: 'cookie' };
}

function cookieValues(headers: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (const h of headers) {
    for (const part of h.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
    }
  }
  return out;
}

/**
 * The Set-Cookie value carrying a session to the browser: HttpOnly (scripts cannot read it),
 * SameSite=Strict (no other site's page sends it), Path=/, gone at expiry; Secure over https.
 */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie value that removes the session cookie (logout). */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

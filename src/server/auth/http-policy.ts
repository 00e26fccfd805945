// The HTTP rules of auth the server applies to every answer: a strict CORS allow-list of exact origins and the security headers.
import { BadInputError } from '../../core/errors.js';
import { AuthRefusedError } from './auth-errors.js';

/**
 * Security headers for every response. CSP keeps the terminal to its own origin; no-referrer keeps
 * a login link's token out of Referer; no-store keeps answers with private data out of caches.
 */
export function securityHeaders(opts: { readonly https: boolean }): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cache-Control': 'no-store',
    ...(opts.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** An origin (`scheme://host[:port]`, no path) in canonical form; BadInputError naming `where` otherwise. */
export function canonicalOrigin(text: string, where: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch (e) {
    throw new BadInputError(where, `not an origin: ${JSON.stringify(text)} (expected e.g. http://127.0.0.1:8080)`, { cause: e });
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname !== '/' || u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') {
    throw new BadInputError(where, `not an origin: ${JSON.stringify(text)} (scheme, host and port only)`);
  }
  return u.origin;
}

export interface CorsAnswer {
  /** Headers to add to the answer (empty when the request has no Origin). */
  readonly headers: Readonly<Record<string, string>>;
}

/** CORS by an exact allow-list: no wildcard, credentials only for listed origins. */
export class CorsPolicy {
  private readonly allowed: ReadonlySet<string>;
  constructor(origins: readonly string[]) {
    this.allowed = new Set(origins.map((o, i) => canonicalOrigin(o, `auth.allowedOrigins[${i}]`)));
  }

  allows(origin: string): boolean {
    return this.allowed.has(origin);
  }

  /**
   * The CORS headers for a request with `origin` (the Origin header, if any); a preflight is an
   * OPTIONS with Access-Control-Request-Method. A listed origin (or none: not a browser's
   * cross-site request) passes; any other throws AuthRefusedError 403 'cross-origin'.
   */
  check(origin: string | undefined, preflight: boolean): CorsAnswer {
    if (origin === undefined) return { headers: {} };
    if (!this.allowed.has(origin)) throw new AuthRefusedError(403, 'cross-origin', 'this origin is not allowed (CORS allow-list)');
    const base = { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
    if (!preflight) return { headers: base };
    return {
      headers: {
        ...base,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      },
    };
  }
}

export interface BindSettings {
  /** The address the daemon listens on. */
  readonly host: string;
  /** The daemon itself serves https. */
  readonly tls: boolean;
  /** A reverse proxy in front terminates TLS (and sets X-Forwarded-For). */
  readonly behindProxy: boolean;
}

/** Whether `host` is a loopback address or name (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Refuses a bind beyond loopback without TLS or a proxy that provides it: passwords, session
 * tokens and API keys would cross the network in clear text. BadInputError naming `where`.
 */
export function checkBind(s: BindSettings, where = '--host'): void {
  if (isLoopback(s.host) || s.tls || s.behindProxy) return;
  throw new BadInputError(where, `${s.host} is reachable from other machines: serve it over TLS or behind a proxy that terminates TLS (and say so), or bind 127.0.0.1`);
}

/**
 * The client address for per-IP limits: the socket's peer, or behind a trusted proxy the last
 * X-Forwarded-For entry (the one the proxy appended; earlier entries are the client's word).
 */
export function clientAddress(remoteAddress: string | undefined, headers: Readonly<Record<string, string | readonly string[] | undefined>>, behindProxy: boolean): string {
  if (behindProxy) {
    const xff = headers['x-forwarded-for'];
    const last = (typeof xff === 'string' ? xff : xff?.[xff.length - 1])?.split(',').pop()?.trim();
    if (last !== undefined && last !== '' && last.length <= 64) return last;
  }
  return remoteAddress ?? 'unknown';
}

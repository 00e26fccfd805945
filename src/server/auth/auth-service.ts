// The auth facade the HTTP routes and the WebSocket gateway call: logins (password, first-start link, wallet), sessions, API keys, authenticate, rate limits.
import type { Clock } from '../../core/clock.js';
import { isoTime } from '../../core/clock.js';
import type {
  ApiKeyCreateRequest,
  ApiKeyView,
  PasswordLoginRequest,
  LoginLinkRequest,
  SessionResponse,
  WalletChallengeRequest,
  WalletChallengeResponse,
  WalletLoginRequest,
} from '../../api/auth.js';
import type { ApiKeyStore } from '../../store/api-key-port.js';
import { API_KEY_PREFIX, ApiKeys, type CreatedApiKey } from './api-keys.js';
import { AuthRefusedError, RateLimitedError, unauthenticated } from './auth-errors.js';
import { clearedSessionCookie, presentedToken, sessionCookie, type RequestHeaders } from './credentials.js';
import { CorsPolicy, canonicalOrigin, securityHeaders } from './http-policy.js';
import { LoginLinks, DEFAULT_LOGIN_LINK_TTL_MS } from './login-link.js';
import { ADMIN_PASSWORD_HASH_ENV, parsePasswordHash, verifyPassword, type PasswordHash } from './password-hash.js';
import { principal, requireScope, type Principal } from './principal.js';
import { RateLimiter, perMinute, type BucketRule } from './rate-limiter.js';
import type { SecretToken } from './secret-token.js';
import { DEFAULT_SESSION_POLICY, SESSION_TOKEN_PREFIX, SessionStore, type IssuedSession, type SessionPolicy } from './session-store.js';
import { WalletSignIn, type AllowedWallet } from './wallet-sign-in.js';

/** The user the admin password and the login link log in as. */
export const ADMIN_USER = 'admin';

export interface AuthLimits {
  /** Failed logins (any kind) per client IP (default 5 a minute). */
  readonly failedLoginsPerIp: BucketRule;
  /** Failed logins per user, across IPs (default 20 a minute). */
  readonly failedLoginsPerUser: BucketRule;
  /** Wallet challenges per client IP (default 30 a minute). */
  readonly challengesPerIp: BucketRule;
  /** Requests refused for bad credentials per client IP (default 30 a minute). */
  readonly badCredentialsPerIp: BucketRule;
  /** Authenticated requests per user (default bursts of 200, 100 a second). */
  readonly requestsPerUser: BucketRule;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  failedLoginsPerIp: perMinute(5),
  failedLoginsPerUser: perMinute(20),
  challengesPerIp: perMinute(30),
  badCredentialsPerIp: perMinute(30),
  requestsPerUser: { capacity: 200, perSecond: 100 },
};

export interface AuthServiceOptions {
  readonly clock: Clock;
  /** The daemon's data dir: the first-start link's hash lives there (0600). */
  readonly dataDir: string;
  /** The text of SEXTANT_ADMIN_PASSWORD_HASH; undefined or empty: no password, use the first-start link. */
  readonly adminPasswordHash?: string;
  readonly apiKeys: ApiKeyStore;
  /** The origin users open (default http://127.0.0.1:8080): login link base, SIWE domain and URI, allowed for CORS. */
  readonly origin?: string;
  /** Other origins allowed for CORS (exact, e.g. a Vite dev server). */
  readonly allowedOrigins?: readonly string[];
  /** Wallets allowed to sign in (EIP-4361), each with its scope. */
  readonly wallets?: readonly AllowedWallet[];
  readonly chainIds?: readonly number[];
  readonly session?: Partial<SessionPolicy>;
  readonly limits?: Partial<AuthLimits>;
  readonly loginLinkTtlMs?: number;
}

export const DEFAULT_ORIGIN = 'http://127.0.0.1:8080';

export type AuthOutcome = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly error: AuthRefusedError | RateLimitedError };

/**
 * One per daemon. Every refusal is an AuthRefusedError (status 401 / 403, stable `reason`) or a
 * RateLimitedError (429, retryAfterSeconds); neither carries a secret, nor does any returned
 * object except the SecretToken values, which print as [redacted] until reveal().
 */
export class AuthService {
  readonly origin: string;
  readonly cors: CorsPolicy;
  private readonly clock: Clock;
  private readonly password: PasswordHash | undefined;
  private readonly sessions: SessionStore;
  private readonly links: LoginLinks;
  private readonly wallet: WalletSignIn;
  private readonly keys: ApiKeys;
  private readonly failedIp: RateLimiter;
  private readonly failedUser: RateLimiter;
  private readonly challengeIp: RateLimiter;
  private readonly badCredIp: RateLimiter;
  private readonly requestsUser: RateLimiter;
  private readonly https: boolean;

  constructor(opts: AuthServiceOptions) {
    this.clock = opts.clock;
    this.origin = canonicalOrigin(opts.origin ?? DEFAULT_ORIGIN, 'auth.origin');
    this.https = this.origin.startsWith('https:');
    this.cors = new CorsPolicy([this.origin, ...(opts.allowedOrigins ?? [])]);
    const hash = opts.adminPasswordHash?.trim();
    this.password = hash === undefined || hash === '' ? undefined : parsePasswordHash(hash, ADMIN_PASSWORD_HASH_ENV);
    this.sessions = new SessionStore(opts.clock, { ...DEFAULT_SESSION_POLICY, ...opts.session });
    this.links = new LoginLinks(opts.dataDir, opts.clock, opts.loginLinkTtlMs ?? DEFAULT_LOGIN_LINK_TTL_MS);
    this.wallet = new WalletSignIn(opts.clock, { origin: this.origin, allow: opts.wallets ?? [], chainIds: opts.chainIds });
    this.keys = new ApiKeys(opts.apiKeys, opts.clock);
    const limits = { ...DEFAULT_AUTH_LIMITS, ...opts.limits };
    this.failedIp = new RateLimiter(opts.clock, limits.failedLoginsPerIp);
    this.failedUser = new RateLimiter(opts.clock, limits.failedLoginsPerUser);
    this.challengeIp = new RateLimiter(opts.clock, limits.challengesPerIp);
    this.badCredIp = new RateLimiter(opts.clock, limits.badCredentialsPerIp);
    this.requestsUser = new RateLimiter(opts.clock, limits.requestsPerUser);
  }

  /** From the environment: SEXTANT_ADMIN_PASSWORD_HASH (a bad value is a BadInputError naming the variable, not its text). */
  static fromEnv(env: Readonly<Record<string, string | undefined>>, opts: Omit<AuthServiceOptions, 'adminPasswordHash'>): AuthService {
    return new AuthService({ ...opts, adminPasswordHash: env[ADMIN_PASSWORD_HASH_ENV] });
  }

  get passwordConfigured(): boolean {
    return this.password !== undefined;
  }

  /**
   * At start: with no admin password, a new one-time login URL to print (`<origin>/?token=…`),
   * replacing any earlier one; undefined when a password is configured.
   */
  firstStartLink(): SecretToken | undefined {
    if (this.password !== undefined) return undefined;
    return this.links.issue(this.origin).url;
  }

  // ---- logins: each returns a new session (token shown once) ----

  async loginWithPassword(req: PasswordLoginRequest, ip: string): Promise<IssuedSession> {
    this.beginAttempt(ip, ADMIN_USER);
    if (this.password === undefined) {
      throw unauthenticated('password-not-configured', `no admin password is configured (${ADMIN_PASSWORD_HASH_ENV}); use the login link the daemon printed`);
    }
    if (!(await verifyPassword(req.password, this.password))) throw unauthenticated('bad-password', 'wrong password');
    this.succeeded(ip, ADMIN_USER);
    return this.sessions.issue(ADMIN_USER, 'admin', 'password');
  }

  /** Exchanges the first-start link's token for an admin session; the link is spent. */
  async loginWithLink(req: LoginLinkRequest, ip: string): Promise<IssuedSession> {
    this.beginAttempt(ip, ADMIN_USER);
    this.links.redeem(req.token);
    this.succeeded(ip, ADMIN_USER);
    return this.sessions.issue(ADMIN_USER, 'admin', 'login-link');
  }

  walletChallenge(req: WalletChallengeRequest, ip: string): WalletChallengeResponse {
    const wait = this.challengeIp.take(ip);
    if (wait !== undefined) throw new RateLimitedError('sign-in challenges from this address', wait);
    return this.wallet.challenge(req.address, req.chainId);
  }

  async loginWithWallet(req: WalletLoginRequest, ip: string): Promise<IssuedSession> {
    this.beginAttempt(ip, undefined);
    const id = await this.wallet.verify(req.message, req.signature);
    this.succeeded(ip, undefined);
    return this.sessions.issue(id.address, id.scope, 'wallet');
  }

  /** A new token for the request's session; the old one stops working at once. */
  refresh(headers: RequestHeaders): IssuedSession {
    const { token } = presentedToken(headers);
    if (!token.startsWith(SESSION_TOKEN_PREFIX)) throw unauthenticated('malformed-credentials', 'only a session token can be refreshed');
    return this.sessions.refresh(token);
  }

  /** Ends the request's session (a no-op when it has none or an API key). */
  logout(headers: RequestHeaders): void {
    let token: string;
    try {
      token = presentedToken(headers).token;
    } catch (e) {
      if (e instanceof AuthRefusedError) return;
      throw e;
    }
    if (token.startsWith(SESSION_TOKEN_PREFIX)) this.sessions.revoke(token);
  }

  // ---- every request ----

  /**
   * Who the request acts for, from `Authorization: Bearer` (session token or API key) or the
   * session cookie. A cookie from a browser page of an origin not allowed is refused (403), so
   * another site cannot ride the cookie. Counts failures per IP and requests per user.
   */
  async authenticate(headers: RequestHeaders, ip: string): Promise<AuthOutcome> {
    const wait = this.badCredIp.peek(ip);
    if (wait !== undefined) return { ok: false, error: new RateLimitedError('requests with bad credentials from this address', wait) };
    let p: Principal;
    try {
      p = await this.principalOf(headers);
    } catch (e) {
      if (!(e instanceof AuthRefusedError)) throw e;
      if (e.reason !== 'missing-credentials') this.badCredIp.take(ip);
      return { ok: false, error: e };
    }
    const busy = this.requestsUser.take(p.user);
    if (busy !== undefined) return { ok: false, error: new RateLimitedError(`requests for ${p.user}`, busy) };
    return { ok: true, principal: p };
  }

  // ---- API keys (admin scope) ----

  async createApiKey(by: Principal, req: ApiKeyCreateRequest): Promise<CreatedApiKey> {
    requireScope(by, 'admin');
    return this.keys.create(by.user, req);
  }

  async listApiKeys(by: Principal): Promise<ApiKeyView[]> {
    requireScope(by, 'admin');
    return this.keys.list();
  }

  async revokeApiKey(by: Principal, id: string): Promise<boolean> {
    requireScope(by, 'admin');
    return this.keys.revoke(id);
  }

  /** The daemon's own key for a local tool (the `sextant status` token file): no caller, owned by admin. */
  async createDaemonApiKey(req: ApiKeyCreateRequest): Promise<CreatedApiKey> {
    return this.keys.create(ADMIN_USER, req);
  }

  /** Revokes a key the daemon created for itself: false when there is no such key or it was revoked already. */
  async revokeDaemonApiKey(id: string): Promise<boolean> {
    return this.keys.revoke(id);
  }

  // ---- answers ----

  /** The JSON body of a new session: the one place a session token is revealed. */
  sessionResponse(s: IssuedSession): SessionResponse {
    return { token: s.token.reveal(), user: s.session.user, scopes: principal(s.session.user, s.session.scope, s.session.via, s.session.id).scopes, via: s.session.via, expiresAt: isoTime(s.session.expiresAt) };
  }

  /** Set-Cookie for a browser session (HttpOnly, SameSite=Strict, Secure over https). */
  sessionCookie(s: IssuedSession): string {
    return sessionCookie(s.token.reveal(), s.session.expiresAt - this.clock.now(), this.https);
  }

  clearedCookie(): string {
    return clearedSessionCookie(this.https);
  }

  /** Headers for every answer (CSP, nosniff, frame denial, no-referrer, no-store; HSTS over https). */
  securityHeaders(): Readonly<Record<string, string>> {
    return securityHeaders({ https: this.https });
  }

  private async principalOf(headers: RequestHeaders): Promise<Principal> {
    const { token, from } = presentedToken(headers);
    if (from === 'cookie') {
      const origin = headers.origin;
      if (origin !== undefined && (typeof origin !== 'string' || !this.cors.allows(origin))) {
        throw new AuthRefusedError(403, 'cross-origin', 'the session cookie is not accepted from this origin');
      }
    }
    if (token.startsWith(SESSION_TOKEN_PREFIX)) {
      const s = this.sessions.verify(token);
      return principal(s.user, s.scope, s.via, s.id);
    }
    if (token.startsWith(API_KEY_PREFIX) && from === 'bearer') {
      const k = await this.keys.verify(token);
      return principal(k.owner, k.scope, 'api-key', k.id);
    }
    throw unauthenticated('malformed-credentials', 'not a session token or an API key');
  }

  /**
   * Every login attempt takes a token up front and a success gives it back: counting failures only
   * after the (slow) check would let a burst of parallel guesses all pass the limit.
   */
  private beginAttempt(ip: string, user: string | undefined): void {
    const wait = this.failedIp.take(ip);
    if (wait !== undefined) throw new RateLimitedError('failed logins from this address', wait);
    const waitUser = user === undefined ? undefined : this.failedUser.take(user);
    if (waitUser !== undefined) {
      this.failedIp.refund(ip);
      throw new RateLimitedError(`failed logins for ${user}`, waitUser);
    }
  }

  private succeeded(ip: string, user: string | undefined): void {
    this.failedIp.reset(ip);
    if (user !== undefined) this.failedUser.refund(user);
  }
}

// The auth facade end to end on a real SQLite store: password and link logins, wallet sign-in, bearer and cookie, API keys, scopes, rate limits, and no secret anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { privateKeyToAccount } from 'viem/accounts';
import { ManualClock } from '../../core/manual-clock.js';
import { BadInputError } from '../../core/errors.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/ports.js';
import { AuthRefusedError, AuthService, RateLimitedError, hashPassword, requireScope, type AuthOutcome, type AuthServiceOptions, type Principal } from './index.js';

const PASSWORD = 'open sesame, slowly';
const IP = '203.0.113.7';
const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
let hashText: string | undefined;

interface Fixture {
  readonly auth: AuthService;
  readonly clock: ManualClock;
  readonly store: Store;
  readonly dir: string;
}

async function fixture(t: { after(fn: () => Promise<void> | void): void }, opts: Partial<AuthServiceOptions> & { password?: boolean } = {}): Promise<Fixture> {
  hashText ??= await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'sextant-auth-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = openSqliteStore(join(dir, 'sextant.db'), { clock });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const auth = new AuthService({
    clock,
    dataDir: dir,
    apiKeys: store.apiKeys,
    adminPasswordHash: opts.password === false ? undefined : hashText,
    wallets: [{ address: ALICE.address, scope: 'trade' }],
    ...opts,
  });
  return { auth, clock, store, dir };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ok = (o: AuthOutcome): Principal => {
  if (!o.ok) throw o.error;
  return o.principal;
};
const refusal = (o: AuthOutcome) => {
  assert.equal(o.ok, false);
  return (o as { error: AuthRefusedError | RateLimitedError }).error;
};

test('password login gives an admin session usable by Bearer and by cookie; a refresh rotates it', async (t) => {
  const { auth, clock } = await fixture(t);
  assert.equal(auth.passwordConfigured, true);
  assert.equal(auth.firstStartLink(), undefined, 'no link when a password is set');
  const issued = await auth.loginWithPassword({ password: PASSWORD }, IP);
  const body = auth.sessionResponse(issued);
  assert.deepEqual({ ...body, token: '…' }, { token: '…', user: 'admin', scopes: ['read', 'trade', 'admin'], via: 'password', expiresAt: '2026-01-01T12:00:00.000Z' });
  assert.equal(auth.sessionCookie(issued), `sextant_session=${body.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200`);
  const p = ok(await auth.authenticate(bearer(body.token), IP));
  assert.deepEqual({ user: p.user, scopes: p.scopes, via: p.via }, { user: 'admin', scopes: ['read', 'trade', 'admin'], via: 'password' });
  ok(await auth.authenticate({ cookie: `theme=dark; sextant_session=${body.token}` }, IP));
  ok(await auth.authenticate({ cookie: `sextant_session=${body.token}`, origin: 'http://127.0.0.1:8080' }, IP));

  clock.advance(3600_000);
  const next = auth.sessionResponse(auth.refresh(bearer(body.token)));
  assert.notEqual(next.token, body.token);
  assert.equal(next.expiresAt, '2026-01-01T13:00:00.000Z');
  assert.equal((refusal(await auth.authenticate(bearer(body.token), IP)) as AuthRefusedError).reason, 'used-token');
  auth.logout({ cookie: `sextant_session=${next.token}` });
  assert.equal((refusal(await auth.authenticate(bearer(next.token), IP)) as AuthRefusedError).status, 401);
  assert.match(auth.clearedCookie(), /^sextant_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
});

test('a session expires after its TTL', async (t) => {
  const { auth, clock } = await fixture(t, { session: { ttlMs: 60_000 } });
  const token = (await auth.loginWithPassword({ password: PASSWORD }, IP)).token.reveal();
  clock.advance(60_000);
  const e = refusal(await auth.authenticate(bearer(token), IP)) as AuthRefusedError;
  assert.deepEqual([e.status, e.reason], [401, 'expired-token']);
});

test('five failed logins a minute per IP, then 429 with Retry-After, even for the right password', async (t) => {
  const { auth, clock } = await fixture(t);
  for (let i = 0; i < 5; i++) await assert.rejects(auth.loginWithPassword({ password: 'guess ' + i }, IP), (e: unknown) => e instanceof AuthRefusedError && e.reason === 'bad-password' && e.status === 401);
  await assert.rejects(auth.loginWithPassword({ password: PASSWORD }, IP), (e: unknown) => e instanceof RateLimitedError && e.status === 429 && e.retryAfterSeconds === 12);
  await auth.loginWithPassword({ password: PASSWORD }, '198.51.100.1');
  clock.advance(12_000);
  await auth.loginWithPassword({ password: PASSWORD }, IP);
});

test('parallel guesses cannot outrun the limit: of 20 at once, 5 are checked and 15 get 429', async (t) => {
  const { auth } = await fixture(t);
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => auth.loginWithPassword({ password: `guess number ${i}` }, IP)));
  const reasons = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as AuthRefusedError | RateLimitedError).reason : 'ok'));
  assert.equal(reasons.filter((r) => r === 'bad-password').length, 5);
  assert.equal(reasons.filter((r) => r === 'rate-limited').length, 15);
});

test('with no password: a one-time link logs in once; the password login says why not', async (t) => {
  const { auth } = await fixture(t, { password: false });
  const url = auth.firstStartLink()?.reveal() as string;
  assert.match(url, /^http:\/\/127\.0\.0\.1:8080\/\?token=sxl_[A-Za-z0-9_-]{43}$/);
  const token = new URL(url).searchParams.get('token') as string;
  const s = auth.sessionResponse(await auth.loginWithLink({ token }, IP));
  assert.deepEqual([s.user, s.via], ['admin', 'login-link']);
  await assert.rejects(auth.loginWithLink({ token }, IP), (e: unknown) => e instanceof AuthRefusedError && e.reason === 'used-token');
  await assert.rejects(auth.loginWithPassword({ password: PASSWORD }, IP), (e: unknown) => e instanceof AuthRefusedError && e.reason === 'password-not-configured');
});

test('API keys: shown once, listed without secrets, scoped (403 above scope), revocable (401)', async (t) => {
  const { auth, clock, store } = await fixture(t);
  const admin = ok(await auth.authenticate(bearer((await auth.loginWithPassword({ password: PASSWORD }, IP)).token.reveal()), IP));
  const created = await auth.createApiKey(admin, { name: 'grafana reader', scope: 'read' });
  const key = created.key.reveal();
  assert.match(key, /^sxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(created.view, { id: created.view.id, name: 'grafana reader', scope: 'read', owner: 'admin', createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null });
  const stored = JSON.stringify(await store.apiKeys.listApiKeys());
  assert.ok(!stored.includes(key.slice(22)), 'only the hash is stored');

  const p = ok(await auth.authenticate(bearer(key), IP));
  assert.deepEqual({ user: p.user, scopes: p.scopes, via: p.via, credentialId: p.credentialId }, { user: 'admin', scopes: ['read'], via: 'api-key', credentialId: created.view.id });
  requireScope(p, 'read');
  assert.throws(() => requireScope(p, 'trade'), (e: unknown) => e instanceof AuthRefusedError && e.status === 403 && e.reason === 'insufficient-scope' && /needs the trade scope; this API key has read/.test(e.message));
  await assert.rejects(auth.createApiKey(p, { name: 'escalate', scope: 'admin' }), (e: unknown) => e instanceof AuthRefusedError && e.status === 403);

  const listed = await auth.listApiKeys(admin);
  assert.equal(listed.length, 1);
  assert.equal(listed[0].lastUsedAt, '2026-01-01T00:00:00.000Z');
  assert.ok(!JSON.stringify(listed).includes(key.slice(22)));

  clock.advance(1000);
  assert.equal(await auth.revokeApiKey(admin, created.view.id), true);
  const e = refusal(await auth.authenticate(bearer(key), IP)) as AuthRefusedError;
  assert.deepEqual([e.status, e.reason], [401, 'revoked-key']);
  assert.equal((await auth.listApiKeys(admin))[0].revokedAt, '2026-01-01T00:00:01.000Z');
  // An API key is a Bearer credential only: never accepted from a cookie.
  const c = refusal(await auth.authenticate({ cookie: `sextant_session=${key}` }, IP)) as AuthRefusedError;
  assert.equal(c.reason, 'malformed-credentials');
});

test('wallet sign-in through the facade gives a session of the wallet with its scope', async (t) => {
  const { auth } = await fixture(t);
  const c = auth.walletChallenge({ address: ALICE.address }, IP);
  const s = auth.sessionResponse(await auth.loginWithWallet({ message: c.message, signature: await ALICE.signMessage({ message: c.message }) }, IP));
  assert.deepEqual([s.user, s.scopes, s.via], [ALICE.address, ['read', 'trade'], 'wallet']);
  const p = ok(await auth.authenticate(bearer(s.token), IP));
  assert.throws(() => requireScope(p, 'admin'), (e: unknown) => e instanceof AuthRefusedError && e.status === 403);
});

test('401 for missing or malformed credentials, 403 for a cookie sent from a foreign origin', async (t) => {
  const { auth } = await fixture(t, { allowedOrigins: ['http://localhost:5173'] });
  const token = (await auth.loginWithPassword({ password: PASSWORD }, IP)).token.reveal();
  const reasons = async (h: Record<string, string | string[]>) => {
    const e = refusal(await auth.authenticate(h, IP)) as AuthRefusedError;
    return `${e.status} ${e.reason}`;
  };
  assert.equal(await reasons({}), '401 missing-credentials');
  assert.equal(await reasons({ authorization: `Basic ${token}` }), '401 malformed-credentials');
  assert.equal(await reasons({ authorization: 'Bearer nope' }), '401 malformed-credentials');
  assert.equal(await reasons({ authorization: 'Bearer sxs_nope' }), '401 unknown-token');
  assert.equal(await reasons({ cookie: `sextant_session=${token}; sextant_session=sxs_other` }), '401 malformed-credentials');
  assert.equal(await reasons({ cookie: `sextant_session=${token}`, origin: 'https://evil.example' }), '403 cross-origin');
  ok(await auth.authenticate({ cookie: `sextant_session=${token}`, origin: 'http://localhost:5173' }, IP));
  ok(await auth.authenticate({ ...bearer(token), origin: 'https://evil.example' }, IP)); // a Bearer token is not ambient: no CSRF
  assert.deepEqual(auth.cors.check('http://localhost:5173', false).headers, { 'Access-Control-Allow-Origin': 'http://localhost:5173', 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' });
  assert.throws(() => auth.cors.check('https://evil.example', true), (e: unknown) => e instanceof AuthRefusedError && e.reason === 'cross-origin');
  assert.deepEqual(auth.cors.check(undefined, false).headers, {});
  const h = auth.securityHeaders();
  assert.equal(h['X-Frame-Options'], 'DENY');
  assert.equal(h['Referrer-Policy'], 'no-referrer');
  assert.equal(h['Strict-Transport-Security'], undefined, 'no HSTS over plain http');
});

test('bad credentials are rate limited per IP; authenticated requests per user', async (t) => {
  const { auth, clock } = await fixture(t, { limits: { badCredentialsPerIp: { capacity: 3, perSecond: 0.05 }, requestsPerUser: { capacity: 2, perSecond: 1 } } });
  for (let i = 0; i < 3; i++) assert.equal((refusal(await auth.authenticate(bearer('sxs_bad'), IP)) as AuthRefusedError).status, 401);
  const limited = refusal(await auth.authenticate(bearer('sxs_bad'), IP)) as RateLimitedError;
  assert.deepEqual([limited.status, limited.retryAfterSeconds], [429, 20]);
  assert.deepEqual(limited.body(), { error: 'too many requests with bad credentials from this address; retry in 20 s', reason: 'rate-limited', retryAfterSeconds: 20 });
  const token = (await auth.loginWithPassword({ password: PASSWORD }, IP)).token.reveal();
  ok(await auth.authenticate(bearer(token), '198.51.100.1'));
  ok(await auth.authenticate(bearer(token), '198.51.100.2'));
  const busy = refusal(await auth.authenticate(bearer(token), '198.51.100.3')) as RateLimitedError;
  assert.deepEqual([busy.status, busy.retryAfterSeconds], [429, 1]);
  clock.advance(1000);
  ok(await auth.authenticate(bearer(token), '198.51.100.3'));
});

test('no secret in any error, principal, session or key object: message, String, JSON, inspect', async (t) => {
  const { auth } = await fixture(t);
  const secrets: string[] = [PASSWORD];
  const shown: unknown[] = [];
  const issued = await auth.loginWithPassword({ password: PASSWORD }, IP);
  secrets.push(issued.token.reveal());
  shown.push(issued, issued.session, issued.token);
  const admin = ok(await auth.authenticate(bearer(issued.token.reveal()), IP));
  shown.push(admin);
  const key = await auth.createApiKey(admin, { name: 'k', scope: 'trade' });
  secrets.push(key.key.reveal());
  shown.push(key, key.view, await auth.listApiKeys(admin));
  const attempts: (() => Promise<unknown>)[] = [
    () => auth.loginWithPassword({ password: PASSWORD + '!' }, IP),
    () => auth.authenticate(bearer(issued.token.reveal() + 'x'), IP).then((o) => Promise.reject(refusal(o))),
    () => auth.authenticate(bearer(key.key.reveal().slice(0, -1) + 'A'), IP).then((o) => Promise.reject(refusal(o))),
    () => auth.authenticate({ authorization: `Token ${issued.token.reveal()}` }, IP).then((o) => Promise.reject(refusal(o))),
    () => auth.loginWithLink({ token: issued.token.reveal() }, IP),
  ];
  for (const f of attempts) {
    try {
      await f();
      assert.fail('expected a refusal');
    } catch (e) {
      assert.ok(e instanceof AuthRefusedError || e instanceof RateLimitedError, String(e));
      shown.push(e, e.message, e.body());
    }
  }
  secrets.push(PASSWORD + '!');
  for (const x of shown) {
    for (const text of [String(x), JSON.stringify(x) ?? '', inspect(x, { depth: 6 })]) {
      for (const s of secrets) assert.ok(!text.includes(s) && !text.includes(s.slice(4, 24)), `a secret leaked into ${text.slice(0, 200)}`);
    }
  }
});

test('a malformed SEXTANT_ADMIN_PASSWORD_HASH stops the start, naming the variable and not its text', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-auth-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(join(dir, 'sextant.db'), { clock: new ManualClock(0) });
  t.after(() => store.close());
  const env = { SEXTANT_ADMIN_PASSWORD_HASH: 'hunter2-plaintext' };
  assert.throws(
    () => AuthService.fromEnv(env, { clock: new ManualClock(0), dataDir: dir, apiKeys: store.apiKeys }),
    (e: unknown) => e instanceof BadInputError && e.where === 'SEXTANT_ADMIN_PASSWORD_HASH' && !e.message.includes('hunter2'),
  );
  assert.equal(AuthService.fromEnv({}, { clock: new ManualClock(0), dataDir: dir, apiKeys: store.apiKeys }).passwordConfigured, false);
  assert.throws(() => new AuthService({ clock: new ManualClock(0), dataDir: dir, apiKeys: store.apiKeys, origin: 'http://127.0.0.1:8080/app' }), /auth\.origin: not an origin/);
});

// The daemon's API and /ws behind auth, against a real paper daemon on 127.0.0.1: 401 without credentials, the login link, scopes on kill/resume, CORS, `sextant status`'s token, public and private WS channels, no secret in the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { RejectedError } from '../../core/errors.js';
import { LiveClock } from '../../core/live-clock.js';
import { readSextantConfig } from '../../config/read-config.js';
import { createLogger } from '../../live/telemetry/logger.js';
import { openStore } from '../../store/open-store.js';
import { readDaemonSnapshot } from '../status-root.js';
import { startDaemon } from './daemon-root.js';
import { readStatusToken, STATUS_TOKEN_FILE } from './status-token.js';
import { openWsTestClient } from '../../testkit/ws-test-client.js';

const BOT = { bots: [{ id: 'sma', strategy: 'sma-cross', symbols: ['BTC'], interval: '1s', params: { fast: 2, slow: 5, size: 0.01 }, capital: { usd: 5000 } }] };

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(url, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  const text = await r.text();
  return { status: r.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: r.headers };
}

test('the API needs a session or an API key with the route’s scope; kill and resume go through the daemon’s kill path', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-api-auth-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const clock = new LiveClock();
  const read = readSextantConfig(BOT);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter((l) => l !== ''));
      done();
    },
  });
  const d = await startDaemon({ mode: 'paper', config: read.config, dataDir: dir, cwd: dir, port: 0, market: 'sim', env: {}, clock, log: createLogger({ clock, destination: sink, level: 'debug' }), say: () => {} });
  let stopped = false;
  t.after(() => (stopped ? undefined : d.stop('test over')));
  const secrets: string[] = [];

  // No credentials: a 401 naming what to do; the probes and the API document stay open.
  const anon = await call(`${d.url}/api/positions`);
  assert.equal(anon.status, 401);
  assert.deepEqual(anon.body, { error: 'log in first: no Authorization header and no session cookie', path: '/api/positions', reason: 'missing-credentials' });
  assert.equal((await call(`${d.url}/health`)).status, 200);
  const doc = await call(`${d.url}/api/openapi.json`);
  assert.equal(doc.status, 200);
  const paths = doc.body.paths as Record<string, Record<string, { 'x-scope'?: string; requestBody?: unknown }>>;
  assert.equal(paths['/api/risk/kill'].post['x-scope'], 'trade');
  assert.ok(paths['/api/risk/kill'].post.requestBody !== undefined);
  assert.equal((await call(`${d.url}/api/positions`, { token: 'sxs_not-a-real-token' })).body.reason, 'unknown-token');

  // The one-time link (no password configured) gives an admin session, once.
  assert.match(d.loginLink ?? '', /^http:\/\/127\.0\.0\.1:\d+\/\?token=sxl_/);
  const linkToken = new URL(d.loginLink as string).searchParams.get('token') as string;
  secrets.push(linkToken);
  const login = await call(`${d.url}/api/auth/link`, { method: 'POST', body: { token: linkToken } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.match(login.headers.get('set-cookie') ?? '', /^sextant_session=sxs_.*HttpOnly; SameSite=Strict/);
  const admin = login.body.token as string;
  secrets.push(admin);
  assert.deepEqual([login.body.user, login.body.scopes, login.body.via], ['admin', ['read', 'trade', 'admin'], 'login-link']);
  assert.equal((await call(`${d.url}/api/auth/link`, { method: 'POST', body: { token: linkToken } })).status, 401, 'the link works once');
  assert.equal((await call(`${d.url}/api/positions`, { token: admin })).status, 200);
  assert.deepEqual((await call(`${d.url}/api/auth/me`, { token: admin })).body, { user: 'admin', scopes: ['read', 'trade', 'admin'], via: 'login-link' });

  // API keys: a read key reads and cannot kill; a trade key can, and the daemon obeys.
  const mk = async (scope: string): Promise<string> => {
    const r = await call(`${d.url}/api/auth/keys`, { method: 'POST', token: admin, body: { name: `test ${scope}`, scope } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    secrets.push(r.body.key as string);
    return r.body.key as string;
  };
  const readKey = await mk('read');
  const tradeKey = await mk('trade');

  // /ws on the same port: anonymous connections get public channels and an error frame for private ones.
  const wsUrl = `${d.url.replace(/^http/, 'ws')}/ws`;
  const anonWs = await openWsTestClient(wsUrl);
  t.after(() => anonWs.close());
  anonWs.send({ type: 'subscribe', channels: ['prices', 'trades'], symbols: ['BTC'] });
  anonWs.send({ type: 'subscribe', channels: ['orders'] });
  await anonWs.waitFor('an unauthorized error frame', (m) => m.type === 'error' && m.code === 'unauthorized');
  await anonWs.waitFor('a BTC price update', (m) => m.type === 'update' && m.channel === 'prices' && m.symbol === 'BTC' && typeof (m.data as { price?: unknown }).price === 'number');
  await assert.rejects(openWsTestClient(wsUrl, { authorization: 'Bearer sxs_forged' }), /unexpected 401/);
  // An authenticated connection: its orders, fills and risk.
  const userWs = await openWsTestClient(wsUrl, { authorization: `Bearer ${admin}` });
  t.after(() => userWs.close());
  userWs.send({ type: 'subscribe', channels: ['orders', 'fills', 'risk'] });
  await userWs.waitFor('the risk snapshot', (m) => m.type === 'snapshot' && m.channel === 'risk');
  assert.equal((await call(`${d.url}/api/risk`, { token: readKey })).status, 200);
  const denied = await call(`${d.url}/api/risk/kill`, { method: 'POST', token: readKey, body: { level: 'halt_all', reason: 'test' } });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.reason, 'insufficient-scope');
  assert.equal((await call(`${d.url}/api/auth/keys`, { token: tradeKey })).status, 403, 'listing keys is admin only');
  assert.equal((await call(`${d.url}/api/risk/kill`, { method: 'POST', body: { level: 'halt_all', reason: 'x' } })).status, 401);
  const bad = await call(`${d.url}/api/risk/kill`, { method: 'POST', token: tradeKey, body: { level: 'panic', reason: 'x' } });
  assert.equal(bad.status, 400);
  assert.equal(d.killLevel(), 'off');

  const killed = await call(`${d.url}/api/risk/kill`, { method: 'POST', token: tradeKey, body: { level: 'halt_all', reason: 'drill' } });
  assert.equal(killed.status, 200, JSON.stringify(killed.body));
  assert.equal(killed.body.killLevel, 'halt_all');
  assert.match(String(killed.body.killReason), /drill \(by admin via api-key\)/);
  assert.equal(d.killLevel(), 'halt_all');
  await userWs.waitFor('the kill level on the risk channel', (m) => m.type === 'update' && m.channel === 'risk' && (m.data as { killLevel?: string }).killLevel === 'halt_all');
  assert.equal((await call(`${d.url}/api/risk`, { token: readKey })).body.killLevel, 'halt_all');
  const resumed = await call(`${d.url}/api/risk/resume`, { method: 'POST', token: admin, body: { reason: 'drill over' } });
  assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
  assert.equal(d.killLevel(), 'off');

  // CORS: only the daemon's own origin; a page elsewhere is refused, and gets no CORS headers.
  const foreign = await call(`${d.url}/api/positions`, { token: admin, headers: { origin: 'http://evil.example' } });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.body.reason, 'cross-origin');
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  const preflight = await fetch(`${d.url}/api/risk/kill`, { method: 'OPTIONS', headers: { origin: d.url, 'access-control-request-method': 'POST' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), d.url);
  assert.equal(foreign.headers.get('x-frame-options'), 'DENY');
  assert.equal(foreign.headers.get('cross-origin-opener-policy'), 'same-origin');

  // `sextant status` reads with the read-scope key the daemon wrote (0600) to its data dir.
  assert.equal(statSync(join(dir, STATUS_TOKEN_FILE)).mode & 0o777, 0o600);
  const statusKey = readStatusToken(dir) as string;
  secrets.push(statusKey);
  const snap = await readDaemonSnapshot(d.url, statusKey);
  assert.equal(snap.risk.killLevel, 'off');
  await assert.rejects(readDaemonSnapshot(d.url), (e: unknown) => e instanceof RejectedError && /answered 401 .*no token: .*--data-dir/.test(e.message));

  // The bot trades: the authenticated client gets the order transitions and the fills; the anonymous one none of them.
  await userWs.waitFor('an order update', (m) => m.type === 'update' && m.channel === 'orders', 90_000);
  await userWs.waitFor('a fill update', (m) => m.type === 'update' && m.channel === 'fills', 90_000);
  assert.equal(anonWs.messages.some((m) => m.channel === 'orders' || m.channel === 'fills'), false);

  stopped = true;
  await d.stop('test over');
  // The status key is revoked at stop; the kill and the resume are in the audit trail with source api.
  const store = openStore(join(dir, 'sextant.db'), { clock });
  try {
    const keys = await store.apiKeys.listApiKeys();
    assert.ok(keys.some((k) => k.name === 'sextant status (local)' && k.revokedAt !== null));
    const kills = (await store.audit.readAudit()).filter((a) => a.kind === 'kill').map((a) => (typeof a.data === 'string' ? JSON.parse(a.data) : a.data) as { to: string; source: string });
    assert.deepEqual(
      kills.filter((k) => k.source === 'api').map((k) => k.to),
      ['halt_all', 'off'],
    );
  } finally {
    await store.close();
  }
  // No token or secret in any log line.
  const log = lines.join('\n');
  for (const s of secrets) assert.equal(log.includes(s), false, 'a secret reached the log');
  assert.ok(lines.some((l) => l.includes('"event":"kill"') && l.includes('"source":"api"')));
});

// The ops server with auth, on 127.0.0.1 with a real SQLite key store: password login, cookie sessions, scope refusals, 429 with Retry-After, and bad bodies answered 4xx, never 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../core/manual-clock.js';
import { createDaemonMetrics } from '../live/telemetry/metrics.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { fakeOpsProjection, fakeOpsState } from '../testkit/fake-ops-projection.js';
import { AuthService, hashPassword } from './auth/index.js';
import { startOpsServer } from './ops-server.js';

const PASSWORD = 'correct horse battery';

async function started(t: { after(fn: () => Promise<void> | void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-ops-auth-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = openSqliteStore(join(dir, 'sextant.db'), { clock });
  const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  const state = fakeOpsState();
  const kills: string[] = [];
  const server = await startOpsServer({
    projection: fakeOpsProjection(state),
    metrics: createDaemonMetrics(),
    port: 0,
    auth: (origin) => new AuthService({ clock, dataDir: dir, apiKeys: store.apiKeys, adminPasswordHash: hash, origin }),
    control: {
      kill: (level, reason, by) => (kills.push(`${level} ${reason} ${by.user}`), state.risk),
      resume: (reason) => (kills.push(`resume ${reason}`), state.risk),
    },
  });
  t.after(async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> => {
    const r = await fetch(server.url + path, init);
    const text = await r.text();
    return { status: r.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: r.headers };
  };
  return { server, call, kills };
}

const json = (body: unknown, extra: Record<string, string> = {}): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });

test('password login: the session works as Bearer and as the cookie; the first start link is not offered', async (t) => {
  const { call } = await started(t);
  const login = await call('/api/auth/login', json({ password: PASSWORD }));
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const token = login.body.token as string;
  assert.equal((await call('/api/orders', { headers: { authorization: `Bearer ${token}` } })).status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  assert.equal((await call('/api/orders', { headers: { cookie } })).status, 200);
  const out = await call('/api/auth/logout', { method: 'POST', headers: { cookie } });
  assert.equal(out.status, 200);
  assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
  assert.equal((await call('/api/orders', { headers: { cookie } })).status, 401, 'a logged-out session is gone');
});

test('kill needs trade scope; bad bodies are 400/413 with a message, never 500; failed logins end in 429 with Retry-After', async (t) => {
  const { call, kills } = await started(t);
  const admin = (await call('/api/auth/login', json({ password: PASSWORD }))).body.token as string;
  const auth = { authorization: `Bearer ${admin}` };
  const key = await call('/api/auth/keys', json({ name: 'reader', scope: 'read' }, auth));
  assert.equal(key.status, 201);
  const reader = { authorization: `Bearer ${key.body.key as string}` };
  assert.equal((await call('/api/risk/kill', json({ level: 'hard', reason: 'x' }, reader))).body.reason, 'insufficient-scope');

  assert.equal((await call('/api/risk/kill', json({ level: 'hard', reason: 'drill' }, auth))).status, 200);
  assert.deepEqual(kills, ['hard drill admin']);
  for (const [init, status] of [
    [json({ level: 'hard' }, auth), 400],
    [json({ level: 'hard', reason: 'a\u001b[31m' }, auth), 400],
    [json({ level: 'hard', reason: 'x', extra: 1 }, auth), 400],
    [json('not an object', auth), 400],
    [{ method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"level":' }, 400],
    [{ method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: 'hard' }, 400],
    [json({ level: 'hard', reason: 'x'.repeat(10_000) }, auth), 413],
  ] as const) {
    const r = await call('/api/risk/kill', init);
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.equal(typeof r.body.error, 'string');
  }
  assert.equal(kills.length, 1, 'no refused request reached the kill path');

  let last = { status: 0, body: {} as Record<string, unknown>, headers: new Headers() };
  for (let i = 0; i < 6; i++) last = await call('/api/auth/login', json({ password: 'wrong password' }));
  assert.equal(last.status, 429);
  assert.equal(last.body.reason, 'rate-limited');
  assert.ok(Number(last.headers.get('retry-after')) >= 1);
});

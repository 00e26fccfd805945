// The ops server over real HTTP on 127.0.0.1, in front of a fake projection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDaemonMetrics } from '../live/telemetry/metrics.js';
import { fakeOpsProjection, fakeOpsState } from '../testkit/fake-ops-projection.js';
import { connect, type Socket } from 'node:net';
import { startOpsServer, type OpsServerOptions } from './ops-server.js';

async function started(t: { after(fn: () => Promise<void>): void }, limits: Partial<OpsServerOptions> = {}) {
  const state = fakeOpsState();
  const metrics = createDaemonMetrics();
  const errors: string[] = [];
  const server = await startOpsServer({ ...limits, projection: fakeOpsProjection(state), metrics, port: 0, onError: (path, e) => void errors.push(`${path}: ${(e as Error).message}`) });
  t.after(() => server.close());
  const get = async (path: string, init?: RequestInit) => {
    const r = await fetch(server.url + path, init);
    return { status: r.status, type: r.headers.get('content-type'), allow: r.headers.get('allow'), text: await r.text() };
  };
  return { state, metrics, server, errors, get };
}

test('binds 127.0.0.1 and serves health, readiness and every read endpoint as JSON', async (t) => {
  const { state, server, get } = await started(t);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.deepEqual(JSON.parse((await get('/health')).text), { status: 'ok' });
  const ready = await get('/ready');
  assert.equal(ready.status, 200);
  assert.equal(ready.type, 'application/json; charset=utf-8');
  assert.deepEqual(JSON.parse(ready.text), state.readiness);
  const status = await get('/api/status');
  assert.deepEqual(JSON.parse(status.text), { ...state.status, readiness: state.readiness });
  assert.deepEqual(JSON.parse((await get('/api/bots')).text), state.bots);
  assert.deepEqual(JSON.parse((await get('/api/positions')).text), state.positions);
  assert.deepEqual(JSON.parse((await get('/api/orders')).text), state.orders);
  assert.deepEqual(JSON.parse((await get('/api/fills')).text), state.fills);
  assert.deepEqual(JSON.parse((await get('/api/fills?limit=1')).text), state.fills.slice(0, 1));
  assert.deepEqual(JSON.parse((await get('/api/risk')).text), state.risk);
});

test('/ready answers 503 with the reasons while the daemon is not reconciled or its data is stale', async (t) => {
  const { state, get } = await started(t);
  state.readiness = { ready: false, reconciled: false, marketDataFresh: true, reasons: ['reconciliation found 1 unexplained position difference (BTC)'] };
  const r = await get('/ready');
  assert.equal(r.status, 503);
  assert.deepEqual(JSON.parse(r.text), state.readiness);
  assert.equal((await get('/health')).status, 200, 'alive all the same');
});

test('/metrics is the daemon registry in the Prometheus text format', async (t) => {
  const { metrics, get } = await started(t);
  metrics.riskBlocks.inc({ rule: 'max_open_positions' });
  const r = await get('/metrics');
  assert.equal(r.status, 200);
  assert.match(r.type ?? '', /^text\/plain; version=0\.0\.4/);
  assert.match(r.text, /^sextant_risk_blocks_total\{rule="max_open_positions"\} 1$/m);
});

test('unknown paths are 404, other methods 405, a bad limit 400, a broken projection 500: all JSON', async (t) => {
  const { state, errors, get } = await started(t);
  const missing = await get('/api/nope');
  assert.equal(missing.status, 404);
  assert.equal(missing.type, 'application/json; charset=utf-8');
  assert.equal(JSON.parse(missing.text).path, '/api/nope');
  assert.match(JSON.parse(missing.text).error, /^no such endpoint \(\/health, \/ready, \/metrics, \/api\/status/);
  const post = await get('/api/status', { method: 'POST', body: '{}' });
  assert.equal(post.status, 405);
  assert.equal(post.allow, 'GET, HEAD');
  assert.deepEqual(JSON.parse(post.text), { error: 'method POST not allowed (GET only)', path: '/api/status' });
  for (const bad of ['0', '-1', 'ten', '1.5', '10001']) {
    const r = await get(`/api/fills?limit=${bad}`);
    assert.equal(r.status, 400, bad);
    assert.match(JSON.parse(r.text).error, new RegExp(`limit=${bad.replace('.', '\\.')}: expected a whole number from 1 to 10000`));
  }
  state.failure = new Error('ledger closed');
  const broken = await get('/api/positions');
  assert.equal(broken.status, 500);
  assert.deepEqual(JSON.parse(broken.text), { error: 'the daemon could not answer: ledger closed', path: '/api/positions' });
  assert.deepEqual(errors, ['/api/positions: ledger closed']);
  assert.equal((await get('/health')).status, 200);
});

/** A raw TCP client: what it sends is up to the test; `ended` resolves with all it received once the server closes. */
function rawClient(url: string): { socket: Socket; received: () => string; ended: Promise<string> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let got = '';
  socket.on('data', (d: Buffer) => (got += d.toString()));
  const ended = new Promise<string>((resolve) => {
    socket.on('error', () => {}); // a reset is an end too
    socket.on('close', () => resolve(got));
  });
  return { socket, received: () => got, ended };
}

test('a request target that is no URL at all (//[, http://[) is a 400 JSON answer, not a reset connection nor a daemon error', async (t) => {
  const { server, errors } = await started(t);
  for (const target of ['//[', 'http://[']) {
    const c = rawClient(server.url);
    c.socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const text = await c.ended;
    assert.match(text, /^HTTP\/1\.1 400 /, target);
    assert.ok(text.includes(`\r\n${JSON.stringify({ error: 'the request target is not a valid URL path', path: target })}\n`), text);
  }
  assert.deepEqual(errors, [], 'bad input is not a daemon error');
});

test('a client sending its headers a byte at a time (slowloris) is cut off with 408 once the request timeout passes', async (t) => {
  const { server } = await started(t, { requestTimeoutMs: 300 });
  const c = rawClient(server.url);
  const request = `GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(600)}\r\n\r\n`;
  let sent = 0;
  const drip = setInterval(() => {
    if (c.socket.destroyed || sent >= request.length) return clearInterval(drip);
    c.socket.write(request[sent++]);
  }, 20);
  t.after(() => clearInterval(drip));
  const text = await c.ended;
  assert.ok(sent < request.length, `cut off before the client finished (${sent} of ${request.length} bytes sent)`);
  assert.match(text, /^HTTP\/1\.1 408 /);
});

test('connections beyond the cap are dropped on accept; once one closes, requests are served again', async (t) => {
  const { server, get } = await started(t, { maxConnections: 3 });
  const held = Array.from({ length: 3 }, () => rawClient(server.url));
  // Each held connection completes one keep-alive request, so the server has surely accepted it.
  for (const c of held) {
    c.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise<void>((resolve) => c.socket.once('data', () => resolve()));
  }
  const extra = rawClient(server.url);
  extra.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(await extra.ended, '', 'dropped without an answer');
  held[0].socket.destroy();
  await held[0].ended;
  // The server notices the close on its own turn of the loop: retry until the freed slot is seen.
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i++) status = await get('/health').then((r) => r.status, () => 0);
  assert.equal(status, 200);
  held.forEach((c) => c.socket.destroy());
});

test('a client pipelining requests it never reads gets at most 100 answers on one connection, the last saying Connection: close', async (t) => {
  const { server } = await started(t);
  const c = rawClient(server.url);
  c.socket.write('GET /api/fills HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(150));
  // Every request is answered (200 or 503) before the server closes the idle connection: read until all 150 are.
  const text = await new Promise<string>((resolve) => {
    const check = (): void => void ((c.received().match(/^HTTP\/1\.1 /gm) ?? []).length === 150 && c.received().endsWith('\r\n\r\n') && resolve(c.received()));
    c.socket.on('data', check);
    void c.ended.then(resolve);
  });
  c.socket.destroy();
  const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d+) /gm)].map((m) => m[1]);
  assert.equal(statuses.filter((s) => s === '200').length, 100, `statuses: ${statuses.join(' ')}`);
  assert.ok(statuses.slice(100).every((s) => s === '503'), `beyond the cap: ${statuses.slice(100).join(' ')}`);
});

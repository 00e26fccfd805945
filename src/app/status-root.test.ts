// `sextant status`'s reading side against a real ops server (fake projection), a closed port and a server that is no daemon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadInputError, RejectedError, RetryableError } from '../core/errors.js';
import { createDaemonMetrics } from '../live/telemetry/metrics.js';
import { startOpsServer } from '../server/ops-server.js';
import { fakeOpsProjection, fakeOpsState } from '../testkit/fake-ops-projection.js';
import { daemonUrl, readDaemonSnapshot } from './status-root.js';

test('reads status, bots, positions, orders and risk from a running ops server', async (t) => {
  const state = fakeOpsState();
  const server = await startOpsServer({ projection: fakeOpsProjection(state), metrics: createDaemonMetrics(), port: 0 });
  t.after(() => server.close());
  const s = await readDaemonSnapshot(daemonUrl(server.url + '/'));
  assert.deepEqual(s, { status: { ...state.status, readiness: state.readiness }, bots: state.bots, positions: state.positions, orders: state.orders, risk: state.risk });
});

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

test('nothing listening: one clear retryable error naming the URL', async () => {
  const base = `http://127.0.0.1:${await closedPort()}`;
  await assert.rejects(readDaemonSnapshot(base), (e: unknown) => e instanceof RetryableError && e.message === `no daemon answering at ${base} (is sextant start running?)`);
});

test('a server that is no daemon, or a daemon answering an error, is a rejected read naming the endpoint', async (t) => {
  const s = createServer((req, res) => {
    if (req.url === '/api/status') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    else res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'ledger closed', path: req.url }));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => s.close(() => resolve())));
  const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await assert.rejects(readDaemonSnapshot(base), (e: unknown) => e instanceof RejectedError && /answered (200 with something other than JSON|500: ledger closed)/.test(e.message));
});

test('--url must be an http(s) base URL', () => {
  assert.equal(daemonUrl('http://127.0.0.1:9000/'), 'http://127.0.0.1:9000');
  for (const bad of ['127.0.0.1:8080', 'ftp://x', 'http://h:1/?a=1', 'not a url']) assert.throws(() => daemonUrl(bad), BadInputError, bad);
});

/** A server on 127.0.0.1 port 0 answering every request with `handler`; closed after the test. */
async function serve(t: { after(fn: () => unknown): void }, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  }));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

test('a server that sends the headers and then stalls the body: the timeout, as a retryable error naming the endpoint', async (t) => {
  const base = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
  });
  await assert.rejects(readDaemonSnapshot(base, undefined, 300), (e: unknown) => e instanceof RetryableError && /did not answer \/api\/\w+ within/.test(e.message));
});

test('JSON of another shape (an object for a list, null, a status without readiness) is a rejected read naming the endpoint, not a crash later', async (t) => {
  for (const body of ['{}', 'null', '[]', '{"readiness":null}']) {
    const base = await serve(t, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await assert.rejects(readDaemonSnapshot(base), (e: unknown) => e instanceof RejectedError && /\/api\/\w+ answered 200 with JSON that is not/.test(e.message), body);
  }
});

test('a URL fetch refuses before connecting (a blocked port such as 1) says why, not only "fetch failed"', async () => {
  await assert.rejects(readDaemonSnapshot('http://127.0.0.1:1'), (e: unknown) => e instanceof RetryableError && /cannot reach the daemon at http:\/\/127\.0\.0\.1:1: bad port/.test(e.message));
});

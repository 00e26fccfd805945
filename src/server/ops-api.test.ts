// The ops API's contract over real HTTP on 127.0.0.1: bodies valid against their schemas, the OpenAPI document, /docs, error bodies and headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { JsonSchema } from '../api/json-schema.js';
import { ERROR_BODY_SCHEMA } from '../api/ops-schemas.js';
import { createDaemonMetrics } from '../live/telemetry/metrics.js';
import { fakeOpsProjection, fakeOpsState } from '../testkit/fake-ops-projection.js';
import { schemaProblems } from '../testkit/json-schema-check.js';
import type { OpenApiDocument } from './openapi.js';
import { opsRoutes, startOpsServer, type OpsServerOptions } from './ops-server.js';

async function started(t: { after(fn: () => Promise<void>): void }, limits: Partial<OpsServerOptions> = {}) {
  const state = fakeOpsState();
  const metrics = createDaemonMetrics();
  const errors: string[] = [];
  const server = await startOpsServer({ ...limits, projection: fakeOpsProjection(state), metrics, port: 0, onError: (path, e) => void errors.push(`${path}: ${(e as Error).message}`) });
  t.after(() => server.close());
  const get = async (path: string, init?: RequestInit) => {
    const r = await fetch(server.url + path, init);
    return { status: r.status, headers: r.headers, type: r.headers.get('content-type'), text: await r.text() };
  };
  return { state, metrics, server, errors, get };
}

const routes = opsRoutes({ projection: fakeOpsProjection(fakeOpsState()), metrics: createDaemonMetrics() });

function assertValid(value: unknown, schema: JsonSchema, what: string): void {
  assert.deepEqual(schemaProblems(value, schema), [], what);
}

function assertErrorBody(text: string, path: string, message: RegExp): void {
  const body = JSON.parse(text);
  assertValid(body, ERROR_BODY_SCHEMA, text);
  assert.equal(body.path, path);
  assert.match(body.error, message);
}

test('every route answers a body valid against its documented schema and content type', async (t) => {
  const { state, get } = await started(t);
  assert.ok(routes.length >= 11);
  // The reads (the POST routes have their own tests against a daemon).
  for (const r of routes.filter((x) => x.method === 'GET')) {
    const res = await get(r.url);
    const doc = r.responses[res.status];
    assert.ok(doc !== undefined, `${r.url} answered ${res.status}, not documented`);
    assert.equal(res.type, doc.contentType ?? 'application/json; charset=utf-8', r.url);
    assertValid(doc.contentType === undefined ? JSON.parse(res.text) : res.text, doc.schema, r.url);
  }
  // The other documented status: /ready when not ready.
  state.readiness = { ready: false, reconciled: true, marketDataFresh: false, reasons: ['BTC trades stale for 12 s'] };
  const ready = await get('/ready');
  assert.equal(ready.status, 503);
  assertValid(JSON.parse(ready.text), routes.find((r) => r.url === '/ready')?.responses[503].schema ?? {}, '/ready 503');
  // Bodies keep every field of the views (serialization through the schema drops nothing).
  assert.deepEqual(JSON.parse((await get('/api/status')).text), { ...state.status, readiness: state.readiness });
  assert.deepEqual(JSON.parse((await get('/api/orders')).text), state.orders);
});

test('the OpenAPI document is OpenAPI 3 and lists every route with its parameters and response schemas', async (t) => {
  const { get } = await started(t);
  const res = await get('/api/openapi.json');
  assert.equal(res.status, 200);
  const doc = JSON.parse(res.text) as OpenApiDocument;
  assert.match(doc.openapi, /^3\.\d+\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.deepEqual(Object.keys(doc.paths).sort(), [...new Set(routes.map((r) => r.url))].sort());
  const ids = new Set<string>();
  for (const r of routes) {
    const op = doc.paths[r.url][r.method.toLowerCase()];
    assert.ok(op !== undefined, `${r.method} ${r.url}`);
    assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`);
    ids.add(op.operationId);
    assert.ok(op.summary.length > 0);
    for (const [code, spec] of Object.entries(r.responses)) {
      assert.deepEqual(op.responses[code].content[spec.contentType ?? 'application/json; charset=utf-8'].schema, JSON.parse(JSON.stringify(spec.schema)), `${r.url} ${code}`);
      assert.ok(op.responses[code].description.length > 0);
    }
    for (const code of ['4XX', '5XX']) assert.deepEqual(op.responses[code].content['application/json; charset=utf-8'].schema, { $ref: '#/components/schemas/ErrorBody' });
    for (const [code] of Object.entries(op.responses)) assert.match(code, /^([1-5]\d\d|[1-5]XX|default)$/);
  }
  assert.deepEqual(doc.components.schemas.ErrorBody, ERROR_BODY_SCHEMA);
  const fills = doc.paths['/api/fills'].get;
  assert.deepEqual(fills.parameters, [{ name: 'limit', in: 'query', required: false, description: 'How many of the most recent fills.', schema: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } }]);
  assert.ok('400' in fills.responses);
  assert.deepEqual(doc.paths['/api/status'].get.parameters, []);
});

test('/docs is a self-contained HTML page listing every endpoint, under a strict Content-Security-Policy', async (t) => {
  const { get } = await started(t);
  const res = await get('/docs');
  assert.equal(res.status, 200);
  assert.equal(res.type, 'text/html; charset=utf-8');
  assert.match(res.text, /^<!doctype html>/);
  for (const r of routes) assert.ok(res.text.includes(`<code>${r.url}</code>`), r.url);
  assert.ok(res.text.includes('<code>limit</code>'));
  assert.ok(!/<script|https?:\/\/(?!127)/i.test(res.text.replace(/<a href="\/api\/openapi\.json">/, '')), 'no script, nothing fetched from elsewhere');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'/);
  const style = /<style>([^<]*)<\/style>/.exec(res.text)?.[1] ?? '';
  const { createHash } = await import('node:crypto');
  assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the CSP allows exactly the page’s own style');
});

test('a bad query is a 400 naming the parameter and what it must be, never a 500', async (t) => {
  const { errors, get } = await started(t);
  const cases: [string, RegExp][] = [
    ['limit=0', /^limit=0: expected a whole number from 1 to 10000$/],
    ['limit=ten', /^limit=ten: expected a whole number from 1 to 10000$/],
    ['limit=1e3', /^limit=1e3: expected a whole number from 1 to 10000$/],
    ['limit=0x10', /^limit=0x10: expected a whole number/],
    ['limit=%205', /^limit= 5: expected a whole number/],
    ['limit=05', /^limit=05: expected a whole number/],
    ['limit=', /^limit=: expected a whole number/],
    ['limit=NaN', /^limit=NaN: expected a whole number/],
    ['limit=Infinity', /^limit=Infinity: expected a whole number/],
    ['limit=1&limit=2', /^limit=1,2: expected a whole number/],
    ['limt=5', /^unknown query parameter limt \(expected limit\)$/],
  ];
  for (const [q, message] of cases) {
    const r = await get(`/api/fills?${q}`);
    assert.equal(r.status, 400, q);
    assertErrorBody(r.text, '/api/fills', message);
  }
  assert.equal(JSON.parse((await get('/api/fills?limit=2')).text).length, 2);
  const extra = await get('/api/status?verbose=1');
  assert.equal(extra.status, 400);
  assertErrorBody(extra.text, '/api/status', /^unknown query parameter verbose \(this endpoint takes none\)$/);
  assert.deepEqual(errors, []);
});

test('unknown paths 404, other methods 405 with Allow, HEAD answers headers only', async (t) => {
  const { errors, get } = await started(t);
  for (const path of ['/api/nope', '/api', '/API/STATUS', '/api/status/x', '/api/%zz']) {
    const r = await get(path);
    assert.ok(r.status === 404 || r.status === 400, `${path}: ${r.status}`);
    assertErrorBody(r.text, path, /./);
  }
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const r = await get('/api/fills', { method });
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
    assertErrorBody(r.text, '/api/fills', new RegExp(`^method ${method} not allowed \\(GET only\\)$`));
  }
  // Decided before any body is parsed: what a refused request carries does not matter.
  const junk = await get('/api/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
  assert.equal(junk.status, 405);
  assert.equal((await get('/api/nope', { method: 'POST', headers: { 'content-type': 'application/x-nope' }, body: 'x' })).status, 404);
  const head = await get('/api/positions', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
  assert.equal(head.type, 'application/json; charset=utf-8');
  assert.deepEqual(errors, []);
});

/** Sends a request with a body of `size` bytes (declared or chunked) and reads the answer. */
function sendBody(url: string, method: string, size: number, chunked: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': size }) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1024, 0x20);
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

test('a request body over the limit is a 413 before it is read', async (t) => {
  const { server, errors } = await started(t, { bodyLimit: 1024 });
  for (const method of ['POST', 'GET']) {
    const r = await sendBody(`${server.url}/api/status`, method, 64 * 1024, false);
    assert.equal(r.status, 413, method);
    assertErrorBody(r.text, '/api/status', /^the request body is 65536 bytes; at most 1024 are accepted$/);
  }
  // No length declared: a path without a route is refused before the body is read (a body-taking route counts it: 413).
  const chunked = await sendBody(`${server.url}/api/status`, 'POST', 64 * 1024, true);
  assert.equal(chunked.status, 405);
  assertErrorBody(chunked.text, '/api/status', /^method POST not allowed/);
  assert.deepEqual(errors, []);
});

test('security headers and no-store on answers, errors and refusals alike', async (t) => {
  const { state, get } = await started(t);
  const expectHeaders = (h: Headers, what: string): void => {
    assert.equal(h.get('x-content-type-options'), 'nosniff', what);
    assert.equal(h.get('referrer-policy'), 'no-referrer', what);
    assert.equal(h.get('x-frame-options'), 'DENY', what);
    assert.equal(h.get('cache-control'), 'no-store', what);
    assert.match(h.get('content-security-policy') ?? '', /^default-src 'none'/, what);
  };
  for (const path of ['/health', '/metrics', '/api/openapi.json', '/docs', '/api/nope', '/api/fills?limit=0']) expectHeaders((await get(path)).headers, path);
  expectHeaders((await get('/api/status', { method: 'POST' })).headers, 'POST');
  state.failure = new Error('ledger closed');
  expectHeaders((await get('/api/risk')).headers, '500');
});

test('a projection answering a number that is not finite is a 500 the daemon hears about, not a body with null or NaN', async (t) => {
  const { state, errors, get } = await started(t);
  state.positions = [{ ...state.positions[0], unrealizedPnl: Number.NaN }];
  state.status = { ...state.status, equity: Number.POSITIVE_INFINITY };
  const positions = await get('/api/positions');
  assert.equal(positions.status, 500);
  assertErrorBody(positions.text, '/api/positions', /^the daemon could not answer: GET \/api\/positions answered a number that is not finite at \$\[0\]\.unrealizedPnl$/);
  assert.equal((await get('/api/status')).status, 500);
  assert.equal(errors.length, 2);
});

/** Writes `raw` on a fresh connection and reads until the server closes it. */
async function rawExchange(url: string, raw: string): Promise<string> {
  const { connect } = await import('node:net');
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let got = '';
  socket.on('data', (d: Buffer) => (got += d.toString()));
  socket.write(raw);
  await new Promise<void>((resolve) => {
    socket.on('error', () => {}); // a reset is an end too
    socket.on('close', () => resolve());
  });
  return got;
}

test('what node refuses before there is a request (not HTTP, too slow) still answers the JSON error body with the headers', async (t) => {
  const { server, errors } = await started(t, { requestTimeoutMs: 300 });
  const garbage = await rawExchange(server.url, 'GARBAGE\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400 /);
  assert.match(garbage, /\r\nx-content-type-options: nosniff\r\n/);
  assert.match(garbage, /\r\n\r\n\{"error":"the request is not valid HTTP \(HPE_INVALID_METHOD\)","path":""\}$/);
  const slow = await rawExchange(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n');
  assert.match(slow, /^HTTP\/1\.1 408 /);
  assert.match(slow, /\r\n\r\n\{"error":"the request did not arrive in time","path":""\}$/);
  assert.deepEqual(errors, []);
});

test('a projection answering a body its schema does not allow (a field missing, a number that is text) is a 500, heard by the daemon', async (t) => {
  const { state, errors, get } = await started(t);
  const { price: _price, ...noPrice } = state.fills[0];
  state.fills = [noPrice as (typeof state.fills)[0]];
  const missing = await get('/api/fills');
  assert.equal(missing.status, 500, missing.text);
  assertErrorBody(missing.text, '/api/fills', /^the daemon could not answer: .*price/);
  state.positions = [{ ...state.positions[0], size: 'lots' as unknown as number }];
  const text = await get('/api/positions');
  assert.equal(text.status, 500, text.text);
  assertErrorBody(text.text, '/api/positions', /^the daemon could not answer: .*lots/);
  assert.equal(errors.length, 2, errors.join('\n'));
});

// The HTTP policy helpers: CORS by exact origin, security headers, the public-bind refusal, the client address behind a proxy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import { AuthRefusedError } from './auth-errors.js';
import { CorsPolicy, canonicalOrigin, checkBind, clientAddress, isLoopback, securityHeaders } from './http-policy.js';

test('CORS allows exact listed origins only, with credentials; preflights name methods and headers', () => {
  const cors = new CorsPolicy(['http://127.0.0.1:8080', 'HTTP://LOCALHOST:5173/']);
  assert.ok(cors.allows('http://localhost:5173'), 'canonical form');
  assert.ok(!cors.allows('http://localhost:5174'));
  assert.ok(!cors.allows('http://127.0.0.1:8080.evil.example'));
  assert.ok(!cors.allows('null'));
  const pre = cors.check('http://127.0.0.1:8080', true).headers;
  assert.equal(pre['Access-Control-Allow-Origin'], 'http://127.0.0.1:8080');
  assert.equal(pre['Access-Control-Allow-Headers'], 'Authorization, Content-Type');
  assert.throws(() => cors.check('null', false), (e: unknown) => e instanceof AuthRefusedError && e.status === 403);
  assert.throws(() => new CorsPolicy(['*']), BadInputError);
  assert.throws(() => canonicalOrigin('http://127.0.0.1:8080/path', 'x'), /scheme, host and port only/);
  assert.throws(() => canonicalOrigin('ftp://h', 'x'), /not an origin/);
});

test('security headers: HSTS only over https', () => {
  assert.equal(securityHeaders({ https: true })['Strict-Transport-Security'], 'max-age=31536000');
  const h = securityHeaders({ https: false });
  assert.match(h['Content-Security-Policy'], /frame-ancestors 'none'/);
  assert.equal(h['X-Content-Type-Options'], 'nosniff');
  assert.equal(h['Cache-Control'], 'no-store');
});

test('a public bind needs TLS or a proxy; loopback is always fine', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) {
    assert.ok(isLoopback(host), host);
    checkBind({ host, tls: false, behindProxy: false });
  }
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
    assert.throws(() => checkBind({ host, tls: false, behindProxy: false }), (e: unknown) => e instanceof BadInputError && e.where === '--host' && /TLS/.test(e.message), host);
    checkBind({ host, tls: true, behindProxy: false });
    checkBind({ host, tls: false, behindProxy: true });
  }
});

test('the client address: the peer, or behind a proxy the entry it appended', () => {
  const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.9' };
  assert.equal(clientAddress('10.0.0.2', headers, false), '10.0.0.2', 'not behind a proxy: the header is the client’s word');
  assert.equal(clientAddress('10.0.0.2', headers, true), '198.51.100.9');
  assert.equal(clientAddress('10.0.0.2', { 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'] }, true), '2.2.2.2');
  assert.equal(clientAddress('10.0.0.2', {}, true), '10.0.0.2');
  assert.equal(clientAddress(undefined, {}, false), 'unknown');
});

// HttpTransport against a local server: success, `err` bodies, 429, 4xx/5xx, timeouts and aborts, each to its error class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { BadInputError, RetryableError, UnknownOutcomeError } from '../../../core/errors.js';
import { HttpTransport, parseRetryAfter } from './http-transport.js';
import { ManualClock } from '../../../core/manual-clock.js';
import { RateLimitedError, VenueRejectedError } from './venue-errors.js';
import { LocalHttpServer, type Reply } from '../../../testkit/venues/hyperliquid/local-http-server.js';

async function withServer(reply: (path: string) => Reply, run: (t: HttpTransport, s: LocalHttpServer, clock: ManualClock) => Promise<void>): Promise<void> {
  const server = await LocalHttpServer.start((r) => reply(r.path));
  const clock = new ManualClock(1_000_000);
  try {
    await run(new HttpTransport({ httpUrl: server.url, scheduler: clock, infoTimeoutMs: 5_000, exchangeTimeoutMs: 7_000 }), server, clock);
  } finally {
    await server.close();
  }
}

const ORDER = { action: { type: 'order', orders: [{ a: 0, b: true, p: '100', s: '1', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' }, nonce: 1, signature: { r: '0x1', s: '0x2', v: 27 } };

test('info posts JSON and resolves with the parsed answer', async () => {
  await withServer(
    () => ({ json: { BTC: '97000.5' } }),
    async (t, s) => {
      assert.deepEqual(await t.info({ type: 'allMids' }), { BTC: '97000.5' });
      assert.deepEqual(s.requests, [{ path: '/info', body: { type: 'allMids' }, contentType: 'application/json' }]);
    },
  );
});

test('HTTP 200 {"status":"err"} on /exchange is the venue refusal, with its text', async () => {
  await withServer(
    () => ({ json: { status: 'err', response: 'User or API Wallet 0xabc does not exist.' } }),
    async (t) => {
      const e = await t.exchange(ORDER).then(() => assert.fail('resolved'), (x: unknown) => x);
      assert.ok(e instanceof VenueRejectedError);
      assert.equal(e.venueMessage, 'User or API Wallet 0xabc does not exist.');
      assert.equal(e.code, 'REJECTED');
      assert.ok(e.cause instanceof Error);
    },
  );
});

test('a rate-limit `err` body is retryable, not a refusal', async () => {
  await withServer(
    () => ({ json: { status: 'err', response: 'Too many cumulative requests sent (10001 > 10000) for cumulative volume traded $0.' } }),
    async (t) => {
      await assert.rejects(t.exchange(ORDER), (e: unknown) => e instanceof RateLimitedError && e.status === 200 && e.code === 'RETRYABLE');
    },
  );
});

test('HTTP 429 is RateLimitedError with the Retry-After hint', async () => {
  await withServer(
    () => ({ status: 429, text: 'rate limited', headers: { 'retry-after': '2' } }),
    async (t) => {
      await assert.rejects(t.info({ type: 'meta' }), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 2000 && e.status === 429);
      await assert.rejects(t.exchange(ORDER), (e: unknown) => e instanceof RateLimitedError && e.endpoint === '/exchange');
    },
  );
});

test('5xx: a read is retryable, an action is an unknown outcome', async () => {
  await withServer(
    () => ({ status: 502, text: 'bad gateway' }),
    async (t) => {
      await assert.rejects(t.info({ type: 'meta' }), (e: unknown) => e instanceof RetryableError && !(e instanceof RateLimitedError) && /HTTP 502/.test((e.cause as Error).message));
      await assert.rejects(t.exchange(ORDER), (e: unknown) => e instanceof UnknownOutcomeError && e.cause instanceof Error);
    },
  );
});

test('4xx: a read is bad input, an action is refused', async () => {
  await withServer(
    () => ({ status: 422, text: 'Failed to deserialize the JSON body into the target type' }),
    async (t) => {
      await assert.rejects(t.info({ type: 'meta' }), (e: unknown) => e instanceof BadInputError && /422.*deserialize/.test(e.message));
      await assert.rejects(t.exchange(ORDER), (e: unknown) => e instanceof VenueRejectedError && /422/.test(e.venueMessage));
    },
  );
});

test('an unreadable 200 body: bad input for a read, unknown outcome for an action', async () => {
  await withServer(
    () => ({ text: '<html>oops' }),
    async (t) => {
      await assert.rejects(t.info({ type: 'meta' }), BadInputError);
      await assert.rejects(t.exchange(ORDER), UnknownOutcomeError);
    },
  );
});

test('the /exchange timeout is an unknown outcome, never a refusal', async () => {
  await withServer(
    () => 'hang',
    async (t, s, clock) => {
      const p = t.exchange(ORDER);
      await s.waitForRequests(1);
      clock.advance(6_999);
      clock.advance(1); // exchangeTimeoutMs = 7000
      const e = await p.then(() => assert.fail('resolved'), (x: unknown) => x);
      assert.ok(e instanceof UnknownOutcomeError, String(e));
      assert.match(e.message, /7000 ms.*may have executed/);
      assert.ok(e.cause !== undefined);
    },
  );
});

test('an /info timeout is retryable', async () => {
  await withServer(
    () => 'hang',
    async (t, s, clock) => {
      const p = t.info({ type: 'l2Book', coin: 'BTC' });
      await s.waitForRequests(1);
      clock.advance(5_000);
      await assert.rejects(p, (e: unknown) => e instanceof RetryableError && /l2Book/.test(e.message));
      assert.equal(clock.size, 0, 'timer cleared');
    },
  );
});

test('an abort before sending sends nothing; after sending an action it is an unknown outcome', async () => {
  await withServer(
    () => 'hang',
    async (t, s) => {
      const before = new AbortController();
      before.abort(new Error('stop'));
      await assert.rejects(t.exchange(ORDER, { signal: before.signal }), /stop/);
      await assert.rejects(t.info({ type: 'meta' }, { signal: before.signal }), /stop/);
      assert.equal(s.requests.length, 0);

      const after = new AbortController();
      const p = t.exchange(ORDER, { signal: after.signal });
      await s.waitForRequests(1);
      after.abort(new Error('caller gave up'));
      await assert.rejects(p, (e: unknown) => e instanceof UnknownOutcomeError && (e.cause as Error).message === 'caller gave up');

      const read = new AbortController();
      const q = t.info({ type: 'meta' }, { signal: read.signal });
      await s.waitForRequests(2);
      read.abort(new Error('read cancelled'));
      await assert.rejects(q, /read cancelled/);
    },
  );
});

test('connection refused: nothing was sent, so even an action is retryable', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const t = new HttpTransport({ httpUrl: `http://127.0.0.1:${port}`, scheduler: new ManualClock(0) });
  await assert.rejects(t.exchange(ORDER), (e: unknown) => e instanceof RetryableError && /ECONNREFUSED/.test(e.message));
});

test('Retry-After: seconds or an HTTP date', () => {
  assert.equal(parseRetryAfter('3', 0), 3000);
  assert.equal(parseRetryAfter(null, 0), undefined);
  assert.equal(parseRetryAfter('soon', 0), undefined);
  assert.equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4_000), 6_000);
});

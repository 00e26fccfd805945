// RestGateway against a local server: 429 storm → cooldown with stale answers → recovery; singleflight; budgets; cancels keep flowing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RetryableError } from '../../../core/errors.js';
import { createRng } from '../../../core/rng.js';
import { AddressBudget } from './address-budget.js';
import { HttpTransport } from './http-transport.js';
import { ManualClock } from '../../../core/manual-clock.js';
import { RestGateway } from './rest-gateway.js';
import { RateLimitedError } from './venue-errors.js';
import { LocalHttpServer, type ReplyFn } from '../../../testkit/venues/hyperliquid/local-http-server.js';

interface Rig {
  server: LocalHttpServer;
  clock: ManualClock;
  gw: RestGateway;
}

async function rig(reply: ReplyFn, run: (r: Rig) => Promise<void>, extra: Partial<ConstructorParameters<typeof RestGateway>[0]> = {}): Promise<void> {
  const server = await LocalHttpServer.start(reply);
  const clock = new ManualClock(1_000_000);
  const rest = new HttpTransport({ httpUrl: server.url, scheduler: clock });
  const gw = new RestGateway({ rest, scheduler: clock, rng: createRng(42), ...extra });
  try {
    await run({ server, clock, gw });
  } finally {
    await server.close();
  }
}

const BOOK = { type: 'l2Book', coin: 'BTC' };
const ORDER = { action: { type: 'order', orders: [{ a: 0 }], grouping: 'na' }, nonce: 1, signature: {} };
const CANCEL = { action: { type: 'cancel', cancels: [{ a: 0, o: 1 }] }, nonce: 2, signature: {} };

test('429 storm: cooldown, stale answers from cache without touching the venue, backoff grows, recovery resets it', async () => {
  let mode: 'ok1' | '429' | 'ok2' = 'ok1';
  await rig(
    () => (mode === '429' ? { status: 429, text: 'Too Many Requests' } : { json: { coin: 'BTC', time: mode === 'ok1' ? 1 : 2, levels: [[], []] } }),
    async ({ server, clock, gw }) => {
      const t0 = clock.now();
      const first = await gw.info(BOOK);
      assert.deepEqual(first, { value: { coin: 'BTC', time: 1, levels: [[], []] }, stale: false, asOf: t0 });

      mode = '429';
      clock.advance(5_000);
      const during = await gw.info(BOOK);
      assert.deepEqual(during, { value: first.value, stale: true, asOf: t0 }, 'the 429 answered from cache');
      assert.equal(server.requests.length, 2);
      const cooldown1 = gw.cooldowns.remaining('info');
      assert.ok(cooldown1 >= 500 && cooldown1 <= 1_000, `first cooldown ${cooldown1}`);

      for (let i = 0; i < 5; i++) assert.equal((await gw.info(BOOK)).stale, true);
      assert.equal(server.requests.length, 2, 'no request while cooling down');

      // A read never answered before has nothing to fall back on: retryable, with when to come back.
      await assert.rejects(gw.info({ type: 'allMids' }), (e: unknown) => e instanceof RetryableError && e.retryAfterMs === cooldown1 && e.cause instanceof RateLimitedError);

      clock.advance(cooldown1);
      assert.equal((await gw.info(BOOK)).stale, true, 'still limited: stale again');
      assert.equal(server.requests.length, 3);
      const cooldown2 = gw.cooldowns.remaining('info');
      assert.ok(cooldown2 >= 1_000 && cooldown2 <= 2_000, `second cooldown ${cooldown2} (backoff grew)`);
      assert.equal(gw.cooldowns.level('info'), 2);

      mode = 'ok2';
      clock.advance(cooldown2);
      const after = await gw.info(BOOK);
      assert.deepEqual(after, { value: { coin: 'BTC', time: 2, levels: [[], []] }, stale: false, asOf: clock.now() });
      assert.equal(gw.cooldowns.level('info'), 0, 'recovered: backoff reset');
    },
  );
});

test('Retry-After longer than the backoff sets the cooldown', async () => {
  await rig(
    () => ({ status: 429, text: 'slow down', headers: { 'retry-after': '7' } }),
    async ({ gw }) => {
      await assert.rejects(gw.info(BOOK), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 7_000);
      assert.equal(gw.cooldowns.remaining('info'), 7_000);
    },
  );
});

test('cancels keep flowing while orders cool down after a 429', async () => {
  await rig(
    (r) => {
      const type = (r.body as { action: { type: string } }).action.type;
      return type === 'order' ? { status: 429, text: 'limited' } : { json: { status: 'ok', response: { type: 'cancel', data: { statuses: ['success'] } } } };
    },
    async ({ server, gw }) => {
      await assert.rejects(gw.exchange(ORDER), RateLimitedError);
      await assert.rejects(gw.exchange(ORDER), (e: unknown) => e instanceof RetryableError && !(e instanceof RateLimitedError) && (e.retryAfterMs ?? 0) > 0);
      assert.equal(server.requests.length, 1, 'the second order was not sent');
      assert.deepEqual(await gw.exchange(CANCEL), { status: 'ok', response: { type: 'cancel', data: { statuses: ['success'] } } });
      assert.equal(server.requests.length, 2);
    },
  );
});

test('singleflight: concurrent identical reads make one request; a different read its own', async () => {
  const release: (() => void)[] = [];
  await rig(
    (r) => new Promise((resolve) => release.push(() => resolve({ json: { echo: r.body } }))),
    async ({ server, gw }) => {
      const same = Array.from({ length: 5 }, () => gw.info({ coin: 'BTC', type: 'l2Book' }));
      const reordered = gw.info({ type: 'l2Book', coin: 'BTC' }); // same read, other key order
      const other = gw.info({ type: 'l2Book', coin: 'ETH' });
      await server.waitForRequests(2);
      await new Promise<void>((r) => setImmediate(r));
      assert.equal(server.requests.length, 2);
      assert.equal(gw.inFlight, 2);
      for (const r of release) r();
      const answers = await Promise.all([...same, reordered]);
      for (const a of answers) assert.deepEqual(a.value, { echo: { coin: 'BTC', type: 'l2Book' } });
      assert.deepEqual((await other).value, { echo: { type: 'l2Book', coin: 'ETH' } });
      assert.equal(gw.inFlight, 0);
    },
  );
});

test('singleflight: one caller aborting leaves the others their answer', async () => {
  const release: (() => void)[] = [];
  await rig(
    () => new Promise((resolve) => release.push(() => resolve({ json: 'answer' }))),
    async ({ server, gw }) => {
      const ac = new AbortController();
      const a = gw.info(BOOK, { signal: ac.signal });
      const b = gw.info(BOOK);
      await server.waitForRequests(1);
      ac.abort(new Error('left'));
      await assert.rejects(a, /left/);
      release[0]();
      assert.equal((await b).value, 'answer');
    },
  );
});

test('IP budget: reads short of weight answer from cache; cancels use the reserve', async () => {
  await rig(
    (r) => ({ json: r.path === '/info' ? 'book' : { status: 'ok', response: { type: 'default' } } }),
    async ({ server, clock, gw }) => {
      assert.equal((await gw.info(BOOK)).stale, false);
      gw.ip.set(21); // reserve is 20: a 2-weight read would dip into it
      const r = await gw.info(BOOK);
      assert.equal(r.stale, true);
      assert.equal(server.requests.length, 1);
      assert.ok(await gw.exchange(CANCEL), 'the cancel went out on the reserve');
      gw.ip.set(-1_000); // deep debt: waiting would exceed maxWaitMs
      await assert.rejects(gw.exchange(ORDER), (e: unknown) => e instanceof RetryableError && (e.retryAfterMs ?? 0) > 10_000);
      await assert.rejects(gw.info({ type: 'meta' }), RetryableError);
      clock.advance(120_000);
      assert.equal((await gw.info({ type: 'meta' })).stale, false);
    },
    { ipBudget: { perMinute: 1000, burst: 200, cancelReserve: 20, maxWaitMs: 10_000 } },
  );
});

test('address budget: orders stop at the cap, cancels continue, then one per 10 s', async () => {
  const clock = new ManualClock(0);
  const b = new AddressBudget(clock, { initialRequests: 3, exhaustedEveryMs: 10_000 });
  assert.equal(b.tryTake(2, 'action'), 0);
  assert.equal(b.tryTake(1, 'action'), 0);
  assert.equal(b.tryTake(1, 'cancel'), 0, 'cancels: min(cap + 100000, 2 × cap) = 6');
  assert.equal(b.tryTake(1, 'action'), 0, 'the first trickle slot');
  assert.equal(b.tryTake(1, 'action'), 10_000);
  clock.advance(10_000);
  assert.equal(b.tryTake(1, 'action'), 0);
  b.creditVolume(100);
  assert.equal(b.remaining('action'), 97);
  b.sync({ nRequestsUsed: 10, nRequestsCap: 10_000 });
  assert.equal(b.remaining('action'), 9_990);
  assert.equal(b.remaining('cancel'), 19_990);
});

test('the gateway refuses an action the address budget cannot pay, without sending it', async () => {
  const clock = new ManualClock(0);
  const budget = new AddressBudget(clock, { initialRequests: 0, exhaustedEveryMs: 10_000 });
  await rig(
    () => ({ json: { status: 'ok', response: { type: 'default' } } }),
    async ({ server, gw }) => {
      await gw.exchange(ORDER); // first trickle slot
      await assert.rejects(gw.exchange(ORDER), (e: unknown) => e instanceof RetryableError && e.retryAfterMs === 10_000);
      assert.equal(server.requests.length, 1);
    },
    { addressBudget: budget },
  );
});

// Supervisor lifecycle against a local server: greeting, acks, heartbeat, missing pong, backoff, feed stall, unsubscribe, close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { BadInputError, InvariantError, RejectedError } from '../../../core/errors.js';
import { createRng } from '../../../core/rng.js';
import type { ConnectionStateData, HealthEvent, StreamDegradedData, StreamStaleData } from './health-events.js';
import { ManualClock } from '../../../core/manual-clock.js';
import { bookFrame, wireBook, withRig } from '../../../testkit/venues/hyperliquid/book-rig.js';
import { until } from '../../../testkit/venues/hyperliquid/local-ws-server.js';
import { WsSupervisor } from './ws-supervisor.js';

const NOTES = { type: 'notification', user: '0x0000000000000000000000000000000000000001' };
const pings = (received: unknown[]): number => received.filter((m) => (m as { method?: string }).method === 'ping').length;

test('the greeting is ignored; the l2Book ack with venue-added nulls matches; event feeds are fresh on ack', async () => {
  await withRig(async (r) => {
    r.sup.start();
    await r.sup.subscribe({ type: 'l2Book', coin: 'BTC' });
    await r.sup.subscribe(NOTES);
    assert.equal(r.sup.stats.greetings, 1);
    assert.equal(r.of('stream.degraded').length, 0);
    assert.equal(r.sup.health(NOTES)?.status, 'fresh');
    assert.equal(r.sup.health({ type: 'l2Book', coin: 'BTC' })?.status, 'pending');
    assert.deepEqual(
      r.of('connection.state').map((e) => (e.data as ConnectionStateData).to),
      ['connecting', 'open'],
    );
    // Subscribing again to the same stream joins it; a different object with the same key is refused.
    await r.sup.subscribe({ coin: 'BTC', type: 'l2Book' });
    await assert.rejects(r.sup.subscribe({ type: 'l2Book', coin: 'BTC', nSigFigs: 5 }), BadInputError);
    assert.equal(r.ws.latest?.subscriptions.length, 2);
  });
});

test('heartbeat: ping every 30 s; answered pings keep the socket', async () => {
  await withRig(async (r) => {
    r.sup.start();
    await r.sup.subscribe(NOTES);
    r.clock.advance(29_999);
    assert.equal(r.sup.stats.pingsSent, 0);
    r.clock.advance(1);
    await r.ws.waitUntil(() => pings(r.ws.latest?.received ?? []) === 1);
    await until(() => r.sup.stats.pongs === 1, 'pong');
    r.clock.advance(10_000);
    assert.equal(r.sup.state, 'open');
    r.clock.advance(20_000);
    await r.ws.waitUntil(() => pings(r.ws.latest?.received ?? []) === 2);
    assert.equal(r.ws.connections.length, 1);
  });
});

test('missing pong: reconnect after the pong timeout and resubscribe', async () => {
  await withRig(async (r) => {
    r.sup.start();
    await r.sup.subscribe(NOTES);
    r.ws.answerPings = false;
    r.clock.advance(30_000);
    await r.ws.waitUntil(() => pings(r.ws.latest?.received ?? []) === 1);
    r.clock.advance(9_999);
    assert.equal(r.sup.state, 'open');
    r.clock.advance(1);
    assert.equal(r.sup.state, 'reconnecting');
    const drop = r.of('connection.state').at(-1)?.data as ConnectionStateData;
    assert.match(drop.reason, /no pong within 10000 ms/);
    assert.deepEqual(
      r.of('stream.stale').map((e) => (e.data as StreamStaleData).reason),
      ['disconnected'],
    );
    r.ws.answerPings = true;
    r.clock.advance(1_000);
    await r.ws.waitForSubscriptions(1, 2);
    await until(() => r.of('stream.recovered').length === 1, 'notification stream back');
    assert.equal(r.sup.state, 'open');
  });
});

test('reconnect backoff grows with jitter from 1 s to 60 s while the venue refuses', async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const clock = new ManualClock(0);
  const events: HealthEvent[] = [];
  const sup = new WsSupervisor({ url: `ws://127.0.0.1:${port}/ws`, scheduler: clock, rng: createRng(3), handler: () => undefined, onEvent: (e) => events.push(e) });
  const delays: number[] = [];
  try {
    sup.start();
    for (let i = 0; i < 9; i++) {
      await until(() => sup.state === 'reconnecting', `refusal ${i}`);
      const reason = (events.at(-1)?.data as ConnectionStateData).reason;
      const ms = Number(/reconnecting in (\d+) ms/.exec(reason)?.[1]);
      delays.push(ms);
      clock.advance(ms);
      assert.equal(sup.state, 'connecting');
    }
  } finally {
    await sup.close();
  }
  delays.forEach((d, i) => {
    const cap = Math.min(60_000, 1_000 * 2 ** i);
    assert.ok(d >= cap / 2 && d <= cap, `attempt ${i}: ${d} not in [${cap / 2}, ${cap}]`);
  });
  assert.ok((events.at(-1)?.data as ConnectionStateData).to === 'closed');
});

test('the reconnect backoff resets once a connection stayed up for stableAfterMs', async () => {
  await withRig(async (r) => {
    const lastDelay = (): number => Number(/reconnecting in (\d+) ms/.exec((r.of('connection.state').at(-1)?.data as ConnectionStateData).reason)?.[1]);
    r.sup.start();
    await r.sup.subscribe(NOTES);
    for (const [connection, min, max] of [
      [2, 500, 1_000],
      [3, 1_000, 2_000],
    ] as const) {
      r.ws.cutAll();
      await until(() => r.sup.state === 'reconnecting', 'reconnecting');
      const d = lastDelay();
      assert.ok(d >= min && d <= max, `delay ${d} in [${min}, ${max}]`);
      r.clock.advance(d);
      await r.ws.waitForSubscriptions(1, connection);
      await until(() => r.sup.state === 'open', 'open');
    }
    // Stable for 60 s (advanced in steps so each ping's pong can arrive over the real socket).
    r.clock.advance(30_000);
    await until(() => r.sup.stats.pongs === 1, 'pong');
    r.clock.advance(30_000);
    r.ws.cutAll();
    await until(() => r.sup.state === 'reconnecting', 'reconnecting');
    assert.ok(lastDelay() <= 1_000, `back to the first delay, got ${lastDelay()}`);
  });
});

test('feed stall: when every watched stream stays silent, reconnect and repair', async () => {
  await withRig(
    async (r) => {
      r.sup.start();
      await r.sup.subscribe({ type: 'l2Book', coin: 'BTC' });
      r.ws.push(bookFrame(wireBook('BTC', 1, 100)));
      await until(() => r.keeper.time === 1, 'first book');
      r.clock.advance(4_000);
      assert.equal(r.sup.state, 'stale');
      r.clock.advance(19_999);
      assert.equal(r.ws.connections.length, 1);
      r.clock.advance(1);
      assert.equal(r.sup.state, 'reconnecting');
      assert.match((r.of('connection.state').at(-1)?.data as ConnectionStateData).reason, /feed stalled/);
      r.restBook = wireBook('BTC', 9, 105);
      r.clock.advance(1_000);
      await until(() => r.of('stream.recovered').length === 1, 'recovered by repair');
      assert.equal(r.keeper.time, 9);
      assert.equal(r.ws.connections.length, 2);
    },
    { feedStallReconnectMs: 20_000 },
  );
});

test('ack timeout: reported and subscribed again', async () => {
  await withRig(async (r) => {
    r.ws.answerSubscribes = false;
    r.sup.start();
    const acked = r.sup.subscribe(NOTES);
    await r.ws.waitForSubscriptions(1, 1);
    r.clock.advance(10_000);
    const d = r.of('stream.degraded')[0]?.data as StreamDegradedData;
    assert.equal(d.reason, 'ack-timeout');
    r.ws.answerSubscribes = true;
    await r.ws.waitForSubscriptions(2, 1);
    await acked;
    assert.equal(r.sup.health(NOTES)?.acked, true);
  });
});

test('a subscribe the venue refuses with an error frame fails at once with its text; "already subscribed" counts as an ack; other errors stay connection problems', async () => {
  await withRig(async (r) => {
    r.ws.answerSubscribes = false;
    r.sup.start();
    const bad = { type: 'l2Book', coin: 'NOPE' };
    const refused = r.sup.subscribe(bad);
    const twice = r.sup.subscribe(NOTES);
    await r.ws.waitForSubscriptions(2, 1);
    r.ws.push({ channel: 'error', data: `Invalid subscription ${JSON.stringify(bad)}` });
    await assert.rejects(refused, (e: unknown) => e instanceof RejectedError && /the venue refused .*NOPE.*Invalid subscription/.test(e.message));
    assert.equal(r.sup.health(bad), undefined, 'a refused subscription is not kept (nor replayed after a reconnect)');
    r.ws.push({ channel: 'error', data: `Already subscribed: ${JSON.stringify(NOTES)}` });
    await twice;
    assert.equal(r.sup.health(NOTES)?.acked, true);
    assert.equal(r.of('stream.degraded').length, 0, 'neither is a connection problem');
    r.ws.push({ channel: 'error', data: 'Error parsing JSON into valid websocket request: {oops' });
    await until(() => r.of('stream.degraded').length === 1, 'reported');
    assert.equal((r.of('stream.degraded')[0].data as StreamDegradedData).reason, 'venue-error');
  });
});

test('unsubscribe: acked, not replayed after a reconnect, late frames dropped', async () => {
  await withRig(async (r) => {
    r.sup.start();
    await r.sup.subscribe({ type: 'l2Book', coin: 'BTC' });
    await r.sup.subscribe(NOTES);
    await r.sup.unsubscribe({ type: 'l2Book', coin: 'BTC' });
    assert.equal(r.sup.health({ type: 'l2Book', coin: 'BTC' }), undefined);
    r.ws.push(bookFrame(wireBook('BTC', 1, 100)));
    await until(() => r.sup.stats.unrouted === 1, 'late frame counted');
    assert.equal(r.keeper.time, -Infinity, 'not handed to the handler');
    r.ws.cutAll();
    await until(() => r.sup.state === 'reconnecting', 'reconnecting');
    r.clock.advance(1_000);
    await r.ws.waitForSubscriptions(1, 2);
    await until(() => r.sup.state === 'open', 'open again');
    assert.deepEqual(r.ws.connections[1].subscriptions, [NOTES]);
  });
});

test('close: streams reported stale, waits fail, no further subscribe; bad transitions throw', async () => {
  await withRig(async (r) => {
    r.ws.answerSubscribes = false;
    r.sup.start();
    const waiting = r.sup.subscribe(NOTES);
    await r.ws.waitForSubscriptions(1, 1);
    const failed = assert.rejects(waiting, RejectedError);
    await r.sup.close();
    await failed;
    assert.equal(r.sup.state, 'closed');
    assert.deepEqual(
      r.of('stream.stale').map((e) => (e.data as StreamStaleData).reason),
      ['disconnected'],
    );
    await assert.rejects(r.sup.subscribe(NOTES), InvariantError);
    assert.throws(() => r.sup.start(), /start\(\) in state closed/);
    r.clock.advance(120_000);
    assert.equal(r.ws.connections.length, 1, 'no reconnect after close');
  });
});

test('a gap channel without a repair callback is refused at subscribe', async () => {
  const sup = new WsSupervisor({ url: 'ws://127.0.0.1:1/ws', scheduler: new ManualClock(0), rng: createRng(1), handler: () => undefined, onEvent: () => undefined });
  await assert.rejects(sup.subscribe({ type: 'trades', coin: 'BTC' }), (e: unknown) => e instanceof BadInputError && /repair callback/.test(e.message));
  await assert.rejects(sup.subscribe({ type: 'l2Book' }), (e: unknown) => e instanceof BadInputError && e.where === 'subscription.coin');
  await sup.close();
});

// The /ws gateway with real ws clients on 127.0.0.1: snapshots and sequenced deltas, auth, error frames, slow clients, keepalive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import WebSocket from 'ws';
import { ManualClock } from '../core/manual-clock.js';
import { RejectedError } from '../core/errors.js';
import { attachWsGateway, type WsGateway, type WsGatewayOptions, type WsPrincipal } from './ws-gateway.js';

type Msg = Record<string, unknown> & { type: string };

const TOKENS: Record<string, string> = { 't-alice': 'alice', 't-bob': 'bob' };

/** A real check of a bearer token (header or ?token=): unknown tokens are refused, none is anonymous. */
function authenticate(req: IncomingMessage): WsPrincipal | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const header = req.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token');
  if (token === null || token === undefined) return undefined;
  const user = TOKENS[token];
  if (user === undefined) throw new RejectedError('unknown token');
  return { user };
}

interface Rig {
  readonly clock: ManualClock;
  readonly gw: WsGateway;
  readonly url: string;
  readonly registry: Registry;
  readonly server: Server;
  close(): Promise<void>;
}

async function rig(extra: Partial<WsGatewayOptions> = {}): Promise<Rig> {
  const clock = new ManualClock(1_700_000_000_000);
  const server = createServer((_req, res) => res.writeHead(404).end());
  const registry = new Registry();
  const gw = attachWsGateway(server, {
    scheduler: clock,
    authenticate,
    registry,
    snapshots: { trades: (symbol) => ({ data: [{ px: 1, sym: symbol }] }), orders: (user) => ({ data: [{ user, open: 0 }] }) },
    ...extra,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    clock,
    gw,
    server,
    registry,
    url: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await gw.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A ws client keeping every message it got (frames are arrays); `take` waits for the next one matching. */
class Client {
  readonly msgs: Msg[] = [];
  frames = 0;
  private readonly taken = new Set<number>();
  private wake: (() => void) | undefined;
  closeCode: number | undefined;
  closeReason = '';

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Msg[];
      assert.ok(Array.isArray(frame), 'every server frame is an array');
      this.frames++;
      this.msgs.push(...frame);
      this.wake?.();
    });
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = String(reason);
      this.wake?.();
    });
  }

  static open(url: string, token?: string): Promise<Client> {
    const ws = new WebSocket(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }

  send(m: unknown): void {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  async take(pred: (m: Msg) => boolean, what: string, timeoutMs = 3000): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.msgs.length; i++) {
        if (this.taken.has(i) || !pred(this.msgs[i])) continue;
        this.taken.add(i);
        return this.msgs[i];
      }
      if (this.closeCode !== undefined) throw new Error(`closed (${this.closeCode} ${this.closeReason}) waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.msgs.slice(-5)).slice(0, 400)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
    }
  }

  /** Everything the server sent before its answer to this ping arrived (frames are in order). */
  async sync(): Promise<Msg[]> {
    const start = this.msgs.length;
    const id = `sync-${start}`;
    this.send({ type: 'ping', id });
    const pong = await this.take((m) => m.type === 'pong' && m.id === id, `pong ${id}`);
    return this.msgs.slice(start, this.msgs.indexOf(pong));
  }

  closeNow(): void {
    this.ws.terminate();
  }
}

const is = (type: string, channel?: string, symbol?: string) => (m: Msg) => m.type === type && (channel === undefined || m.channel === channel) && (symbol === undefined || m.symbol === symbol);

test('subscribe: ack, a snapshot on the next flush, then coalesced updates with a per-topic seq, batched in one frame', async () => {
  const r = await rig();
  try {
    r.gw.publish('prices', 'BTC', { px: 100 });
    const c = await Client.open(r.url);
    c.send({ type: 'subscribe', channels: ['prices', 'trades'], symbols: ['BTC', 'ETH'] });
    await c.take(is('subscribed'), 'ack');
    r.clock.advance(50);
    const snap = await c.take(is('snapshot', 'prices', 'BTC'), 'prices snapshot');
    assert.deepEqual(snap, { type: 'snapshot', channel: 'prices', symbol: 'BTC', seq: 0, fresh: true, data: { px: 100 } });
    assert.deepEqual((await c.take(is('snapshot', 'trades', 'ETH'), 'trades snapshot')).data, [{ px: 1, sym: 'ETH' }]);
    assert.equal((await c.take(is('snapshot', 'prices', 'ETH'), 'ETH snapshot')).data, null);

    const framesBefore = c.frames;
    r.gw.publish('prices', 'BTC', { px: 101 });
    r.gw.publish('prices', 'BTC', { px: 102 });
    r.gw.publish('trades', 'BTC', { px: 101, sz: 1 });
    r.gw.publish('trades', 'BTC', { px: 102, sz: 2 });
    r.gw.publish('prices', 'ETH', { px: 10 }, false);
    r.clock.advance(50);
    const ticked = await c.take(is('update', 'prices', 'ETH'), 'ETH update');
    assert.deepEqual(ticked, { type: 'update', channel: 'prices', symbol: 'ETH', seq: 1, fresh: false, data: { px: 10 } });
    const updates = c.msgs.filter(is('update'));
    assert.deepEqual(
      updates.map((m) => [m.channel, m.symbol, m.seq, m.data]),
      [
        ['prices', 'BTC', 1, { px: 102 }],
        ['trades', 'BTC', 1, [{ px: 101, sz: 1 }, { px: 102, sz: 2 }]],
        ['prices', 'ETH', 1, { px: 10 }],
      ],
    );
    assert.equal(c.frames, framesBefore + 1, 'one frame per flush');

    r.gw.publish('prices', 'BTC', { px: 103 });
    r.clock.advance(50);
    assert.deepEqual((await c.take((m) => is('update', 'prices', 'BTC')(m) && m.seq === 2, 'BTC seq 2')).data, { px: 103 });
    const s = r.gw.stats();
    assert.equal(s.coalesced.prices, 1);
    assert.equal(s.coalesced.trades, 1);
    c.closeNow();
  } finally {
    await r.close();
  }
});

test('resync and re-subscribe give a fresh snapshot at the current seq; unsubscribe stops updates', async () => {
  const r = await rig();
  try {
    const c = await Client.open(r.url);
    c.send({ type: 'subscribe', channels: ['books'], symbols: ['BTC'] });
    await c.take(is('subscribed'), 'ack');
    r.clock.advance(50);
    await c.take(is('snapshot', 'books'), 'snapshot');
    for (let i = 1; i <= 3; i++) {
      r.gw.publish('books', 'BTC', { bid: i });
      r.clock.advance(50);
      await c.take(is('update', 'books'), `update ${i}`);
    }
    // A client that saw a gap asks for the topic again.
    c.send({ type: 'resync', channel: 'books', symbol: 'BTC' });
    await c.sync();
    r.clock.advance(50);
    assert.deepEqual(await c.take(is('snapshot', 'books'), 'resync snapshot'), { type: 'snapshot', channel: 'books', symbol: 'BTC', seq: 3, fresh: true, data: { bid: 3 } });
    c.send({ type: 'subscribe', channels: ['books'], symbols: ['BTC'] });
    await c.take(is('subscribed'), 'ack');
    r.clock.advance(50);
    assert.equal((await c.take(is('snapshot', 'books'), 're-subscribe snapshot')).seq, 3);

    c.send({ type: 'resync', channel: 'books', symbol: 'ETH' });
    assert.equal((await c.take(is('error'), 'resync error')).code, 'bad_request');

    c.send({ type: 'unsubscribe', channels: ['books'], symbols: ['BTC'] });
    await c.take(is('unsubscribed'), 'unsubscribe ack');
    r.gw.publish('books', 'BTC', { bid: 4 });
    r.clock.advance(50);
    assert.deepEqual((await c.sync()).filter(is('update')), [], 'no update after unsubscribe');
    c.closeNow();
  } finally {
    await r.close();
  }
});

test('private channels: refused without auth, bound to the user, a bad token refused at upgrade', async () => {
  const r = await rig();
  try {
    const anon = await Client.open(r.url);
    anon.send({ type: 'subscribe', channels: ['orders', 'prices'], symbols: ['BTC'] });
    const err = await anon.take(is('error'), 'unauthorized');
    assert.equal(err.code, 'unauthorized');
    assert.match(String(err.message), /orders/);

    const alice = await Client.open(r.url, 't-alice');
    const bob = await Client.open(`${r.url}?token=t-bob`);
    alice.send({ type: 'subscribe', channels: ['orders', 'positions'] });
    bob.send({ type: 'subscribe', channels: ['orders'] });
    await alice.take(is('subscribed'), 'alice ack');
    await bob.take(is('subscribed'), 'bob ack');
    r.clock.advance(50);
    assert.deepEqual((await alice.take(is('snapshot', 'orders'), 'alice snapshot')).data, [{ user: 'alice', open: 0 }]);
    assert.deepEqual((await bob.take(is('snapshot', 'orders'), 'bob snapshot')).data, [{ user: 'bob', open: 0 }]);
    r.gw.publishPrivate('alice', 'orders', { oid: 1, user: 'alice' });
    r.gw.publishPrivate('alice', 'positions', { BTC: 0.5 });
    r.clock.advance(50);
    const u = await alice.take(is('update', 'orders'), 'alice order');
    assert.deepEqual(u, { type: 'update', channel: 'orders', seq: 1, data: [{ oid: 1, user: 'alice' }] });
    assert.equal((await alice.take(is('update', 'positions'), 'alice positions')).seq, 1);
    assert.deepEqual((await bob.sync()).filter(is('update')), [], 'bob sees nothing of alice');
    assert.deepEqual(anon.msgs.filter((m) => m.type === 'snapshot' || m.type === 'update'), [], 'the refused request subscribed nothing');

    await assert.rejects(Client.open(r.url, 't-mallory'), /401/);
    for (const c of [anon, alice, bob]) c.closeNow();
  } finally {
    await r.close();
  }
});

test('error frames: malformed JSON, unknown type or channel, oversize, binary; the connection stays usable', async () => {
  const r = await rig({ maxMessageBytes: 256, hardMaxPayloadBytes: 1024 });
  try {
    const c = await Client.open(r.url);
    const cases: [unknown, string][] = [
      ['{"type":"subscribe"', 'bad_json'],
      ['[1,2]', 'bad_request'],
      [{ type: 'hello' }, 'unknown_type'],
      [{ type: 'subscribe', channels: ['gossip'], symbols: ['BTC'] }, 'unknown_channel'],
      [{ type: 'subscribe', channels: ['prices'] }, 'bad_request'],
      [{ type: 'subscribe', channels: ['prices'], symbols: ['BTC\n'] }, 'bad_request'],
      [{ type: 'subscribe', channels: ['prices'], symbols: ['x'.repeat(300)] }, 'too_large'],
      [{ type: 'ping', id: { a: 1 } }, 'bad_request'],
    ];
    for (const [m, code] of cases) {
      c.send(m);
      const e = await c.take(is('error'), code);
      assert.equal(e.code, code, JSON.stringify(m));
      assert.equal(typeof e.message, 'string');
    }
    c.ws.send(Buffer.from('{}'), { binary: true });
    assert.equal((await c.take(is('error'), 'binary')).code, 'bad_request');
    c.send({ type: 'ping', id: 7 });
    assert.equal((await c.take(is('pong'), 'pong')).id, 7);
    assert.equal(r.gw.stats().errors.bad_request, 5);

    // Past the hard limit ws closes the connection with 1009.
    c.send('x'.repeat(2000));
    await c.take(() => false, 'close').catch(() => undefined);
    assert.equal(c.closeCode, 1009);
    const metrics = await r.registry.metrics();
    assert.match(metrics, /sextant_ws_errors_total\{code="bad_json"\} 1/);
  } finally {
    await r.close();
  }
});

test('a slow client is conflated, loses low priority first, then is closed with a reason; a fast client never waits', async () => {
  const r = await rig({ lowWaterBytes: 16_384, maxQueueBytes: 600_000, maxBehindMs: 2_000 });
  try {
    const fast = await Client.open(r.url);
    const slow = await Client.open(r.url);
    for (const c of [fast, slow]) {
      c.send({ type: 'subscribe', channels: ['books', 'bots', 'trades'], symbols: ['BTC'] });
      await c.take(is('subscribed'), 'ack');
    }
    r.clock.advance(50);
    await slow.take(is('snapshot', 'bots'), 'slow snapshot');
    const big = 'x'.repeat(100_000);
    let tick = 0;
    const step = async (): Promise<void> => {
      tick++;
      r.gw.publish('books', 'BTC', { tick, big });
      r.gw.publish('bots', 'BTC', { tick, big });
      r.gw.publish('trades', 'BTC', { tick, big: big.slice(0, 30_000) });
      r.clock.advance(50);
      const u = await fast.take((m) => is('update', 'books')(m) && (m.data as { tick: number }).tick === tick, `fast update ${tick}`, 2000);
      assert.equal(u.seq, tick, 'the fast client gets every tick at once');
    };

    // 1. It stops reading: the kernel's socket buffers take a few MB, then the gateway queues, conflates and drops.
    slow.ws.pause();
    while ((r.gw.stats().dropped.bots ?? 0) === 0 && tick < 300) await step();
    let s = r.gw.stats();
    assert.equal(s.backlogged, 1);
    assert.ok((s.conflated.books ?? 0) > 0, `books conflated: ${JSON.stringify(s)}`);
    assert.ok((s.dropped.bots ?? 0) > 0, 'telemetry dropped');
    assert.equal(s.dropped.books, undefined, 'book updates are kept longer than telemetry');

    // 2. It reads again: the queue drains, and its books seq jumps where updates were conflated: it resyncs.
    slow.ws.resume();
    const seen = (): number[] => slow.msgs.filter(is('update', 'books')).map((m) => m.seq as number);
    while (!seen().includes(tick)) await step();
    const seqs = seen();
    assert.ok(
      seqs.some((q, i) => i > 0 && q > seqs[i - 1] + 1),
      `a gap in ${seqs.join(',')}`,
    );
    assert.equal(r.gw.stats().backlogged, 0);
    slow.send({ type: 'resync', channel: 'trades', symbol: 'BTC' });
    await slow.sync();
    r.clock.advance(50);
    const t = tick;
    assert.deepEqual((await slow.take((m) => is('snapshot', 'trades')(m) && m.seq === t, 'resync')).data, [{ px: 1, sym: 'BTC' }]);

    // 3. It stops again and stays behind past maxBehindMs: closed with a reason, counted.
    slow.ws.pause();
    while (r.gw.stats().closed.slow_consumer === undefined && tick < 1000) await step();
    s = r.gw.stats();
    assert.equal(s.closed.slow_consumer, 1, `closed after ${tick} ticks: ${JSON.stringify(s)}`);
    slow.ws.resume();
    await slow.take(() => false, 'close', 5000).catch(() => undefined);
    assert.equal(slow.closeCode, 1013);
    assert.match(slow.closeReason, /slow consumer/);
    const metrics = await r.registry.metrics();
    assert.match(metrics, /sextant_ws_closed_total\{reason="slow_consumer"\} 1/);
    assert.match(metrics, /sextant_ws_conflated_total\{channel="books"\} [1-9]/);
    assert.match(metrics, /sextant_ws_dropped_total\{channel="bots"\} [1-9]/);
    await step();
    assert.equal(r.gw.stats().connections, 1);
    fast.closeNow();
  } finally {
    await r.close();
  }
});

test('keepalive: server pings, a client that answers stays, one that does not is closed and counted', async () => {
  const r = await rig({ pingIntervalMs: 1000 });
  try {
    const live = await Client.open(r.url);
    const dead = await Client.open(r.url);
    dead.ws.pause();
    let pinged = 0;
    live.ws.on('ping', () => pinged++);
    for (let i = 0; i < 3; i++) {
      r.clock.advance(1000);
      await live.sync(); // the pong to the server's ping went before this answer
    }
    assert.equal(pinged, 3);
    const s = r.gw.stats();
    assert.equal(s.closed.dead, 1);
    assert.equal(s.connections, 1);
    live.closeNow();
    dead.closeNow();
  } finally {
    await r.close();
  }
});

test('publish refuses NaN and Infinity; limits on subscriptions; other upgrade paths are answered 404', async () => {
  const r = await rig({ maxSubscriptions: 3 });
  try {
    assert.throws(() => r.gw.publish('prices', 'BTC', { px: Number.NaN }), /field "px" is NaN/);
    assert.throws(() => r.gw.publishPrivate('alice', 'account', { equity: Infinity }), /Infinity/);
    const c = await Client.open(r.url);
    c.send({ type: 'subscribe', channels: ['prices', 'books'], symbols: ['A', 'B'] });
    assert.equal((await c.take(is('error'), 'too many')).code, 'too_many_subscriptions');
    c.send({ type: 'subscribe', channels: ['prices'], symbols: ['A', 'B', 'C'] });
    await c.take(is('subscribed'), 'ack');
    await assert.rejects(Client.open(r.url.replace('/ws', '/other')), /404/);

    // A flood of messages: one error frame, the rest ignored and counted; the next second it is heard again.
    for (let i = 0; i < 60; i++) c.send({ type: 'ping', id: i });
    const e = await c.take(is('error'), 'rate limited');
    assert.equal(e.code, 'rate_limited');
    await new Promise((res) => setTimeout(res, 50));
    assert.equal(c.msgs.filter(is('pong')).length, 48, 'the two subscribes above count in the same second');
    assert.equal(r.gw.stats().errors.rate_limited, 12);
    r.clock.advance(1000);
    c.send({ type: 'ping', id: 'again' });
    await c.take((m) => m.type === 'pong' && m.id === 'again', 'heard again');
    c.closeNow();
  } finally {
    await r.close();
  }
});

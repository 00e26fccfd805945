// WebSocket limits: subscriptions read strictly (no junk keys), 1000 per connection, 10 users, and a client that stops reading is closed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { WebSocket } from 'ws';
import { INTERVALS } from './candles.js';
import { startHarness, waitFor } from '../../testkit/localnet/test-support.js';
import { parseSymbols } from './venue-options.js';

interface Client {
  readonly ws: WebSocket;
  readonly frames: { channel: string; data: unknown }[];
  send(msg: unknown): void;
  count(channel: string): number;
}

async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const frames: { channel: string; data: unknown }[] = [];
  ws.on('message', (d) => {
    const text = d.toString();
    if (text.startsWith('{')) frames.push(JSON.parse(text) as { channel: string; data: unknown });
  });
  await new Promise((r) => ws.once('open', r));
  return { ws, frames, send: (msg) => ws.send(JSON.stringify(msg)), count: (c) => frames.filter((f) => f.channel === c).length };
}

it('refuses subscriptions with junk keys or values: 1 000 junk-keyed subscriptions get 1 000 error frames', async () => {
  const h = await startHarness();
  try {
    const c = await connect(h.server.wsUrl);
    for (let i = 0; i < 1_000; i++) c.send({ method: 'subscribe', subscription: { type: 'allMids', [`junk${i}`]: i } });
    for (const sub of [{ type: 'l2Book', coin: 'BTC', nSigFigs: 7 }, { type: 'l2Book', coin: 'BTC', mantissa: 3 }, { type: 'trades', coin: 'BTC', nSigFigs: 5 }, { type: 'userFills', user: '0x' + '1'.repeat(40), aggregateByTime: 'yes' }, { type: 'allMids', dex: 'xyz' }]) {
      c.send({ method: 'subscribe', subscription: sub });
    }
    await waitFor(() => c.count('error') === 1_005, 10_000);
    assert.equal(c.count('subscriptionResponse'), 0);
    assert.match((c.frames[0].data as string), /^Invalid subscription \{"type":"allMids","junk0":0\}$/);
    // The forms clients send are still taken.
    for (const sub of [{ type: 'allMids' }, { type: 'allMids', dex: null }, { type: 'l2Book', coin: 'BTC', nSigFigs: null, mantissa: null }, { type: 'l2Book', coin: 'BTC', nSigFigs: 5, mantissa: 2 }, { type: 'userFills', user: '0x' + '1'.repeat(40), aggregateByTime: false }]) {
      c.send({ method: 'subscribe', subscription: sub });
    }
    await waitFor(() => c.count('subscriptionResponse') + c.count('error') === 1_010);
    assert.equal(c.count('subscriptionResponse'), 4, 'allMids with dex: null is the same subscription as allMids');
    c.ws.close();
  } finally {
    await h.close();
  }
});

it('accepts 1 000 subscriptions on a connection and refuses the 1 001st; at most 10 users', async () => {
  // 45 coins give enough distinct subscriptions: 14 candle intervals, 8 book bucketings and trades each.
  const names = Array.from({ length: 45 }, (_, i) => `X${i}`).join(',');
  const h = await startHarness({ symbols: parseSymbols(names) });
  try {
    const c = await connect(h.server.wsUrl);
    const subs: Record<string, unknown>[] = [];
    for (let i = 0; i < 45; i++) {
      const coin = `X${i}`;
      for (const interval of Object.keys(INTERVALS)) subs.push({ type: 'candle', coin, interval });
      for (const n of [null, 2, 3, 4, 5]) subs.push({ type: 'l2Book', coin, nSigFigs: n });
      for (const mantissa of [1, 2, 5]) subs.push({ type: 'l2Book', coin, nSigFigs: 5, mantissa });
      subs.push({ type: 'trades', coin });
    }
    for (const sub of subs.slice(0, 1_001)) c.send({ method: 'subscribe', subscription: sub });
    await waitFor(() => c.count('subscriptionResponse') + c.count('error') === 1_001, 20_000);
    assert.equal(c.count('subscriptionResponse'), 1_000);
    assert.deepEqual(c.frames.filter((f) => f.channel === 'error').map((f) => f.data), [`Cannot subscribe to more than 1000 channels on one connection: ${JSON.stringify(subs[1_000])}`]);

    const u = await connect(h.server.wsUrl);
    for (let i = 1; i <= 11; i++) u.send({ method: 'subscribe', subscription: { type: 'orderUpdates', user: '0x' + i.toString(16).padStart(40, '0') } });
    u.send({ method: 'subscribe', subscription: { type: 'userFills', user: '0x' + '1'.padStart(40, '0') } });
    await waitFor(() => u.count('subscriptionResponse') + u.count('error') === 12);
    assert.equal(u.count('subscriptionResponse'), 11, 'ten users, one of them twice');
    assert.match(u.frames.find((f) => f.channel === 'error')?.data as string, /^Cannot track more than 10 unique users: /);
    c.ws.close();
    u.ws.close();
  } finally {
    await h.close();
  }
});

it('closes a socket that never reads once 256 KiB wait unsent; memory stays bounded and a reading client goes on', async () => {
  const bound = 256 * 1024;
  const lines: string[] = [];
  const h = await startHarness({}, { maxBufferedBytes: bound, log: (l) => lines.push(l) });
  try {
    const books = ['BTC', 'ETH', 'SOL'].flatMap((coin) => [null, 2, 3, 4, 5].map((n) => ({ type: 'l2Book', coin, nSigFigs: n })));
    const slow = await connect(h.server.wsUrl);
    for (const sub of books) slow.send({ method: 'subscribe', subscription: sub });
    await waitFor(() => slow.count('subscriptionResponse') === books.length);
    const closed = new Promise<{ code: number; reason: string }>((r) => slow.ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
    slow.ws.pause();
    const healthy = await connect(h.server.wsUrl);
    healthy.send({ method: 'subscribe', subscription: { type: 'allMids' } });
    await waitFor(() => healthy.count('allMids') >= 1);

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let steps = 0;
    while (h.server.wsStats().slowConsumersClosed === 0 && steps < 20_000) {
      h.advance(500);
      steps++;
      if (steps % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    assert.equal(h.server.wsStats().slowConsumersClosed, 1, `closed after ${steps} market steps`);
    assert.ok(h.server.wsStats().bufferedHighWater <= bound + 64 * 1024, `high water ${h.server.wsStats().bufferedHighWater}`);
    // Nothing more is queued for it: more steps leave the high-water mark where it was.
    const high = h.server.wsStats().bufferedHighWater;
    for (let i = 0; i < 200; i++) h.advance(500);
    assert.equal(h.server.wsStats().bufferedHighWater, high);
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, `heap grew by ${process.memoryUsage().heapUsed - heapBefore} bytes`);
    assert.match(lines.join('\n'), /closed a WebSocket that stopped reading \(over 262144 bytes unread; 1 so far\)/);

    slow.ws.resume();
    const { code } = await closed;
    assert.ok(code === 1008 || code === 1006, `close code ${code}`);
    const seen = healthy.count('allMids');
    h.advance(1_000);
    await waitFor(() => healthy.count('allMids') > seen);
    assert.equal(healthy.ws.readyState, WebSocket.OPEN);
    healthy.ws.close();
  } finally {
    await h.close();
  }
});

it('answers an upgrade beyond maxConnections with 429 and takes one again once a socket closes', async () => {
  const h = await startHarness({}, { maxConnections: 2 });
  try {
    const a = await connect(h.server.wsUrl);
    const b = await connect(h.server.wsUrl);
    const refused = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      const ws = new WebSocket(h.server.wsUrl);
      ws.once('open', () => reject(new Error('a third socket was accepted')));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
    });
    assert.deepEqual(refused, { status: 429, body: 'Too many WebSocket connections open.' });
    assert.equal(h.server.wsStats().connections, 2);
    a.ws.close();
    await waitFor(() => h.server.wsStats().connections === 1);
    const c = await connect(h.server.wsUrl);
    assert.equal(c.ws.readyState, WebSocket.OPEN);
    b.ws.close();
    c.ws.close();
  } finally {
    await h.close();
  }
});

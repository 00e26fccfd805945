// The WebSocket /ws: greeting, ping, acks, market channels, user channels and post requests, raw and through the SDK.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { KEY_A, startHarness, waitFor, type Harness } from '../../testkit/localnet/test-support.js';

interface RawSocket {
  readonly frames: string[];
  send(msg: unknown): void;
  json(channel: string): { channel: string; data: unknown }[];
  close(): void;
}

async function rawSocket(url: string): Promise<RawSocket> {
  const ws = new WebSocket(url);
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(d.toString()));
  await new Promise((r) => ws.once('open', r));
  return {
    frames,
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    json: (channel) =>
      frames
        .filter((f) => f.startsWith('{'))
        .map((f) => JSON.parse(f) as { channel: string; data: unknown })
        .filter((m) => m.channel === channel),
    close: () => ws.close(),
  };
}

describe('local venue WebSocket', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('greets, pongs, acks subscriptions with the subscription echoed, and pushes market data', async () => {
    const s = await rawSocket(h.server.wsUrl);
    await waitFor(() => s.frames.length >= 1);
    assert.equal(s.frames[0], 'Websocket connection established.');
    s.send({ method: 'ping' });
    await waitFor(() => s.json('pong').length === 1);
    assert.equal(s.frames[s.frames.length - 1], '{"channel":"pong"}');

    const sub = { type: 'l2Book', coin: 'BTC', nSigFigs: null, mantissa: null };
    s.send({ method: 'subscribe', subscription: sub });
    s.send({ method: 'subscribe', subscription: { type: 'trades', coin: 'BTC' } });
    s.send({ method: 'subscribe', subscription: { type: 'bbo', coin: 'BTC' } });
    s.send({ method: 'subscribe', subscription: { type: 'candle', coin: 'BTC', interval: '1m' } });
    s.send({ method: 'subscribe', subscription: { type: 'allMids' } });
    await waitFor(() => s.json('subscriptionResponse').length === 5 && s.json('l2Book').length === 1);
    assert.deepEqual(s.json('subscriptionResponse')[0].data, { method: 'subscribe', subscription: sub });
    const book = s.json('l2Book')[0].data as { coin: string; levels: { px: string; sz: string; n: number }[][] };
    assert.equal(book.coin, 'BTC');
    assert.equal(book.levels.length, 2);

    h.advance(5_000);
    await waitFor(() => s.json('trades').length > 0 && s.json('l2Book').length > 5 && s.json('allMids').length > 1);
    const trade = (s.json('trades')[0].data as Record<string, unknown>[])[0];
    assert.deepEqual(Object.keys(trade), ['coin', 'side', 'px', 'sz', 'time', 'hash', 'tid', 'users']);
    const bbo = s.json('bbo')[0].data as { bbo: { px: string }[] };
    assert.equal(bbo.bbo.length, 2);
    const candle = s.json('candle').at(-1)?.data as { s: string; i: string };
    assert.deepEqual([candle.s, candle.i], ['BTC', '1m']);

    s.send({ method: 'subscribe', subscription: sub });
    s.send({ method: 'subscribe', subscription: { type: 'l2Book', coin: 'NOPE' } });
    await waitFor(() => s.json('error').length === 2);
    assert.match(s.json('error')[0].data as string, /^Already subscribed: \{/);
    assert.match(s.json('error')[1].data as string, /^Invalid subscription \{/);
    s.send({ method: 'unsubscribe', subscription: sub });
    await waitFor(() => s.json('subscriptionResponse').length === 6);
    assert.deepEqual(s.json('subscriptionResponse')[5].data, { method: 'unsubscribe', subscription: sub });
    s.close();
  });

  it('answers post requests: info and action', async () => {
    const s = await rawSocket(h.server.wsUrl);
    s.send({ method: 'post', id: 42, request: { type: 'info', payload: { type: 'allMids' } } });
    s.send({ method: 'post', id: 43, request: { type: 'info', payload: { type: 'nope' } } });
    await waitFor(() => s.json('post').length === 2);
    const [a, b] = s.json('post').map((p) => p.data as { id: number; response: { type: string; payload: unknown } });
    assert.equal(a.id, 42);
    assert.equal(a.response.type, 'info');
    assert.deepEqual(Object.keys((a.response.payload as { data: object }).data), ['BTC', 'ETH', 'SOL']);
    assert.equal(b.response.type, 'error');
    s.close();
  });

  it('sends orderUpdates, userEvents fills and the userFills snapshot through the SDK', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const ws = h.subscriptions();
    const updates: { order: { oid: number }; status: string }[] = [];
    const userEvents: unknown[] = [];
    await ws.client.orderUpdates({ user: wallet.address }, (e) => updates.push(...e));
    await ws.client.userEvents({ user: wallet.address }, (e) => userEvents.push(e));
    const book = await h.info.l2Book({ coin: 'ETH' });
    const res = await client.order({ orders: [{ a: 1, b: true, p: (Number(book?.levels[0][3].px) - 10).toFixed(1), s: '0.01', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    const s = res.response.data.statuses[0];
    assert.ok(typeof s === 'object' && 'resting' in s);
    await waitFor(() => updates.some((u) => u.order.oid === s.resting.oid && u.status === 'open'));
    await client.cancel({ cancels: [{ a: 1, o: s.resting.oid }] });
    await waitFor(() => updates.some((u) => u.order.oid === s.resting.oid && u.status === 'canceled'));
    const ioc = await client.order({ orders: [{ a: 1, b: true, p: (Number(book?.levels[1][0].px) * 1.01).toFixed(1), s: '0.01', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const f = ioc.response.data.statuses[0];
    assert.ok(typeof f === 'object' && 'filled' in f);
    await waitFor(() => userEvents.some((e) => 'fills' in (e as object)));
    await waitFor(() => updates.some((u) => u.order.oid === f.filled.oid && u.status === 'filled'));
  });
});

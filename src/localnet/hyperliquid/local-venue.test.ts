// The local venue driven by the unmodified @nktkas/hyperliquid clients (HTTP and WebSocket) and by raw requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiRequestError } from '@nktkas/hyperliquid';
import { isValidPrice } from '../../core/instrument.js';
import { KEY_A, KEY_B, signedBody, startHarness, waitFor, type Harness } from '../../testkit/localnet/test-support.js';

/** The per-order error the SDK throws for a batch with an error status. */
async function orderError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiRequestError, `expected ApiRequestError, got ${String(e)}`);
    const statuses = (e.response as { response?: { data?: { statuses?: unknown[] } } }).response?.data?.statuses;
    if (statuses !== undefined) return (statuses.find((s) => typeof s === 'object' && s !== null && 'error' in s) as { error: string }).error;
    return (e.response as { response: string }).response;
  }
  assert.fail('expected the venue to refuse');
}

describe('local venue with @nktkas/hyperliquid clients', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('reads meta, mids and a book in the venue shapes', async () => {
    const meta = await h.info.meta();
    assert.deepEqual(meta.universe.map((u) => [u.name, u.szDecimals]), [['BTC', 5], ['ETH', 4], ['SOL', 2]]);
    const mids = await h.info.allMids();
    assert.deepEqual(Object.keys(mids), ['BTC', 'ETH', 'SOL']);
    h.advance(2_000);
    const book = await h.info.l2Book({ coin: 'ETH' });
    assert.ok(book !== null);
    const [bids, asks] = book.levels;
    assert.equal(bids.length, 20);
    assert.equal(asks.length, 20);
    const inst = h.venue.feed.market('ETH')?.inst;
    assert.ok(inst !== undefined);
    for (let i = 1; i < 20; i++) {
      assert.ok(Number(bids[i].px) < Number(bids[i - 1].px), 'bids descend');
      assert.ok(Number(asks[i].px) > Number(asks[i - 1].px), 'asks ascend');
    }
    for (const l of [...bids, ...asks]) {
      assert.ok(isValidPrice(inst, Number(l.px)), `price ${l.px} on the grid`);
      assert.equal(typeof l.n, 'number');
    }
    assert.ok(Number(bids[0].px) < Number(asks[0].px));
    const [m, ctxs] = await h.info.metaAndAssetCtxs();
    assert.equal(m.universe.length, ctxs.length);
    assert.equal(ctxs[1].midPx, mids.ETH === undefined ? undefined : ctxs[1].midPx);
    const spot = await h.info.spotMeta();
    assert.deepEqual(spot.universe, []);
    const candles = await h.info.candleSnapshot({ coin: 'BTC', interval: '15m', startTime: h.clock.now() - 3_600_000 });
    assert.ok(candles.length >= 4);
    assert.deepEqual(Object.keys(candles[0]), ['t', 'T', 's', 'i', 'o', 'c', 'h', 'l', 'v', 'n']);
    assert.deepEqual(await h.info.fundingHistory({ coin: 'BTC', startTime: 0 }), []);
  });

  it('places a resting limit, modifies it and cancels it', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const book = await h.info.l2Book({ coin: 'BTC' });
    const far = String(Math.round(Number(book?.levels[0][5].px) * 0.98));
    const placed = await client.order({ orders: [{ a: 0, b: true, p: far, s: '0.001', r: false, t: { limit: { tif: 'Gtc' } }, c: '0x8000000000000000000000000000abcd' }], grouping: 'na' });
    const status = placed.response.data.statuses[0];
    assert.ok(typeof status === 'object' && 'resting' in status);
    const oid = status.resting.oid;
    assert.equal(status.resting.cloid, '0x8000000000000000000000000000abcd');
    const st = await h.info.orderStatus({ user: wallet.address, oid });
    assert.equal(st.status, 'order');
    assert.ok(st.status === 'order' && st.order.status === 'open' && st.order.order.limitPx === far + '.0');
    // A cloid with the top bit set: the SDK's oid schema reads a smaller 0x… string as an integer oid.
    const byCloid = await h.info.orderStatus({ user: wallet.address, oid: '0x8000000000000000000000000000abcd' });
    assert.ok(byCloid.status === 'order' && byCloid.order.order.oid === oid);

    const lower = String(Number(far) - 100);
    const modified = await client.modify({ oid, order: { a: 0, b: true, p: lower, s: '0.002', r: false, t: { limit: { tif: 'Gtc' } } } });
    assert.deepEqual(modified, { status: 'ok', response: { type: 'default' } });
    const open = await h.info.frontendOpenOrders({ user: wallet.address });
    assert.equal(open.length, 1);
    assert.equal(open[0].oid, oid);
    assert.equal(open[0].limitPx, lower + '.0');
    assert.equal(open[0].sz, '0.002');
    assert.equal(open[0].orderType, 'Limit');
    assert.equal(open[0].tif, 'Gtc');

    const cancelled = await client.cancel({ cancels: [{ a: 0, o: oid }] });
    assert.deepEqual(cancelled, { status: 'ok', response: { type: 'cancel', data: { statuses: ['success'] } } });
    const after = await h.info.orderStatus({ user: wallet.address, oid });
    assert.ok(after.status === 'order' && after.order.status === 'canceled');
    assert.deepEqual(await h.info.openOrders({ user: wallet.address }), []);
    assert.equal(await orderError(client.cancel({ cancels: [{ a: 0, o: oid }] })), 'Order was never placed, already canceled, or filled. asset=0');
  });

  it('fills an IOC, reports it on the userFills WebSocket and in clearinghouseState', async () => {
    const { client, wallet } = h.exchange(KEY_B);
    const ws = h.subscriptions();
    const events: { isSnapshot?: boolean; fills: { oid: number; sz: string; crossed: boolean; dir: string }[] }[] = [];
    await ws.client.userFills({ user: wallet.address }, (e) => events.push(e));
    await waitFor(() => events.length >= 1);
    assert.equal(events[0].isSnapshot, true);
    assert.deepEqual(events[0].fills, []);

    const book = await h.info.l2Book({ coin: 'SOL' });
    const limit = (Number(book?.levels[1][0].px) * 1.01).toFixed(2);
    const res = await client.order({ orders: [{ a: 2, b: true, p: limit, s: '1.5', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const s = res.response.data.statuses[0];
    assert.ok(typeof s === 'object' && 'filled' in s, JSON.stringify(s));
    assert.equal(s.filled.totalSz, '1.5');
    await waitFor(() => events.some((e) => e.fills.some((f) => f.oid === s.filled.oid)));
    const live = events.find((e) => e.fills.some((f) => f.oid === s.filled.oid));
    assert.equal(live?.isSnapshot, undefined);
    assert.equal(live?.fills[0].crossed, true);
    assert.equal(live?.fills[0].dir, 'Open Long');

    const state = await h.info.clearinghouseState({ user: wallet.address });
    assert.equal(state.assetPositions.length, 1);
    assert.equal(state.assetPositions[0].position.coin, 'SOL');
    assert.equal(state.assetPositions[0].position.szi, '1.5');
    assert.equal(state.assetPositions[0].position.entryPx, s.filled.avgPx);
    const fills = await h.info.userFills({ user: wallet.address });
    assert.equal(fills.length, 1);
    assert.equal(fills[0].oid, s.filled.oid);
    assert.equal(fills[0].feeToken, 'USDC');

    // Closing with reduce-only is allowed (and exempt from the $10 minimum when it closes).
    const bid = (Number(book?.levels[0][0].px) * 0.99).toFixed(2);
    const closed = await client.order({ orders: [{ a: 2, b: false, p: bid, s: '1.5', r: true, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    assert.ok(typeof closed.response.data.statuses[0] === 'object' && 'filled' in closed.response.data.statuses[0]);
    const flat = await h.info.clearinghouseState({ user: wallet.address });
    assert.deepEqual(flat.assetPositions, []);
  });

  it('answers with the venue error strings', async () => {
    const { client } = h.exchange(KEY_A);
    const book = await h.info.l2Book({ coin: 'BTC' });
    const bid = book?.levels[0][0].px as string;
    const ask = book?.levels[1][0].px as string;
    const limit = (tif: 'Gtc' | 'Ioc' | 'Alo') => ({ limit: { tif } });
    assert.equal(
      await orderError(client.order({ orders: [{ a: 0, b: true, p: ask, s: '0.001', r: false, t: limit('Alo') }], grouping: 'na' })),
      `Post only order would have immediately matched, bbo was ${bid}@${ask}. asset=0`,
    );
    assert.equal(await orderError(client.order({ orders: [{ a: 0, b: true, p: bid, s: '0.00005', r: false, t: limit('Gtc') }], grouping: 'na' })), 'Order must have minimum value of $10. asset=0');
    assert.equal(await orderError(client.order({ orders: [{ a: 0, b: true, p: `${Number(bid) - 1000}.5`, s: '0.001', r: false, t: limit('Gtc') }], grouping: 'na' })), 'Price must be divisible by tick size. asset=0');
    assert.equal(await orderError(client.order({ orders: [{ a: 1, b: false, p: '3000', s: '0.01', r: true, t: limit('Gtc') }], grouping: 'na' })), 'Reduce only order would increase position. asset=1');
    assert.equal(await orderError(client.order({ orders: [{ a: 0, b: true, p: String(Number(bid) - 500), s: '0.001', r: false, t: limit('Ioc') }], grouping: 'na' })), 'Order could not immediately match against any resting orders. asset=0');
    assert.equal(await orderError(client.order({ orders: [{ a: 0, b: true, p: bid, s: '5', r: false, t: limit('Gtc') }], grouping: 'na' })), 'Insufficient margin to place order. asset=0');
    assert.equal(await orderError(client.order({ orders: [{ a: 0, b: true, p: bid, s: '0.0010001', r: false, t: limit('Gtc') }], grouping: 'na' })), 'Order has invalid size. asset=0');
  });

  it('rests a limit that fills when the simulated market trades through it', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const book = await h.info.l2Book({ coin: 'ETH' });
    const px = book?.levels[0][0].px as string;
    const res = await client.order({ orders: [{ a: 1, b: true, p: px, s: '0.01', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    const s = res.response.data.statuses[0];
    assert.ok(typeof s === 'object' && 'resting' in s);
    for (let i = 0; i < 2_000; i++) {
      h.advance(500);
      const st = await h.info.orderStatus({ user: wallet.address, oid: s.resting.oid });
      if (st.status === 'order' && st.order.status === 'filled') break;
    }
    const fills = (await h.info.userFills({ user: wallet.address })).filter((f) => f.oid === s.resting.oid);
    assert.ok(fills.length >= 1, 'the resting order filled');
    assert.equal(fills[0].crossed, false);
    assert.equal(fills[0].px, px);
  });

  it('refuses malformed and non-canonical signatures and reused nonces', async () => {
    const { wallet } = h.exchange(KEY_A);
    const now = h.clock.now();
    const action = { type: 'order', orders: [{ a: 0, b: true, p: '90000', s: '0.001', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' };
    const good = await signedBody(KEY_A, action, now + 10);
    // Not a signature at all: 422 text, like any body the venue cannot decode.
    const garbled = await h.post('/exchange', { ...good, signature: { r: 'xyz', s: '0x1', v: 27 } });
    assert.equal(garbled.status, 422);
    assert.match(garbled.type, /text\/plain/);
    // r = s = 0 recovers no key.
    const zero = await h.post('/exchange', { ...good, nonce: now + 11, signature: { r: '0x0', s: '0x0', v: 27 } });
    assert.deepEqual(zero.json(), { status: 'err', response: 'Unable to recover signer.' });
    // Signed with a trailing zero the venue does not hash ("90000.0"): the venue recovers a stranger.
    const sloppy = await signedBody(KEY_A, { ...action, orders: [{ ...action.orders[0], p: '90000.0' }] }, now + 12);
    const r = (await h.post('/exchange', sloppy)).json() as { status: string; response: string };
    assert.equal(r.status, 'err');
    assert.match(r.response, /^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
    assert.ok(!r.response.includes(wallet.address.toLowerCase()));

    const first = (await h.post('/exchange', good)).json() as { status: string };
    assert.equal(first.status, 'ok');
    assert.deepEqual((await h.post('/exchange', good)).json(), { status: 'err', response: `Invalid nonce: duplicate nonce ${now + 10}` });
    const stale = await signedBody(KEY_A, { type: 'noop' }, now - 3 * 86_400_000);
    assert.match(((await h.post('/exchange', stale)).json() as { response: string }).response, /^Invalid nonce: /);
  });

  it('answers undecodable bodies with 422 plain text', async () => {
    const bad = await h.post('/info', '{"type":');
    assert.equal(bad.status, 422);
    assert.match(bad.type, /text\/plain/);
    assert.equal((await h.post('/info', { type: 'noSuchQuery' })).status, 422);
    const unknown = await h.post('/exchange', { action: { type: 'order', orders: 'x', grouping: 'na' }, nonce: 1, signature: { r: '0x1', s: '0x1', v: 27 } });
    assert.equal(unknown.status, 422);
    assert.match(unknown.text, /^Failed to deserialize the JSON body into the target type/);
  });
});

describe('local venue accounts', () => {
  it("in 'named' mode refuses a tampered request: its signer is a stranger", async () => {
    const h = await startHarness({ accounts: 'named' });
    try {
      const { wallet } = h.exchange(KEY_A);
      await h.info.clearinghouseState({ user: wallet.address });
      const body = await signedBody(KEY_A, { type: 'noop' }, h.clock.now());
      assert.deepEqual((await h.post('/exchange', body)).json(), { status: 'ok', response: { type: 'default' } });
      const signed = await signedBody(KEY_A, { type: 'order', orders: [{ a: 0, b: true, p: '90000', s: '0.001', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' }, h.clock.now() + 1);
      const tampered = { ...signed, action: { ...(signed.action as object), orders: [{ a: 0, b: true, p: '91000', s: '0.001', r: false, t: { limit: { tif: 'Gtc' } } }] } };
      const r = (await h.post('/exchange', tampered)).json() as { status: string; response: string };
      assert.equal(r.status, 'err');
      assert.match(r.response, /^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
      assert.deepEqual(await h.info.openOrders({ user: wallet.address }), []);
    } finally {
      await h.close();
    }
  });

  it('shuts down cleanly with a WebSocket client connected', async () => {
    const h = await startHarness();
    const ws = h.subscriptions();
    const mids: unknown[] = [];
    await ws.client.allMids((e) => mids.push(e));
    await waitFor(() => mids.length > 0);
    await h.server.close();
    await assert.rejects(fetch(h.server.url + '/info', { method: 'POST', body: '{"type":"meta"}' }));
    await ws.transport.close().catch(() => {});
  });
});

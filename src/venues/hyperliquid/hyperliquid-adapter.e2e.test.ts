// The adapter end to end against the local Hyperliquid-compatible venue: instruments, orders by client id, fills on both paths, books, rejections, unknown outcomes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import type { Envelope } from '../../core/envelope.js';
import { UnknownOutcomeError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { isBookEvent, type BookEvent } from '../../market/market-events.js';
import { OrderBook } from '../../market/order-book.js';
import { KEY_A, startHarness, waitFor, type Harness } from '../../testkit/localnet/test-support.js';
import { createHyperliquidAdapter, type HyperliquidVenue } from './create-adapter.js';
import { HyperliquidAdapter } from './hyperliquid-adapter.js';
import type { FillEvent, OrderUpdateEvent } from './parse/account-types.js';
import { HyperliquidSigner } from './signing/exchange-signer.js';
import { NonceSource } from './signing/nonce.js';
import type { HealthEvent } from './transport/health-events.js';
import { LiveClock } from '../../core/live-clock.js';
import { LocalHttpServer, type Reply } from '../../testkit/venues/hyperliquid/local-http-server.js';

const RATE = { ip: { perMinute: 6_000, burst: 2_000 } };

function signerFor(h: Harness, key: string): HyperliquidSigner {
  // The venue checks nonces against its own (manual) clock: sign with that clock.
  return new HyperliquidSigner({ account: privateKeyToAccount(key as `0x${string}`), network: 'mainnet', nonces: new NonceSource(h.clock) });
}

async function topOfBook(h: Harness, coin: string): Promise<{ bid: number; ask: number }> {
  const book = await h.info.l2Book({ coin });
  assert.ok(book);
  return { bid: Number(book.levels[0][0].px), ask: Number(book.levels[1][0].px) };
}

describe('HyperliquidAdapter against the local venue', () => {
  let h: Harness;
  let venue: HyperliquidVenue;
  let adapter: HyperliquidAdapter;
  const health: HealthEvent[] = [];

  before(async () => {
    h = await startHarness();
    venue = createHyperliquidAdapter({
      config: { httpUrl: h.server.url, wsUrl: h.server.wsUrl, rateLimits: RATE },
      scheduler: new LiveClock(),
      clock: h.clock,
      rng: createRng(1),
      onHealth: (e) => health.push(e),
      signer: signerFor(h, KEY_A),
    });
    adapter = venue.adapter;
    venue.start();
  });

  after(async () => {
    await venue.close();
    await h.close();
  });

  it('loads instruments with the venue price rule (5 significant figures, 6 − szDecimals decimals) and asset ids', async () => {
    const { table, instruments, contexts } = await adapter.requestInstruments();
    const meta = await h.info.meta();
    assert.equal(instruments.length, meta.universe.length);
    meta.universe.forEach((m, i) => {
      const a = table.require(m.name);
      assert.equal(a.assetId, i);
      assert.equal(a.szDecimals, m.szDecimals);
      assert.deepEqual(a.instrument.priceRule, { kind: 'sigfig', sigFigs: 5, maxDecimals: 6 - m.szDecimals });
      assert.equal(a.instrument.lotSize, Number(`1e-${m.szDecimals}`));
      assert.equal(a.instrument.minNotional, 10);
      assert.equal(a.maxLeverage, m.maxLeverage);
      assert.ok(contexts.get(m.name)!.markPrice > 0);
    });
    assert.equal(table.require('BTC').instrument.priceRule.kind, 'sigfig');
  });

  it('places a resting limit by client id, finds it by orderStatus(clientId), cancels it, and a second cancel is rejected by the venue', async () => {
    const { bid } = await topOfBook(h, 'BTC');
    // An off-grid price: the adapter snaps it (passive buy: down) onto 5 significant figures.
    const price = bid * 0.97 + 0.123456;
    const placed = await adapter.submitOrder({ symbol: 'BTC', side: 'buy', qty: 0.0012345678, type: 'limit', price, clientId: 'e2e-rest-1' });
    assert.equal(placed.status, 'resting', JSON.stringify(placed));
    assert.equal(placed.cloid, HyperliquidAdapter.cloidOf('e2e-rest-1'));

    const st = await adapter.orderStatus('e2e-rest-1');
    assert.ok(st.found);
    assert.equal(st.update.state, 'open');
    assert.equal(st.update.order.cloid, placed.cloid);
    assert.equal(st.update.order.size, 0.00123); // truncated to szDecimals 5, never grown
    assert.ok(st.update.order.limitPrice <= price && st.update.order.limitPrice > price * 0.9999);
    assert.ok((await adapter.openOrders()).some((o) => o.cloid === placed.cloid));

    assert.deepEqual(await adapter.cancelOrder('e2e-rest-1'), { status: 'ok' });
    const after = await adapter.orderStatus('e2e-rest-1');
    assert.ok(after.found);
    assert.equal(after.update.state, 'canceled');
    const again = await adapter.cancelOrder('e2e-rest-1', { symbol: 'BTC' });
    assert.equal(again.status, 'rejected');
    assert.match(again.status === 'rejected' ? again.message : '', /Order was never placed, already canceled, or filled/);
    assert.deepEqual(await adapter.orderStatus('e2e-never-sent'), { found: false });
  });

  it('fills an IOC and a market order; each fill arrives over the WebSocket and through fills(), once per fill id', async () => {
    const events: Envelope[] = [];
    const sub = await adapter.subscribeUserEvents((e) => events.push(e));
    const since = h.clock.now();
    const { ask } = await topOfBook(h, 'ETH');
    const ioc = await adapter.submitOrder({ symbol: 'ETH', side: 'buy', qty: 0.01, type: 'limit', tif: 'IOC', price: ask * 1.01, clientId: 'e2e-ioc-1' });
    assert.equal(ioc.status, 'filled', JSON.stringify(ioc));
    assert.equal(ioc.status === 'filled' ? ioc.filledQty : 0, 0.01);
    const mkt = await adapter.submitOrder({ symbol: 'ETH', side: 'sell', qty: 0.01, type: 'market', reduceOnly: true, clientId: 'e2e-mkt-1' });
    assert.equal(mkt.status, 'filled', JSON.stringify(mkt));

    const wsFills = (cloid: string) => events.filter((e): e is FillEvent => e.type === 'account.fill' && (e as FillEvent).data.cloid === cloid);
    await waitFor(() => wsFills(ioc.cloid).length > 0 && wsFills(mkt.cloid).length > 0);
    await waitFor(() => events.some((e) => e.type === 'account.order' && (e as OrderUpdateEvent).data.order.cloid === ioc.cloid && (e as OrderUpdateEvent).data.state === 'filled'));

    const rest = await adapter.fills(since);
    for (const placed of [ioc, mkt]) {
      const byWs = wsFills(placed.cloid).map((e) => e.data.fillId).sort();
      const byRest = rest.filter((f) => f.cloid === placed.cloid).map((f) => f.fillId).sort();
      assert.deepEqual(byRest, byWs);
    }
    assert.equal(new Set(rest.map((f) => f.fillId)).size, rest.length);
    assert.equal(rest.find((f) => f.cloid === ioc.cloid)?.liquidity, 'taker');
    const account = await adapter.account();
    assert.ok(account.marginSummary !== undefined);
    assert.equal(account.positions.find((p) => p.symbol === 'ETH')?.size ?? 0, 0);
    await sub.unsubscribe();
  });

  it('delivers l2Book snapshots that apply cleanly to an OrderBook, plus trades, candles and asset contexts', async () => {
    const books: BookEvent[] = [];
    const other: Envelope[] = [];
    const subs = [
      await adapter.subscribeBook('BTC', (e) => {
        assert.ok(isBookEvent(e));
        books.push(e);
      }),
      await adapter.subscribeTrades('BTC', (e) => other.push(e)),
      await adapter.subscribeCandles('BTC', '1m', (e) => other.push(e)),
      await adapter.subscribeAssetCtx('BTC', (e) => other.push(e)),
    ];
    for (let i = 0; i < 10; i++) h.advance(1_000);
    // With the clock still, the venue's REST book is the last one pushed: wait until it has arrived.
    const { bid, ask } = await topOfBook(h, 'BTC');
    const top = (e: BookEvent | undefined) => (e === undefined ? [] : [e.data.bids[0], e.data.asks[0]]);
    await waitFor(() => books.length >= 5 && top(books.at(-1)).join() === [bid, ask].join());
    await waitFor(() => ['market.trade', 'market.candle', 'market.assetCtx'].every((t) => other.some((e) => e.type === t)));

    const ob = new OrderBook('BTC');
    let lastSeq = 0;
    for (const e of books) {
      assert.equal(e.symbol, 'BTC');
      assert.ok(e.data.snapshot);
      assert.ok(e.seq > lastSeq);
      lastSeq = e.seq;
      ob.applySnapshot(e.data.bids, e.data.asks, e.seq);
      assert.equal(ob.integrity(), undefined);
      assert.ok(ob.bestBid() < ob.bestAsk());
    }
    assert.deepEqual([ob.bestBid(), ob.bestAsk()], [bid, ask]);
    for (const s of subs) await s.unsubscribe();
  });

  it('comes back rejected with the venue message: post-only crossing, minimum notional, IOC without a match, bad leverage', async () => {
    const { bid, ask } = await topOfBook(h, 'BTC');
    const alo = await adapter.submitOrder({ symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', tif: 'ALO', price: ask * 1.001, clientId: 'e2e-alo-1' });
    assert.equal(alo.status, 'rejected');
    assert.match(alo.status === 'rejected' ? alo.message : '', /^Post only order would have immediately matched/);

    const tiny = await adapter.submitOrder({ symbol: 'BTC', side: 'buy', qty: 5 / bid, type: 'limit', price: bid * 0.98, clientId: 'e2e-tiny-1' });
    assert.equal(tiny.status, 'rejected');
    assert.match(tiny.status === 'rejected' ? tiny.message : '', /^Order must have minimum value of \$10/);

    const ioc = await adapter.submitOrder({ symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', tif: 'IOC', price: bid * 0.9, clientId: 'e2e-ioc-nomatch' });
    assert.equal(ioc.status, 'rejected');
    assert.match(ioc.status === 'rejected' ? ioc.message : '', /could not immediately match/);

    const lev = await adapter.setLeverage('BTC', 1_000);
    assert.equal(lev.status, 'rejected');
    assert.deepEqual(await adapter.setLeverage('BTC', 5, { cross: true }), { status: 'ok' });

    const sched = await adapter.scheduleCancel(h.clock.now() + 60_000);
    assert.deepEqual(sched, { status: 'ok' });
    assert.deepEqual(await adapter.scheduleCancel(undefined), { status: 'ok' });
  });

  it('modifies a resting order by client id; the order keeps its cloid', async () => {
    const { bid } = await topOfBook(h, 'SOL');
    const placed = await adapter.submitOrder({ symbol: 'SOL', side: 'buy', qty: 1, type: 'limit', price: bid * 0.95, clientId: 'e2e-mod-1' });
    assert.equal(placed.status, 'resting', JSON.stringify(placed));
    const mod = await adapter.modifyOrder('e2e-mod-1', { symbol: 'SOL', side: 'buy', qty: 2, type: 'limit', price: bid * 0.94 });
    assert.deepEqual(mod, { status: 'ok' });
    const st = await adapter.orderStatus('e2e-mod-1');
    assert.ok(st.found && st.update.state === 'open');
    assert.equal(st.update.order.size, 2);
    assert.deepEqual(await adapter.cancelOrder('e2e-mod-1'), { status: 'ok' });
  });

  it('an /exchange that never answers, answers 5xx or answers garbage is an unknown outcome, never a rejection', async () => {
    let exchangeReply: Reply = 'hang';
    // /info goes through to the local venue (instruments, mids); /exchange gets what the test decides.
    const server = await LocalHttpServer.start(async (req) => {
      if (req.path !== '/info') return exchangeReply;
      const res = await fetch(`${h.server.url}/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body) });
      return { json: await res.json() };
    });
    const silent = createHyperliquidAdapter({
      config: { httpUrl: server.url, wsUrl: h.server.wsUrl, rateLimits: RATE, http: { exchangeTimeoutMs: 300 } },
      scheduler: new LiveClock(),
      clock: h.clock,
      rng: createRng(2),
      onHealth: () => {},
      signer: signerFor(h, KEY_A),
    });
    try {
      const { bid } = await topOfBook(h, 'BTC');
      const req = { symbol: 'BTC', side: 'buy' as const, qty: 0.001, type: 'limit' as const, price: bid * 0.97 };
      const hung = await silent.adapter.submitOrder({ ...req, clientId: 'e2e-hang-1' });
      assert.equal(hung.status, 'unknown');
      assert.ok(hung.status === 'unknown' && hung.error instanceof UnknownOutcomeError);
      assert.ok(server.requests.some((r) => r.path === '/exchange'));

      exchangeReply = { status: 502, text: 'Bad Gateway' };
      assert.equal((await silent.adapter.submitOrder({ ...req, clientId: 'e2e-502-1' })).status, 'unknown');
      exchangeReply = { text: 'not json' };
      assert.equal((await silent.adapter.submitOrder({ ...req, clientId: 'e2e-garbage-1' })).status, 'unknown');
      exchangeReply = { json: { status: 'ok', response: { type: 'order', data: { statuses: [] } } } };
      assert.equal((await silent.adapter.submitOrder({ ...req, clientId: 'e2e-short-1' })).status, 'unknown');
      exchangeReply = { json: { status: 'ok', response: { type: 'cancel' } } };
      assert.equal((await silent.adapter.cancelOrder('e2e-hang-1', { symbol: 'BTC' })).status, 'unknown');
      // The venue's own refusal is the one definitive answer.
      exchangeReply = { json: { status: 'err', response: 'Insufficient margin to place order.' } };
      assert.deepEqual(
        await silent.adapter.submitOrder({ ...req, clientId: 'e2e-err-1' }),
        { clientId: 'e2e-err-1', cloid: HyperliquidAdapter.cloidOf('e2e-err-1'), status: 'rejected', message: 'Insufficient margin to place order.' },
      );
    } finally {
      await silent.close();
      await server.close();
    }
  });
});

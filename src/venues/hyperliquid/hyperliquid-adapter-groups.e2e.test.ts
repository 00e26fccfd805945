// The adapter's batch, bracket, TWAP, isolated-margin and transfer methods end to end against the local venue over loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import { BadInputError, UnknownOutcomeError } from '../../core/errors.js';
import { fixedToNumber } from '../../core/fixed.js';
import { isValidPrice } from '../../core/instrument.js';
import { createRng } from '../../core/rng.js';
import { startHarness, type Harness } from '../../testkit/localnet/test-support.js';
import { createHyperliquidAdapter, type HyperliquidVenue } from './create-adapter.js';
import { HyperliquidAdapter } from './hyperliquid-adapter.js';
import type { OrderOutcome } from './adapter/outcomes.js';
import { HyperliquidSigner } from './signing/exchange-signer.js';
import { NonceSource } from './signing/nonce.js';
import { LiveClock } from '../../core/live-clock.js';
import { LocalHttpServer, type Reply } from '../../testkit/venues/hyperliquid/local-http-server.js';

const RATE = { ip: { perMinute: 6_000, burst: 2_000 } };
const KEY = '0x4444444444444444444444444444444444444444444444444444444444444444';
/** The venue's TWAP slice interval (hyperliquid.md §4). */
const SLICE_MS = 30_000;

function signerFor(h: Harness, key: string): HyperliquidSigner {
  // The venue checks nonces against its own (manual) clock: sign with that clock.
  return new HyperliquidSigner({ account: privateKeyToAccount(key as `0x${string}`), network: 'mainnet', nonces: new NonceSource(h.clock) });
}

function venueFor(h: Harness, httpUrl: string, seed: number, extra: { exchangeTimeoutMs?: number } = {}): HyperliquidVenue {
  return createHyperliquidAdapter({
    config: { httpUrl, wsUrl: h.server.wsUrl, rateLimits: RATE, ...(extra.exchangeTimeoutMs !== undefined ? { http: { exchangeTimeoutMs: extra.exchangeTimeoutMs } } : {}) },
    scheduler: new LiveClock(),
    clock: h.clock,
    rng: createRng(seed),
    onHealth: () => {},
    signer: signerFor(h, KEY),
  });
}

function message(o: { status: string } | undefined): string {
  return o !== undefined && 'message' in o ? String(o.message) : '';
}

describe('HyperliquidAdapter batches, brackets, TWAP, margin and transfers against the local venue', () => {
  let h: Harness;
  let venue: HyperliquidVenue;
  let adapter: HyperliquidAdapter;

  before(async () => {
    h = await startHarness({ seed: 31 });
    venue = venueFor(h, h.server.url, 1);
    adapter = venue.adapter;
    await adapter.requestInstruments();
  });

  after(async () => {
    await venue.close();
    await h.close();
  });

  async function top(coin: string): Promise<{ bid: number; ask: number }> {
    const book = await h.info.l2Book({ coin });
    assert.ok(book);
    return { bid: Number(book.levels[0][0].px), ask: Number(book.levels[1][0].px) };
  }

  async function position(symbol: string): Promise<number> {
    return (await adapter.account()).positions.find((p) => p.symbol === symbol)?.size ?? 0;
  }

  it('submitOrders sends several orders in one action: one outcome each, a venue error rejects only its own order', async () => {
    const since = h.clock.now();
    const [btc, eth, sol] = [await top('BTC'), await top('ETH'), await top('SOL')];
    const out = await adapter.submitOrders([
      { symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', price: btc.bid * 0.95, clientId: 'grp-batch-rest' },
      { symbol: 'ETH', side: 'buy', qty: 0.01, type: 'limit', tif: 'IOC', price: eth.ask * 1.01, clientId: 'grp-batch-ioc' },
      { symbol: 'SOL', side: 'buy', qty: 1, type: 'limit', tif: 'ALO', price: sol.ask * 1.01, clientId: 'grp-batch-alo' },
    ]);
    assert.deepEqual(out.map((o) => [o.clientId, o.status]), [['grp-batch-rest', 'resting'], ['grp-batch-ioc', 'filled'], ['grp-batch-alo', 'rejected']]);
    assert.deepEqual(out.map((o) => o.cloid), ['grp-batch-rest', 'grp-batch-ioc', 'grp-batch-alo'].map((c) => HyperliquidAdapter.cloidOf(c)));
    assert.match(message(out[2]), /^Post only order would have immediately matched/);
    const open = await adapter.openOrders();
    assert.ok(open.some((o) => o.cloid === out[0].cloid && o.symbol === 'BTC' && o.size === 0.001));
    assert.ok(!open.some((o) => o.cloid === out[2].cloid));
    const fills = (await adapter.fills(since)).filter((f) => f.cloid === out[1].cloid);
    assert.equal(fills.reduce((s, f) => s + f.size, 0), 0.01);
    assert.equal(await position('ETH'), 0.01);

    // cancelOrders: one action, one outcome per cancel; the never-placed order is the venue's refusal.
    const cancels = await adapter.cancelOrders([
      { clientId: 'grp-batch-rest', symbol: 'BTC' },
      { clientId: 'grp-batch-alo', symbol: 'SOL' },
    ]);
    assert.equal(cancels[0].status, 'ok');
    assert.equal(cancels[1].status, 'rejected');
    assert.match(message(cancels[1]), /Order was never placed, already canceled, or filled/);
    const st = await adapter.orderStatus('grp-batch-rest');
    assert.ok(st.found && st.update.state === 'canceled');
    assert.equal((await adapter.submitOrders([{ symbol: 'ETH', side: 'sell', qty: 0.01, type: 'market', reduceOnly: true, clientId: 'grp-batch-close' }]))[0].status, 'filled');
    await assert.rejects(
      adapter.submitOrders([
        { symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', price: btc.bid * 0.9, clientId: 'grp-dup' },
        { symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', price: btc.bid * 0.9, clientId: 'grp-dup' },
      ]),
      BadInputError,
    );
  });

  it('modifyOrders replaces several orders in one batchModify; each keeps its cloid, an order no longer working is rejected alone', async () => {
    const { bid } = await top('SOL');
    const placed = await adapter.submitOrders([
      { symbol: 'SOL', side: 'buy', qty: 1, type: 'limit', price: bid * 0.95, clientId: 'grp-mod-a' },
      { symbol: 'SOL', side: 'buy', qty: 1, type: 'limit', price: bid * 0.94, clientId: 'grp-mod-b' },
    ]);
    assert.deepEqual(placed.map((o) => o.status), ['resting', 'resting']);
    const out = await adapter.modifyOrders([
      { clientId: 'grp-mod-a', order: { symbol: 'SOL', side: 'buy', qty: 2, type: 'limit', price: bid * 0.93 } },
      { clientId: 'grp-mod-b', order: { symbol: 'SOL', side: 'buy', qty: 3, type: 'limit', price: bid * 0.92 } },
      { clientId: 'grp-never-placed', order: { symbol: 'SOL', side: 'buy', qty: 1, type: 'limit', price: bid * 0.92 } },
    ]);
    assert.deepEqual(out.map((o) => o.status), ['resting', 'resting', 'rejected']);
    assert.equal(message(out[2]), 'Cannot modify canceled or filled order');
    for (const [clientId, size, price] of [['grp-mod-a', 2, bid * 0.93], ['grp-mod-b', 3, bid * 0.92]] as const) {
      const st = await adapter.orderStatus(clientId);
      assert.ok(st.found && st.update.state === 'open');
      assert.equal(st.update.order.cloid, HyperliquidAdapter.cloidOf(clientId));
      assert.equal(st.update.order.size, size);
      // Passive buy: snapped down onto the grid, never above the price asked.
      assert.ok(st.update.order.limitPrice <= price && st.update.order.limitPrice > price * 0.999);
    }
    assert.deepEqual((await adapter.cancelOrders([{ clientId: 'grp-mod-a', symbol: 'SOL' }, { clientId: 'grp-mod-b', symbol: 'SOL' }])).map((c) => c.status), ['ok', 'ok']);
  });

  it('submitBracket: a resting entry parks its TP and SL until it fills; canceling the entry takes them along', async () => {
    const { bid } = await top('BTC');
    const r = await adapter.submitBracket(
      { symbol: 'BTC', side: 'buy', qty: 0.002, type: 'limit', price: bid * 0.97, clientId: 'grp-br-rest' },
      { triggerPrice: bid * 1.05, clientId: 'grp-br-rest-tp' },
      { triggerPrice: bid * 0.9, market: false, price: bid * 0.89, clientId: 'grp-br-rest-sl' },
    );
    assert.equal(r.entry.status, 'resting');
    assert.deepEqual([r.takeProfit?.status, r.stopLoss?.status], ['waiting', 'waiting']);
    assert.deepEqual([r.takeProfit, r.stopLoss].map((o) => (o?.status === 'waiting' ? o.reason : '')), ['waitingForFill', 'waitingForFill']);
    assert.equal(r.takeProfit?.cloid, HyperliquidAdapter.cloidOf('grp-br-rest-tp'));
    assert.deepEqual(await adapter.cancelOrder('grp-br-rest', { symbol: 'BTC' }), { status: 'ok' });
    const open = await adapter.openOrders();
    assert.ok(![r.entry, r.takeProfit, r.stopLoss].some((o) => open.some((x) => x.cloid === o?.cloid)));
  });

  it('submitBracket: a filled entry arms reduce-only TP/SL triggers of its size, priced on the instrument grid', async () => {
    const { ask, bid } = await top('ETH');
    // Off-grid trigger and limit prices: the adapter snaps them as it does for submitOrder.
    const tpTrigger = ask * 1.04 + 0.0123456;
    const slTrigger = bid * 0.96 - 0.0123456;
    const r = await adapter.submitBracket(
      { symbol: 'ETH', side: 'buy', qty: 0.03, type: 'market', clientId: 'grp-br-fill' },
      { triggerPrice: tpTrigger, market: false, price: tpTrigger, clientId: 'grp-br-fill-tp' },
      { triggerPrice: slTrigger, clientId: 'grp-br-fill-sl' },
    );
    assert.equal(r.entry.status, 'filled', JSON.stringify(r.entry));
    assert.deepEqual([r.takeProfit, r.stopLoss].map((o) => (o?.status === 'waiting' ? o.reason : o?.status)), ['waitingForTrigger', 'waitingForTrigger']);
    assert.equal(await position('ETH'), 0.03);

    const inst = adapter.instruments?.require('ETH').instrument;
    assert.ok(inst !== undefined);
    const open = await adapter.openOrders();
    const tp = open.find((o) => o.cloid === r.takeProfit?.cloid);
    const sl = open.find((o) => o.cloid === r.stopLoss?.cloid);
    assert.ok(tp !== undefined && sl !== undefined);
    for (const [o, trigger, type] of [[tp, tpTrigger, 'Take Profit Limit'], [sl, slTrigger, 'Stop Market']] as const) {
      assert.equal(o.side, 'sell');
      assert.equal(o.size, 0.03);
      assert.equal(o.reduceOnly, true);
      assert.equal(o.orderType, type);
      assert.ok(o.triggerPrice !== undefined && isValidPrice(inst, o.triggerPrice));
      assert.ok(Math.abs((o.triggerPrice ?? 0) - trigger) <= trigger * 1e-4);
      assert.ok(isValidPrice(inst, o.limitPrice));
    }
    // A take-profit limit sells at its limit, snapped passively (up for a sell).
    assert.ok(tp.limitPrice >= tpTrigger && tp.limitPrice < tpTrigger * 1.0001);
    assert.deepEqual((await adapter.cancelOrders([{ clientId: 'grp-br-fill-tp', symbol: 'ETH' }, { clientId: 'grp-br-fill-sl', symbol: 'ETH' }])).map((c) => c.status), ['ok', 'ok']);
    await assert.rejects(adapter.submitBracket({ symbol: 'ETH', side: 'buy', qty: 0.03, type: 'market', clientId: 'grp-br-none' }), BadInputError);
  });

  it('setPositionTpsl puts reduce-only TP/SL on the whole position; with no position nothing is sent', async () => {
    const size = await position('ETH');
    assert.ok(size > 0);
    const { bid, ask } = await top('ETH');
    const r = await adapter.setPositionTpsl('ETH', { triggerPrice: ask * 1.1, clientId: 'grp-pos-tp' }, { triggerPrice: bid * 0.9, market: false, price: bid * 0.89, clientId: 'grp-pos-sl' });
    assert.deepEqual([r.takeProfit, r.stopLoss].map((o) => (o?.status === 'waiting' ? o.reason : o?.status)), ['waitingForTrigger', 'waitingForTrigger']);
    const open = await adapter.openOrders();
    for (const [cloid, type] of [[r.takeProfit?.cloid, 'Take Profit Market'], [r.stopLoss?.cloid, 'Stop Limit']] as const) {
      const o = open.find((x) => x.cloid === cloid);
      assert.ok(o !== undefined);
      assert.deepEqual([o.side, o.size, o.reduceOnly, o.isPositionTpsl, o.orderType], ['sell', size, true, true, type]);
    }
    assert.deepEqual((await adapter.cancelOrders([{ clientId: 'grp-pos-tp', symbol: 'ETH' }, { clientId: 'grp-pos-sl', symbol: 'ETH' }])).map((c) => c.status), ['ok', 'ok']);
    await assert.rejects(adapter.setPositionTpsl('SOL', { triggerPrice: bid, clientId: 'grp-pos-none' }), BadInputError);
    assert.equal((await adapter.submitOrder({ symbol: 'ETH', side: 'sell', qty: size, type: 'market', reduceOnly: true, clientId: 'grp-pos-close' })).status, 'filled');
    assert.equal(await position('ETH'), 0);
  });

  it('submitTwap runs slices every 30 s of the venue clock whose fills carry the twapId; cancelTwap stops it; the venue refusals come back rejected', async () => {
    const since = h.clock.now();
    const t = await adapter.submitTwap('ETH', 'buy', 0.05, 5);
    assert.equal(t.status, 'running', JSON.stringify(t));
    const twapId = t.status === 'running' ? t.twapId : -1;
    const twapFills = async () => (await adapter.fills(since)).filter((f) => f.twapId === twapId);
    const first = (await twapFills()).length;
    assert.ok(first >= 1);
    for (let i = 0; i < 3; i++) h.advance(SLICE_MS);
    const later = await twapFills();
    assert.ok(later.length >= first + 2, `slices: ${later.length}`);
    assert.ok(later.every((f) => f.symbol === 'ETH' && f.side === 'buy' && f.cloid === undefined));
    assert.ok(later.every((f, i) => i === 0 || f.time - later[i - 1].time >= SLICE_MS));

    assert.deepEqual(await adapter.cancelTwap('ETH', twapId), { status: 'ok' });
    for (let i = 0; i < 4; i++) h.advance(SLICE_MS);
    const done = await twapFills();
    assert.equal(done.length, later.length);
    const bought = done.reduce((s, f) => s + f.size, 0);
    assert.ok(bought > 0 && bought < 0.05);
    assert.equal(await position('ETH'), Number(bought.toFixed(4)));
    const again = await adapter.cancelTwap('ETH', twapId);
    assert.equal(again.status, 'rejected');
    assert.equal(message(again), 'TWAP was never placed, already canceled, or filled.');

    const reduce = await adapter.submitTwap('SOL', 'sell', 1, 5, { reduceOnly: true, randomize: true });
    assert.equal(reduce.status, 'rejected');
    assert.match(message(reduce), /^Reduce only order would increase position/);
    await assert.rejects(adapter.submitTwap('ETH', 'buy', 0.05, 2), BadInputError);
    assert.equal((await adapter.submitOrder({ symbol: 'ETH', side: 'sell', qty: bought, type: 'market', reduceOnly: true, clientId: 'grp-twap-close' })).status, 'filled');
  });

  it('setIsolatedMargin moves margin into and out of an isolated position; the venue refusals come back rejected', async () => {
    assert.deepEqual(await adapter.setLeverage('SOL', 5, { cross: false }), { status: 'ok' });
    const cross = await adapter.setIsolatedMargin('BTC', 5);
    assert.equal(cross.status, 'rejected');
    assert.match(message(cross), /cross margin/);
    assert.equal((await adapter.submitOrder({ symbol: 'SOL', side: 'buy', qty: 1, type: 'market', clientId: 'grp-iso-open' })).status, 'filled');
    const margin = async () => {
      const a = await adapter.account();
      const p = a.positions.find((x) => x.symbol === 'SOL');
      assert.ok(p !== undefined);
      return { used: fixedToNumber(p.marginUsed), withdrawable: fixedToNumber(a.withdrawable), leverage: p.leverage };
    };
    const before = await margin();
    assert.equal(before.leverage.type, 'isolated');
    assert.deepEqual(await adapter.setIsolatedMargin('SOL', 7.5), { status: 'ok' });
    const added = await margin();
    assert.ok(Math.abs(added.used - before.used - 7.5) < 0.01);
    assert.ok(Math.abs(before.withdrawable - added.withdrawable - 7.5) < 0.01);
    const tooMuch = await adapter.setIsolatedMargin('SOL', -50);
    assert.equal(tooMuch.status, 'rejected');
    assert.match(message(tooMuch), /initial margin/);
    assert.deepEqual(await adapter.setIsolatedMargin('SOL', '-7.5'), { status: 'ok' });
    assert.ok(Math.abs((await margin()).used - before.used) < 0.01);
    assert.equal((await adapter.submitOrder({ symbol: 'SOL', side: 'sell', qty: 1, type: 'market', reduceOnly: true, clientId: 'grp-iso-close' })).status, 'filled');
  });

  it('transferUsd moves USDC perp → spot and back; more than the balance is the venue refusal', async () => {
    const user = privateKeyToAccount(KEY).address;
    const withdrawable = async () => fixedToNumber((await adapter.account()).withdrawable);
    const spot = async () => Number((await h.info.spotClearinghouseState({ user })).balances.find((b) => b.coin === 'USDC')?.total);
    const perp0 = await withdrawable();
    const spot0 = await spot();
    assert.deepEqual(await adapter.transferUsd(250, { toPerp: false }), { status: 'ok' });
    assert.ok(Math.abs(perp0 - (await withdrawable()) - 250) < 0.01);
    assert.equal((await spot()) - spot0, 250);
    const over = await adapter.transferUsd(spot0 + 251, { toPerp: true });
    assert.equal(over.status, 'rejected');
    assert.match(message(over), /Insufficient balance/);
    assert.deepEqual(await adapter.transferUsd('250', { toPerp: true }), { status: 'ok' });
    assert.equal(await spot(), spot0);
    assert.ok(Math.abs((await withdrawable()) - perp0) < 0.01);
  });

  it('a batch, a bracket and a TWAP whose /exchange answer is lost are unknown for every order; an err body rejects them all', async () => {
    let exchangeReply: Reply = { status: 502, text: 'Bad Gateway' };
    const server = await LocalHttpServer.start(async (req) => {
      if (req.path !== '/info') return exchangeReply;
      const res = await fetch(`${h.server.url}/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body) });
      return { json: await res.json() };
    });
    const lost = venueFor(h, server.url, 2, { exchangeTimeoutMs: 300 });
    try {
      const { bid } = await top('BTC');
      const order = (clientId: string) => ({ symbol: 'BTC', side: 'buy' as const, qty: 0.001, type: 'limit' as const, price: bid * 0.95, clientId });
      const isUnknown = (o: OrderOutcome | undefined) => o?.status === 'unknown' && o.error instanceof UnknownOutcomeError;
      const batch = await lost.adapter.submitOrders([order('grp-lost-1'), order('grp-lost-2')]);
      assert.ok(batch.every(isUnknown));
      assert.deepEqual(batch.map((o) => o.clientId), ['grp-lost-1', 'grp-lost-2']);
      exchangeReply = { text: 'not json' };
      const br = await lost.adapter.submitBracket(order('grp-lost-br'), { triggerPrice: bid * 1.1, clientId: 'grp-lost-br-tp' });
      assert.ok(isUnknown(br.entry) && isUnknown(br.takeProfit));
      exchangeReply = { json: { status: 'ok', response: { type: 'twapOrder', data: {} } } };
      assert.equal((await lost.adapter.submitTwap('BTC', 'buy', 0.01, 5)).status, 'unknown');
      exchangeReply = { json: { status: 'ok', response: { type: 'order', data: { statuses: [{ resting: { oid: 1 } }] } } } };
      assert.ok((await lost.adapter.submitOrders([order('grp-short-1'), order('grp-short-2')])).every(isUnknown));
      exchangeReply = { json: { status: 'err', response: 'Insufficient margin to place order.' } };
      const refused = await lost.adapter.submitOrders([order('grp-err-1'), order('grp-err-2')]);
      assert.deepEqual(refused.map((o) => [o.status, message(o)]), [['rejected', 'Insufficient margin to place order.'], ['rejected', 'Insufficient margin to place order.']]);
      assert.deepEqual(await lost.adapter.cancelTwap('BTC', 1), { status: 'rejected', message: 'Insufficient margin to place order.' });
    } finally {
      await lost.close();
      await server.close();
    }
  });
});

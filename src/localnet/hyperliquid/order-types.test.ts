// Trigger orders, TP/SL groupings, the dead man's switch and API wallets, through the SDK's ExchangeClient.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import { KEY_A, KEY_B, startHarness, waitFor, type Harness } from '../../testkit/localnet/test-support.js';

describe('local venue order types', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 11 });
  });
  after(async () => {
    await h.close();
  });

  async function top(coin: string): Promise<{ bid: number; ask: number }> {
    const b = await h.info.l2Book({ coin });
    return { bid: Number(b?.levels[0][0].px), ask: Number(b?.levels[1][0].px) };
  }

  it('normalTpsl: a filled parent arms its TP and SL; a resting parent keeps them waiting', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const { bid, ask } = await top('SOL');
    const tp = (ask * 1.05).toFixed(2);
    const sl = (bid * 0.95).toFixed(2);
    const children = (size: string) => [
      { a: 2, b: false, p: tp, s: size, r: true, t: { trigger: { isMarket: false, triggerPx: tp, tpsl: 'tp' as const } } },
      { a: 2, b: false, p: sl, s: size, r: true, t: { trigger: { isMarket: true, triggerPx: sl, tpsl: 'sl' as const } } },
    ];
    const filled = await client.order({ orders: [{ a: 2, b: true, p: (ask * 1.01).toFixed(2), s: '1', r: false, t: { limit: { tif: 'Ioc' } } }, ...children('1')], grouping: 'normalTpsl' });
    const [p, a, b] = filled.response.data.statuses;
    assert.ok(typeof p === 'object' && 'filled' in p);
    assert.deepEqual([a, b], ['waitingForTrigger', 'waitingForTrigger']);
    const open = await h.info.frontendOpenOrders({ user: wallet.address });
    const types = open.map((o) => [o.orderType, o.isTrigger, o.reduceOnly, o.triggerCondition]).sort();
    assert.deepEqual(types, [
      ['Stop Market', true, true, `Price below ${sl}`],
      ['Take Profit Limit', true, true, `Price above ${tp}`],
    ]);
    assert.ok(open.every((o) => o.tif === null));

    const resting = await client.order({ orders: [{ a: 2, b: true, p: (bid * 0.9).toFixed(2), s: '1', r: false, t: { limit: { tif: 'Gtc' } } }, ...children('1')], grouping: 'normalTpsl' });
    const [rp, ra, rb] = resting.response.data.statuses;
    assert.ok(typeof rp === 'object' && 'resting' in rp);
    assert.deepEqual([ra, rb], ['waitingForFill', 'waitingForFill']);
    const parent = (await h.info.frontendOpenOrders({ user: wallet.address })).find((o) => o.oid === rp.resting.oid);
    assert.equal(parent?.children.length, 2);
    await client.cancel({ cancels: [{ a: 2, o: rp.resting.oid }] });
    assert.equal((await h.info.frontendOpenOrders({ user: wallet.address })).length, 2);
  });

  it('a stop-market trigger fires on the market and closes the position', async () => {
    const { client, wallet } = h.exchange(KEY_B);
    const { bid, ask } = await top('ETH');
    await client.order({ orders: [{ a: 1, b: true, p: (ask * 1.01).toFixed(1), s: '0.01', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const px = bid.toFixed(1);
    const placed = await client.order({ orders: [{ a: 1, b: false, p: (bid * 0.9).toFixed(1), s: '0.01', r: true, t: { trigger: { isMarket: true, triggerPx: px, tpsl: 'sl' } } }], grouping: 'na' });
    const s = placed.response.data.statuses[0];
    assert.ok(typeof s === 'object' && 'resting' in s);
    for (let i = 0; i < 4_000; i++) {
      h.advance(500);
      if ((await h.info.clearinghouseState({ user: wallet.address })).assetPositions.length === 0) break;
    }
    const st = await h.info.orderStatus({ user: wallet.address, oid: s.resting.oid });
    assert.ok(st.status === 'order' && st.order.status === 'filled', JSON.stringify(st));
    const fills = await h.info.userFills({ user: wallet.address });
    assert.equal(fills[0].dir, 'Close Long');
  });

  it('scheduleCancel cancels every open order at its time and tells userEvents', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const ws = h.subscriptions();
    const events: Record<string, unknown>[] = [];
    await ws.client.userEvents({ user: wallet.address }, (e) => events.push(e as Record<string, unknown>));
    const { bid } = await top('BTC');
    const res = await client.order({ orders: [{ a: 0, b: true, p: String(Math.round(bid * 0.9)), s: '0.001', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    const s = res.response.data.statuses[0];
    assert.ok(typeof s === 'object' && 'resting' in s);
    await assert.rejects(client.scheduleCancel({ time: h.clock.now() + 1_000 }), /too early/);
    assert.deepEqual(await client.scheduleCancel({ time: h.clock.now() + 6_000 }), { status: 'ok', response: { type: 'default' } });
    h.advance(7_000);
    const st = await h.info.orderStatus({ user: wallet.address, oid: s.resting.oid });
    assert.ok(st.status === 'order' && st.order.status === 'scheduledCancel');
    await waitFor(() => events.some((e) => 'nonUserCancel' in e));
  });

  it('an approved API wallet trades for its master; leverage updates show in clearinghouseState', async () => {
    const master = h.exchange(KEY_B);
    const agentKey = '0x2222222222222222222222222222222222222222222222222222222222222222';
    const agent = privateKeyToAccount(agentKey);
    assert.deepEqual(await master.client.approveAgent({ agentAddress: agent.address, agentName: 'bot' }), { status: 'ok', response: { type: 'default' } });
    const viaAgent = h.exchange(agentKey).client;
    assert.deepEqual(await viaAgent.updateLeverage({ asset: 1, isCross: true, leverage: 5 }), { status: 'ok', response: { type: 'default' } });
    const { ask } = await top('ETH');
    await viaAgent.order({ orders: [{ a: 1, b: true, p: (ask * 1.01).toFixed(1), s: '0.01', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const state = await h.info.clearinghouseState({ user: master.wallet.address });
    const eth = state.assetPositions.find((p) => p.position.coin === 'ETH');
    assert.deepEqual(eth?.position.leverage, { type: 'cross', value: 5 });
    assert.deepEqual((await h.info.clearinghouseState({ user: agent.address })).assetPositions, []);
    await assert.rejects(viaAgent.updateLeverage({ asset: 1, isCross: true, leverage: 26 }), /Invalid leverage/);
  });
});

// Requests a hostile client sends to /info and /exchange: malformed numbers and bodies get the venue's error answers, never a 500, and change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import { WebSocket } from 'ws';
import { signUserSigned } from '../../venues/hyperliquid/signing/index.js';
import { KEY_A, signedBody, startHarness, waitFor, type Harness } from '../../testkit/localnet/test-support.js';

/** Amounts that are not plain unsigned decimals (or are absurdly long): every number field must refuse them. */
const BAD_NUMBERS = ['0x10', '1e1', ' 2', 'Infinity', 'NaN', '-0', '', '1'.repeat(400), '0.' + '0'.repeat(400) + '1'];

describe('local venue against hostile requests', () => {
  let h: Harness;
  let user: string;
  let nonce: number;
  before(async () => {
    h = await startHarness();
    user = privateKeyToAccount(KEY_A).address.toLowerCase();
    nonce = h.clock.now();
  });
  after(async () => {
    await h.close();
  });

  /** Every account view answers 200 (a poisoned number used to break them for good). */
  async function viewsAnswer(): Promise<void> {
    for (const type of ['clearinghouseState', 'openOrders', 'frontendOpenOrders', 'historicalOrders', 'userFills', 'twapHistory', 'spotClearinghouseState', 'userRateLimit']) {
      const r = await h.post('/info', { type, user });
      assert.equal(r.status, 200, `${type}: ${r.text.slice(0, 200)}`);
    }
  }

  it('refuses malformed numbers in every number field with a 422, burning no nonce and changing nothing', async () => {
    const before = await h.post('/info', { type: 'clearinghouseState', user });
    const order = (p: string, s: string, r = false) => ({ a: 0, b: true, p, s, r, t: { limit: { tif: 'Gtc' } } });
    const used = nonce++;
    for (const bad of BAD_NUMBERS) {
      const actions: Record<string, unknown>[] = [
        { type: 'order', orders: [order('90000', bad, true)], grouping: 'na' },
        { type: 'order', orders: [order(bad, '0.001')], grouping: 'na' },
        { type: 'order', orders: [{ a: 0, b: false, p: '90000', s: '0.001', r: true, t: { trigger: { isMarket: true, triggerPx: bad, tpsl: 'sl' } } }], grouping: 'na' },
        { type: 'twapOrder', twap: { a: 0, b: true, s: bad, r: false, m: 5, t: false } },
        { type: 'modify', oid: 1, order: order('90000', bad) },
      ];
      for (const action of actions) {
        const r = await h.post('/exchange', await signedBody(KEY_A, action, used));
        assert.equal(r.status, 422, `${JSON.stringify(action).slice(0, 120)} → ${r.status} ${r.text.slice(0, 120)}`);
        assert.match(r.text, /^Failed to deserialize the JSON body into the target type: action\.\S+: expected an unsigned decimal/);
      }
      const wallet = privateKeyToAccount(KEY_A);
      for (const action of [
        { type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', destination: '0x000000000000000000000000000000000000dead', amount: bad, time: used },
        { type: 'usdClassTransfer', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', amount: bad, toPerp: false, nonce: used },
      ]) {
        const r = await h.post('/exchange', { action, nonce: used, signature: await signUserSigned(wallet, action) });
        assert.equal(r.status, 422, `${action.type} ${JSON.stringify(bad).slice(0, 20)} → ${r.status} ${r.text.slice(0, 120)}`);
      }
    }
    await viewsAnswer();
    assert.equal((await h.post('/info', { type: 'clearinghouseState', user })).text.replace(/"time":\d+/, ''), before.text.replace(/"time":\d+/, ''));
    assert.deepEqual(JSON.parse((await h.post('/info', { type: 'twapHistory', user })).text), []);
    assert.deepEqual(JSON.parse((await h.post('/info', { type: 'historicalOrders', user })).text), []);
    // None of the refused requests used the nonce.
    assert.deepEqual((await h.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, used))).json(), { status: 'ok', response: { type: 'default' } });
  });

  it('answers an order with no orders under normalTpsl as the venue does: an error response, not a 500', async () => {
    const r = await h.post('/exchange', await signedBody(KEY_A, { type: 'order', orders: [], grouping: 'normalTpsl' }, nonce++));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), { status: 'err', response: 'Grouping normalTpsl needs a parent order.' });
    const na = await h.post('/exchange', await signedBody(KEY_A, { type: 'order', orders: [], grouping: 'na' }, nonce++));
    assert.deepEqual(na.json(), { status: 'ok', response: { type: 'order', data: { statuses: [] } } });
    await viewsAnswer();
  });

  it('answers every malformed body with a 4xx or the venue error, never a 500', async () => {
    // JSON nested 100 000 deep (JSON.stringify itself would overflow the stack on it).
    const deep = '['.repeat(100_000) + '1' + ']'.repeat(100_000);
    const sig = { r: '0x' + '1'.repeat(64), s: '0x' + '1'.repeat(64), v: 27 };
    const infoBodies: unknown[] = [
      null, 5, 'meta', [], { type: 5 }, { type: {} }, { type: 'l2Book' }, { type: 'l2Book', coin: 'BTC', nSigFigs: 'x', mantissa: [] },
      { type: 'l2Book', coin: 'BTC', nSigFigs: 1000 }, { type: 'l2Book', coin: 'BTC', nSigFigs: 5, mantissa: 1e300 }, { type: 'l2Book', coin: 'BTC', nSigFigs: 0 },
      { type: 'candleSnapshot', req: { coin: 'BTC', interval: '1m', startTime: -1e300, endTime: 1e300 } }, { type: 'candleSnapshot', req: { coin: 'BTC', interval: '1m', startTime: '0' } },
      { type: 'candleSnapshot', req: null }, { type: 'userFillsByTime', user, startTime: -1, endTime: 'x' }, { type: 'orderStatus', user, oid: -5 }, { type: 'orderStatus', user, oid: 1e300 },
      { type: 'orderStatus', user, oid: '0x' + 'f'.repeat(400) }, { type: 'clearinghouseState', user: 5 }, { type: 'clearinghouseState', user: '0x' + 'g'.repeat(40) },
      { type: 'activeAssetData', user, coin: {} }, { type: 'recentTrades', coin: 'NOPE' }, { type: 'fundingHistory', coin: 'BTC', startTime: 'x' },
      `{"type":"meta","x":${deep}}`,
    ];
    for (const body of infoBodies) {
      const r = await h.post('/info', typeof body === 'string' ? body : JSON.stringify(body));
      assert.ok(r.status === 200 || r.status === 422, `/info ${JSON.stringify(body).slice(0, 100)} → ${r.status} ${r.text.slice(0, 100)}`);
    }
    const exchangeBodies: unknown[] = [
      null, [], 5, {}, { action: null }, { action: { type: 'noop' } }, { action: { type: 'noop' }, nonce: -1, signature: sig }, { action: { type: 'noop' }, nonce: 1e300, signature: sig },
      { action: { type: 'noop' }, nonce: '5', signature: sig }, { action: { type: 'noop' }, nonce: 5, signature: { r: '0x' + 'f'.repeat(1000), s: '0x1', v: 27 } },
      { action: { type: 'noop' }, nonce: 5, signature: { r: '0x1', s: '0x1', v: 1e300 } }, { action: { type: 'noop' }, nonce: 5, signature: null }, { action: { type: 'noop' }, nonce: 5, signature: sig, expiresAfter: 1e300 },
      { action: { type: 'noop' }, nonce: 5, signature: sig, vaultAddress: 5 }, { action: { type: 'order', orders: [null], grouping: 'na' }, nonce: 5, signature: sig },
      { action: { type: 'order', orders: [{ a: 0, b: true, p: '1', s: '1', r: false, t: {} }], grouping: 'na' }, nonce: 5, signature: sig },
      { action: { type: 'order', orders: [{ a: 0, b: true, p: '1', s: '1', r: false, t: { limit: null } }], grouping: 'na' }, nonce: 5, signature: sig },
      { action: { type: 'cancel', cancels: [null, 5] }, nonce: 5, signature: sig }, { action: { type: 'cancelByCloid', cancels: [{}] }, nonce: 5, signature: sig },
      { action: { type: 'order', orders: [], grouping: 'na', builder: { b: '0x' + '1'.repeat(40), f: 1e300 } }, nonce: 5, signature: sig },
      { action: { type: 'scheduleCancel', time: 1e300 }, nonce: 5, signature: sig }, { action: { type: 'batchModify', modifies: [null] }, nonce: 5, signature: sig },
      { action: { type: 'usdSend', signatureChainId: '0x' + 'f'.repeat(100), hyperliquidChain: 'Mainnet', destination: '0x' + '1'.repeat(40), amount: '1', time: 5 }, nonce: 5, signature: sig },
      { action: { type: 'usdSend', signatureChainId: '0x0', hyperliquidChain: 'Mainnet', destination: '0x' + '1'.repeat(40), amount: '1', time: 5 }, nonce: 5, signature: sig },
      { action: { type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', destination: '0x' + '1'.repeat(40), amount: '1', time: 5 }, nonce: 5, signature: sig, expiresAfter: 5 },
      { action: { type: 'usdClassTransfer', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', amount: '1 subaccount:0x' + '1'.repeat(40), toPerp: true, nonce: 5 }, nonce: 5, signature: sig },
      { action: { type: 'approveAgent', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', agentAddress: 5, nonce: 5 }, nonce: 5, signature: sig },
      `{"action":{"type":"noop","x":${deep}},"nonce":5,"signature":${JSON.stringify(sig)}}`,
    ];
    // Signed noop whose body carries an extra, deeply nested key: the signer recovers, then the body is walked.
    const noop = await signedBody(KEY_A, { type: 'noop' }, nonce++);
    exchangeBodies.push(`{"action":{"type":"noop","x":${deep}},"nonce":${noop.nonce as number},"signature":${JSON.stringify(noop.signature)}}`);
    for (const body of exchangeBodies) {
      const r = await h.post('/exchange', typeof body === 'string' ? body : JSON.stringify(body));
      assert.ok(r.status === 200 || r.status === 422, `/exchange ${JSON.stringify(body).slice(0, 140)} → ${r.status} ${r.text.slice(0, 100)}`);
    }
    // Signed, so they reach the account: extreme but well-formed integers.
    const signed: Record<string, unknown>[] = [
      { type: 'updateIsolatedMargin', asset: 0, isBuy: true, ntli: -9_007_199_254_740_991 },
      { type: 'updateIsolatedMargin', asset: 9_007_199_254_740_991, isBuy: true, ntli: 1 },
      { type: 'updateLeverage', asset: 0, isCross: true, leverage: 9_007_199_254_740_991 },
      { type: 'scheduleCancel', time: 9_007_199_254_740_991 },
      { type: 'twapOrder', twap: { a: 0, b: true, s: '0.01', r: false, m: 9_007_199_254_740_991, t: true } },
      { type: 'twapCancel', a: 0, t: 9_007_199_254_740_991 },
      { type: 'cancel', cancels: [{ a: 9_007_199_254_740_991, o: 9_007_199_254_740_991 }] },
      { type: 'order', orders: [{ a: 0, b: true, p: '999999999999999', s: '999999999999999', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'positionTpsl' },
      { type: 'order', orders: [{ a: 0, b: false, p: '0.00000000000000000001', s: '0', r: true, t: { trigger: { isMarket: true, triggerPx: '999999999999999', tpsl: 'tp' } } }], grouping: 'positionTpsl' },
    ];
    for (const action of signed) {
      const r = await h.post('/exchange', await signedBody(KEY_A, action, nonce++));
      assert.ok(r.status === 200 || r.status === 422, `${JSON.stringify(action).slice(0, 140)} → ${r.status} ${r.text.slice(0, 100)}`);
    }
    assert.deepEqual((await h.post('/exchange', await signedBody(KEY_A, { type: 'scheduleCancel' }, nonce++))).json(), { status: 'ok', response: { type: 'default' } });
    await viewsAnswer();
  });

  it('the WebSocket post method answers hostile requests as HTTP does: error payloads, no account, no state', async () => {
    const ws = new WebSocket(h.server.wsUrl);
    const posts = new Map<number, { type: string; payload: unknown }>();
    const errors: string[] = [];
    ws.on('message', (d) => {
      const text = d.toString();
      if (!text.startsWith('{')) return;
      const m = JSON.parse(text) as { channel: string; data: { id: number; response: { type: string; payload: unknown } } | string };
      if (m.channel === 'post' && typeof m.data === 'object') posts.set(m.data.id, m.data.response);
      if (m.channel === 'error') errors.push(m.data as string);
    });
    await new Promise((r) => ws.once('open', r));
    const accounts = h.venue.accountCount;
    const order = { type: 'order', orders: [{ a: 0, b: true, p: '90000', s: '1e1', r: true, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' };
    ws.send(JSON.stringify({ method: 'post', id: 1, request: { type: 'action', payload: await signedBody(KEY_A, order, nonce++) } }));
    ws.send(JSON.stringify({ method: 'post', id: 2, request: { type: 'action', payload: await signedBody(KEY_A, { type: 'order', orders: [], grouping: 'normalTpsl' }, nonce++) } }));
    ws.send(JSON.stringify({ method: 'post', id: 3, request: { type: 'info', payload: { type: 'clearinghouseState', user: '0x' + '7'.repeat(40) } } }));
    ws.send(JSON.stringify({ method: 'post', id: 4, request: { type: 'info', payload: { type: 'twapHistory', user } } }));
    ws.send(`{"method":"post","id":5,"request":{"type":"info","payload":{"type":"meta","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}}`);
    await waitFor(() => posts.size === 4 && errors.length === 1);
    assert.equal(posts.get(1)?.type, 'error');
    assert.match(posts.get(1)?.payload as string, /^Failed to deserialize the JSON body into the target type: action\.orders\[0\]\.s: expected an unsigned decimal/);
    assert.deepEqual(posts.get(2), { type: 'action', payload: { status: 'err', response: 'Grouping normalTpsl needs a parent order.' } });
    assert.equal(posts.get(3)?.type, 'info');
    assert.deepEqual(posts.get(4), { type: 'info', payload: { type: 'twapHistory', data: [] } });
    assert.equal(errors[0], 'Failed to deserialize the JSON body into the target type: nested deeper than 32 levels');
    assert.equal(h.venue.accountCount, accounts, 'an info post for an unknown address creates no account');
    ws.close();
  });
});

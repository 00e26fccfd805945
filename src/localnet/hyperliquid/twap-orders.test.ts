// TWAP at the local venue through the SDK's ExchangeClient: slices every 30 s of the venue clock, twapId on fills, cancel, errors; isolated margin and perp ↔ spot transfers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KEY_A, KEY_B, signedBody, startHarness, type Harness } from '../../testkit/localnet/test-support.js';
import { TWAP_MAX_SLIPPAGE, TWAP_SLICE_MS } from './twap-orders.js';

const KEY_C = '0x3333333333333333333333333333333333333333333333333333333333333333';

describe('local venue TWAP orders', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 23 });
  });
  after(async () => {
    await h.close();
  });

  /** The fills of one TWAP, oldest first. */
  async function twapFills(user: `0x${string}`, twapId: number) {
    return (await h.info.userFills({ user })).filter((f) => f.twapId === twapId).reverse();
  }

  /** Raw requests get their own nonces: the venue clock plus a counter, never repeated. */
  let bump = 0;
  async function raw(key: string, action: Record<string, unknown>): Promise<unknown> {
    const res = await h.post('/exchange', await signedBody(key, action, h.clock.now() + ++bump));
    assert.equal(res.status, 200, res.text);
    return res.json();
  }

  it('runs a TWAP as one slice every 30 s at the simulated book, each fill carrying the twapId, until the whole size is done', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const minutes = 5;
    const res = await client.twapOrder({ twap: { a: 1, b: true, s: '0.1', r: false, m: minutes, t: false } });
    const status = res.response.data.status;
    assert.ok('running' in status, JSON.stringify(res));
    const { twapId } = status.running;

    // The first slice goes at once; the next one only when 30 s of the venue clock have passed.
    assert.equal((await twapFills(wallet.address, twapId)).length, 1);
    h.advance(TWAP_SLICE_MS - 1_000);
    assert.equal((await twapFills(wallet.address, twapId)).length, 1);
    const slices = (minutes * 60_000) / TWAP_SLICE_MS;
    for (let k = 0; k < slices + 2; k++) {
      h.advance(1_000);
      const mid = Number((await h.info.allMids()).ETH);
      const fills = await twapFills(wallet.address, twapId);
      const last = fills.at(-1);
      assert.ok(last !== undefined);
      // A slice is a market order accepting at most the venue's 3 % slippage.
      assert.ok(Number(last.px) <= mid * (1 + TWAP_MAX_SLIPPAGE));
      h.advance(TWAP_SLICE_MS - 1_000);
    }

    const fills = await twapFills(wallet.address, twapId);
    assert.equal(fills.length, slices);
    for (let i = 1; i < fills.length; i++) assert.ok(fills[i].time - fills[i - 1].time >= TWAP_SLICE_MS);
    const total = fills.reduce((s, f) => s + Number(f.sz), 0);
    assert.equal(Number(total.toFixed(4)), 0.1);
    assert.ok(fills.every((f) => f.side === 'B' && f.crossed));
    const state = await h.info.clearinghouseState({ user: wallet.address });
    assert.equal(state.assetPositions.find((p) => p.position.coin === 'ETH')?.position.szi, '0.1');

    const history = (await h.info.twapHistory({ user: wallet.address })).filter((r) => r.twapId === twapId);
    assert.deepEqual(history.map((r) => r.status.status), ['finished', 'activated']);
    assert.equal(Number(history[0].state.executedSz), 0.1);
    const ntl = fills.reduce((s, f) => s + Number(f.sz) * Number(f.px), 0);
    assert.ok(Math.abs(Number(history[0].state.executedNtl) - ntl) < 1e-6);
  });

  it('twapCancel stops a running reduce-only TWAP; a second cancel gets the venue error', async () => {
    const { client, wallet } = h.exchange(KEY_A);
    const before = Number((await h.info.clearinghouseState({ user: wallet.address })).assetPositions.find((p) => p.position.coin === 'ETH')?.position.szi);
    assert.ok(before > 0);
    const res = await client.twapOrder({ twap: { a: 1, b: false, s: '0.1', r: true, m: 10, t: true } });
    const status = res.response.data.status;
    assert.ok('running' in status);
    const { twapId } = status.running;
    for (let i = 0; i < 4; i++) h.advance(TWAP_SLICE_MS / 2);
    const done = (await twapFills(wallet.address, twapId)).length;
    assert.ok(done >= 1 && done <= 20, `slices so far: ${done}`);

    assert.deepEqual(await client.twapCancel({ a: 1, t: twapId }), { status: 'ok', response: { type: 'twapCancel', data: { status: 'success' } } });
    const sold = (await twapFills(wallet.address, twapId)).reduce((s, f) => s + Number(f.sz), 0);
    for (let i = 0; i < 6; i++) h.advance(TWAP_SLICE_MS);
    assert.equal((await twapFills(wallet.address, twapId)).length, done);
    const after = Number((await h.info.clearinghouseState({ user: wallet.address })).assetPositions.find((p) => p.position.coin === 'ETH')?.position.szi);
    assert.equal(Number((before - sold).toFixed(4)), after);
    assert.equal((await h.info.twapHistory({ user: wallet.address })).find((r) => r.twapId === twapId)?.status.status, 'terminated');

    const again = await raw(KEY_A, { type: 'twapCancel', a: 1, t: twapId });
    assert.deepEqual(again, { status: 'ok', response: { type: 'twapCancel', data: { status: { error: 'TWAP was never placed, already canceled, or filled.' } } } });
  });

  it('refuses a TWAP with the venue error: duration, reduce-only without a position, minimum value; a slice the venue refuses ends the TWAP', async () => {
    const twap = (s: string, r: boolean, m: number) => ({ type: 'twapOrder', twap: { a: 0, b: true, s, r, m, t: false } });
    const statusOf = (body: unknown) => (body as { response: { data: { status: unknown } } }).response.data.status;
    assert.deepEqual(statusOf(await raw(KEY_B, twap('0.01', false, 1))), { error: 'Invalid TWAP duration: 1 min(s)' });
    assert.deepEqual(statusOf(await raw(KEY_B, twap('0.01', true, 5))), { error: 'Reduce only order would increase position. asset=0' });
    assert.deepEqual(statusOf(await raw(KEY_B, twap('0.00001', false, 5))), { error: 'Order must have minimum value of $10. asset=0' });

    // 40 BTC over 5 minutes: each 4 BTC slice needs more margin than the account has.
    const { wallet } = h.exchange(KEY_B);
    const big = statusOf(await raw(KEY_B, twap('40', false, 5))) as { running: { twapId: number } };
    assert.ok('running' in big);
    const rows = (await h.info.twapHistory({ user: wallet.address })).filter((r) => r.twapId === big.running.twapId);
    assert.deepEqual(rows[0].status, { status: 'error', description: 'Insufficient margin to place order.' });
    assert.equal(await twapFills(wallet.address, big.running.twapId).then((f) => f.length), 0);
  });

  it('moves isolated margin in and out of a position and USDC between perp and spot', async () => {
    const { client, wallet } = h.exchange(KEY_C);
    const state = () => h.info.clearinghouseState({ user: wallet.address });
    await assert.rejects(client.updateIsolatedMargin({ asset: 2, isBuy: true, ntli: 5_000_000 }), /cross margin/);
    await client.updateLeverage({ asset: 2, isCross: false, leverage: 5 });
    await assert.rejects(client.updateIsolatedMargin({ asset: 2, isBuy: true, ntli: 5_000_000 }), /no open position/);
    const ask = Number((await h.info.l2Book({ coin: 'SOL' }))?.levels[1][0].px);
    await client.order({ orders: [{ a: 2, b: true, p: (ask * 1.01).toFixed(2), s: '1', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const before = await state();
    const margin = (s: typeof before) => Number(s.assetPositions.find((p) => p.position.coin === 'SOL')?.position.marginUsed);
    assert.deepEqual(await client.updateIsolatedMargin({ asset: 2, isBuy: true, ntli: 5_000_000 }), { status: 'ok', response: { type: 'default' } });
    const added = await state();
    assert.ok(Math.abs(margin(added) - margin(before) - 5) < 0.01);
    assert.ok(Math.abs(Number(before.withdrawable) - Number(added.withdrawable) - 5) < 0.01);
    await assert.rejects(client.updateIsolatedMargin({ asset: 2, isBuy: true, ntli: -6_000_000 }), /keeps its initial margin/);
    await client.updateIsolatedMargin({ asset: 2, isBuy: true, ntli: -5_000_000 });
    assert.ok(Math.abs(margin(await state()) - margin(before)) < 0.01);

    const perpBefore = Number((await state()).withdrawable);
    assert.deepEqual(await client.usdClassTransfer({ amount: '100', toPerp: false }), { status: 'ok', response: { type: 'default' } });
    const spot = await h.info.spotClearinghouseState({ user: wallet.address });
    assert.equal(Number(spot.balances.find((b) => b.coin === 'USDC')?.total), 100);
    assert.ok(Math.abs(perpBefore - Number((await state()).withdrawable) - 100) < 0.01);
    await assert.rejects(client.usdClassTransfer({ amount: '100.5', toPerp: true }), /Insufficient balance/);
    await client.usdClassTransfer({ amount: '40', toPerp: true });
    assert.equal(Number((await h.info.spotClearinghouseState({ user: wallet.address })).balances[0].total), 60);
  });
});

// User-signed actions (usdSend, usdClassTransfer, approveAgent): the signed nonce binds the request, only the account's own key signs them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import { signUserSigned } from '../../venues/hyperliquid/signing/index.js';
import { KEY_A, KEY_B, startHarness, type Harness } from '../../testkit/localnet/test-support.js';

const KEY_C = '0x3333333333333333333333333333333333333333333333333333333333333333';
const AGENT_KEY = '0x4444444444444444444444444444444444444444444444444444444444444444';

describe('local venue user-signed actions', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  /** Signs a user-signed action with our own signer and POSTs it under `nonce`. */
  async function send(key: string, action: Record<string, unknown>, nonce: number): Promise<unknown> {
    const signature = await signUserSigned(privateKeyToAccount(key as `0x${string}`), action);
    return (await h.post('/exchange', { action, nonce, signature })).json();
  }

  const value = async (address: string) => Number((await h.info.clearinghouseState({ user: address })).marginSummary.accountValue);
  const spot = async (address: string) => Number((await h.info.spotClearinghouseState({ user: address })).balances[0].total);

  it('a signed usdSend moves its amount once: the same signature under other nonces is refused', async () => {
    const from = privateKeyToAccount(KEY_A).address;
    const to = privateKeyToAccount(KEY_C).address.toLowerCase();
    const time = h.clock.now();
    const action = { type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', destination: to, amount: '100', time };
    assert.deepEqual(await send(KEY_A, action, time), { status: 'ok', response: { type: 'default' } });
    for (const nonce of [time + 1, time + 2, time + 3]) {
      const r = (await send(KEY_A, action, nonce)) as { status: string; response: string };
      assert.deepEqual(r, { status: 'err', response: `Invalid nonce: the action's time ${time} differs from the request nonce ${nonce}.` });
    }
    assert.equal(await value(to), 10_100);
    assert.equal(await value(from), 9_900);
  });

  it('a signed usdClassTransfer and approveAgent bind their nonce field the same way', async () => {
    const { wallet } = h.exchange(KEY_B);
    const nonce = h.clock.now() + 50;
    const transfer = { type: 'usdClassTransfer', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', amount: '100', toPerp: false, nonce };
    assert.deepEqual(await send(KEY_B, transfer, nonce), { status: 'ok', response: { type: 'default' } });
    for (const other of [nonce + 1, nonce + 2]) {
      const r = (await send(KEY_B, transfer, other)) as { status: string; response: string };
      assert.equal(r.status, 'err');
      assert.equal(r.response, `Invalid nonce: the action's nonce ${nonce} differs from the request nonce ${other}.`);
    }
    assert.equal(await spot(wallet.address), 100);

    const agent = privateKeyToAccount(AGENT_KEY).address.toLowerCase();
    const approve = { type: 'approveAgent', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', agentAddress: agent, nonce: nonce + 10 };
    assert.equal(((await send(KEY_B, approve, nonce + 11)) as { status: string }).status, 'err');
    assert.equal(h.venue.agents.has(agent), false);
  });

  it('the SDK client transfers (its nonce is the action time); an API wallet cannot sign a transfer', async () => {
    const master = h.exchange(KEY_B);
    const to = privateKeyToAccount(KEY_C).address;
    const before = await value(to);
    assert.deepEqual(await master.client.usdSend({ destination: to, amount: '5' }), { status: 'ok', response: { type: 'default' } });
    assert.equal(await value(to), before + 5);

    const agent = privateKeyToAccount(AGENT_KEY);
    await master.client.approveAgent({ agentAddress: agent.address, agentName: null });
    const time = h.clock.now() + 100;
    const r = (await send(AGENT_KEY, { type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', destination: to.toLowerCase(), amount: '1', time }, time)) as { status: string; response: string };
    assert.deepEqual(r, { status: 'err', response: `API wallet ${agent.address.toLowerCase()} cannot sign usdSend: user-signed actions need the account's own key.` });
    assert.equal(await value(to), before + 5);
    assert.equal(h.venue.account(agent.address), undefined, 'the refused agent got no account of its own');
  });
});

// The /exchange signer: envelope shape, nonces, vaults, expiry, agent keys, user-signed transfers, and verification round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateKeyToAccount } from 'viem/accounts';
import { ManualClock } from '../../../core/manual-clock.js';
import { staticAssetTable } from '../actions/asset-table.js';
import { cancelAction } from '../actions/cancel.js';
import { orderAction } from '../actions/order.js';
import { usdClassTransfer } from '../actions/transfer.js';
import { HyperliquidSigner } from './exchange-signer.js';
import { NonceSource } from './nonce.js';
import { recoverL1Signer, recoverUserSignedSigner } from './verify.js';

const PY_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const PY_ADDR = '0x14791697260e4c9a71f18484c9f997b308e59325';
const MASTER = '0x5e9ee1089755c3435139848e47e6635505d5a13a';
const VAULT = '0x1719884eb866cb12b2287399b15f7db5e7d775ea';
const table = staticAssetTable({ BTC: { assetId: 0, szDecimals: 5 } });

function signer(opts: { accountAddress?: string; vaultAddress?: string; network?: 'mainnet' | 'testnet'; clock?: ManualClock } = {}) {
  const clock = opts.clock ?? new ManualClock(1_700_000_000_000);
  return new HyperliquidSigner({ account: privateKeyToAccount(PY_KEY), network: opts.network ?? 'mainnet', nonces: new NonceSource(clock), accountAddress: opts.accountAddress, vaultAddress: opts.vaultAddress });
}

test('L1 envelope: {action, nonce, signature} with padded r/s, v 27/28, consecutive nonces in one ms', async () => {
  const s = signer();
  const action = orderAction(table, [{ symbol: 'BTC', side: 'buy', qty: 0.001, price: 60000 }]);
  const a = await s.signL1(action);
  const b = await s.signL1(cancelAction(table, [{ symbol: 'BTC', oid: 1 }]));
  assert.deepEqual(Object.keys(a), ['action', 'nonce', 'signature']);
  assert.equal(a.nonce, 1_700_000_000_000);
  assert.equal(b.nonce, 1_700_000_000_001);
  assert.match(a.signature.r, /^0x[0-9a-f]{64}$/);
  assert.match(a.signature.s, /^0x[0-9a-f]{64}$/);
  assert.ok(a.signature.v === 27 || a.signature.v === 28);
  assert.equal(await recoverL1Signer({ ...a, network: 'mainnet' }), PY_ADDR);
  // Same request on the other network, or with another nonce, recovers someone else.
  assert.notEqual(await recoverL1Signer({ ...a, network: 'testnet' }), PY_ADDR);
  assert.notEqual(await recoverL1Signer({ ...a, nonce: a.nonce + 1, network: 'mainnet' }), PY_ADDR);
});

test('vault and expiresAfter are hashed and carried in the envelope', async () => {
  const s = signer({ vaultAddress: VAULT.toUpperCase().replace('0X', '0x'), network: 'testnet' });
  const req = await s.signL1(cancelAction(table, [{ symbol: 'BTC', oid: 5 }]), { expiresAfter: 1_700_000_060_000 });
  assert.deepEqual(Object.keys(req), ['action', 'nonce', 'signature', 'vaultAddress', 'expiresAfter']);
  assert.equal(req.vaultAddress, VAULT);
  assert.equal(await recoverL1Signer({ ...req, network: 'testnet' }), PY_ADDR);
  assert.notEqual(await recoverL1Signer({ ...req, expiresAfter: undefined, network: 'testnet' }), PY_ADDR);
  assert.notEqual(await recoverL1Signer({ ...req, vaultAddress: undefined, network: 'testnet' }), PY_ADDR);
  const own = await s.signL1(cancelAction(table, [{ symbol: 'BTC', oid: 5 }]), { vaultAddress: null });
  assert.equal(own.vaultAddress, undefined);
  await assert.rejects(s.signL1(cancelAction(table, [{ symbol: 'BTC', oid: 5 }]), { expiresAfter: -1 }), /expiresAfter: expected ms/);
});

test('an API-wallet (agent) key: account differs from signer; nonces are the signer\'s; no user-signed actions', async () => {
  const s = signer({ accountAddress: MASTER });
  assert.equal(s.signerAddress, PY_ADDR);
  assert.equal(s.accountAddress, MASTER);
  assert.ok(s.isAgent);
  const req = await s.signL1(cancelAction(table, [{ symbol: 'BTC', oid: 9 }]));
  assert.equal(await recoverL1Signer({ ...req, network: 'mainnet' }), PY_ADDR);
  await assert.rejects(s.signUserSigned(usdClassTransfer({ amount: 5, toPerp: true })), /SEXTANT_HL_PRIVATE_KEY: an API-wallet \(agent\) key cannot sign user-signed actions/);
});

test('usdClassTransfer is user-signed with the envelope nonce in the action', async () => {
  const s = signer({ network: 'testnet' });
  const req = await s.signUserSigned(usdClassTransfer({ amount: '12.50', toPerp: false }));
  assert.equal(JSON.stringify(req.action), `{"type":"usdClassTransfer","signatureChainId":"0x66eee","hyperliquidChain":"Testnet","amount":"12.5","toPerp":false,"nonce":${req.nonce}}`);
  assert.deepEqual(Object.keys(req), ['action', 'nonce', 'signature']);
  assert.equal(await recoverUserSignedSigner(req.action as unknown as Record<string, unknown>, req.signature), PY_ADDR);
  const sub = await s.signUserSigned(usdClassTransfer({ amount: 1, toPerp: true, subAccount: VAULT }));
  assert.equal(sub.action.amount, `1 subaccount:${VAULT}`);
});

test('the signer serialises to addresses only', () => {
  const s = signer({ accountAddress: MASTER });
  const text = JSON.stringify(s);
  assert.equal(text, `{"signerAddress":"${PY_ADDR}","accountAddress":"${MASTER}","network":"mainnet"}`);
  assert.ok(!text.includes(PY_KEY.slice(2)));
});

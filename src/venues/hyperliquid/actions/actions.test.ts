// cancel, cancelByCloid, modify, batchModify, leverage, isolated margin, scheduleCancel, twap and noop: exact wire shapes and SDK signatures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateKeyToAccount } from 'viem/accounts';
import type { MsgpackValue } from '../signing/msgpack.js';
import { signL1 } from '../signing/sign.js';
import { sameSignature } from '../signing/signature.js';
import { staticAssetTable } from './asset-table.js';
import { cancelAction, cancelByCloidAction } from './cancel.js';
import { updateIsolatedMarginAction, updateLeverageAction } from './margin.js';
import { batchModifyAction, modifyAction } from './modify.js';
import { noopAction, scheduleCancelAction } from './schedule-cancel.js';
import { twapCancelAction, twapOrderAction } from './twap.js';

const PY_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const RS_KEY = '0xe908f86dbb4d55ac876378565aafeabc187f6690f046459397b17d9b9a19688e';
const table = staticAssetTable({ BTC: { assetId: 0, szDecimals: 5 }, ETH: { assetId: 1, szDecimals: 4 } });
const json = (a: unknown) => JSON.stringify(a);
const m = (a: unknown) => a as MsgpackValue;

test('cancel by oid reproduces the Rust SDK cancel signatures', async () => {
  // src/exchange/exchange_client.rs test_cancel_action_hashing (upstream expected values).
  const action = cancelAction(table, [{ symbol: 'ETH', oid: 82382 }]);
  assert.equal(json(action), '{"type":"cancel","cancels":[{"a":1,"o":82382}]}');
  const acc = privateKeyToAccount(RS_KEY);
  const main = await signL1(acc, { action: m(action), nonce: 1583838, network: 'mainnet' });
  assert.ok(sameSignature(main.signature, { r: '0x02f76cc5b16e0810152fa0e14e7b219f49c361e3325f771544c6f54e157bf9fa', s: '0x17ed0afc11a98596be85d5cd9f86600aad515337318f7ab346e5ccc1b03425d5', v: 27 }));
  const test = await signL1(acc, { action: m(action), nonce: 1583838, network: 'testnet' });
  assert.ok(sameSignature(test.signature, { r: '0x6ffebadfd48067663390962539fbde76cfa36f53be65abe2ab72c9db6d0db444', s: '0x57720db9d7c4860f142a484f070c84eb4b9694c3a617c83f0d698a27e55fd5e0', v: 28 }));
});

test('cancelByCloid uses asset/cloid keys; oids above 2^32 pass', () => {
  assert.equal(json(cancelByCloidAction(table, [{ symbol: 'BTC', cloid: '0x1e60610f0b3d420597c88c1fed2ad5ee' }])), '{"type":"cancelByCloid","cancels":[{"asset":0,"cloid":"0x1e60610f0b3d420597c88c1fed2ad5ee"}]}');
  assert.equal(json(cancelAction(table, [{ symbol: 'BTC', oid: 91490942356 }])), '{"type":"cancel","cancels":[{"a":0,"o":91490942356}]}');
  assert.throws(() => cancelAction(table, []), /cancels: expected at least one cancel/);
  assert.throws(() => cancelAction(table, [{ symbol: 'BTC', oid: 0 }]), /cancels\[0\].oid: expected a positive integer oid/);
  assert.throws(() => cancelByCloidAction(table, [{ symbol: 'BTC', cloid: '0x1' }]), /cancels\[0\].cloid/);
});

test('modify and batchModify address orders by oid or cloid', () => {
  const order = { symbol: 'ETH', side: 'sell' as const, qty: 2, price: '2500.55', tif: 'ALO' as const };
  assert.equal(json(modifyAction(table, { oid: 123, order })), '{"type":"modify","oid":123,"order":{"a":1,"b":false,"p":"2500.6","s":"2","r":false,"t":{"limit":{"tif":"Alo"}}}}');
  const batch = batchModifyAction(table, [{ oid: '0x00000000000000000000000000000001', order }, { oid: 7, order: { ...order, price: 2400 } }]);
  assert.equal(json(batch.modifies.map((x) => x.oid)), '["0x00000000000000000000000000000001",7]');
  assert.equal(Object.keys(batch).join(','), 'type,modifies');
  assert.throws(() => modifyAction(table, { oid: 'abc', order }), /modify.oid: expected an oid or a cloid/);
  assert.throws(() => batchModifyAction(table, []), /modifies: expected at least one modify/);
});

test('leverage and isolated margin', () => {
  assert.equal(json(updateLeverageAction(table, { symbol: 'BTC', leverage: 10, cross: true })), '{"type":"updateLeverage","asset":0,"isCross":true,"leverage":10}');
  assert.throws(() => updateLeverageAction(table, { symbol: 'BTC', leverage: 2.5, cross: false }), /updateLeverage.leverage: expected an integer ≥ 1/);
  assert.equal(json(updateIsolatedMarginAction(table, { symbol: 'ETH', amountUsd: '12.5' })), '{"type":"updateIsolatedMargin","asset":1,"isBuy":true,"ntli":12500000}');
  assert.equal(updateIsolatedMarginAction(table, { symbol: 'ETH', amountUsd: -0.000001 }).ntli, -1);
  assert.throws(() => updateIsolatedMarginAction(table, { symbol: 'ETH', amountUsd: '0.0000001' }), /updateIsolatedMargin.amountUsd: .*not an integer/);
  assert.throws(() => updateIsolatedMarginAction(table, { symbol: 'ETH', amountUsd: 0 }), /must not be 0/);
});

test('scheduleCancel: cleared without a time, ≥ now + 5 s with one; Python SDK signatures', async () => {
  const acc = privateKeyToAccount(PY_KEY);
  const clear = scheduleCancelAction(undefined, 1_700_000_000_000);
  assert.equal(json(clear), '{"type":"scheduleCancel"}');
  const a = await signL1(acc, { action: m(clear), nonce: 0, network: 'mainnet' });
  assert.ok(sameSignature(a.signature, { r: '0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9', s: '0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0', v: 27 }));
  // tests/signing_test.py test_schedule_cancel_action with time 123456789 (upstream expected values).
  const timed = scheduleCancelAction(123456789, 123456789 - 5000);
  assert.equal(json(timed), '{"type":"scheduleCancel","time":123456789}');
  const b = await signL1(acc, { action: m(timed), nonce: 0, network: 'mainnet' });
  assert.ok(sameSignature(b.signature, { r: '0x609cb20c737945d070716dcc696ba030e9976fcf5edad87afa7d877493109d55', s: '0x16c685d63b5c7a04512d73f183b3d7a00da5406ff1f8aad33f8ae2163bab758b', v: 28 }));
  assert.throws(() => scheduleCancelAction(1_700_000_004_999, 1_700_000_000_000), /scheduleCancel.time: must be at least 5000 ms after now .* \(4999 ms ahead\)/);
  assert.throws(() => scheduleCancelAction(1.5, 0), /scheduleCancel.time: expected integer ms/);
});

test('twapOrder, twapCancel and noop', () => {
  assert.equal(json(twapOrderAction(table, { symbol: 'BTC', side: 'buy', qty: '0.123456', minutes: 30, randomize: false })), '{"type":"twapOrder","twap":{"a":0,"b":true,"s":"0.12345","r":false,"m":30,"t":false}}');
  assert.throws(() => twapOrderAction(table, { symbol: 'BTC', side: 'buy', qty: 1, minutes: 4, randomize: true }), /twap.minutes: expected an integer 5..1440/);
  assert.equal(json(twapCancelAction(table, { symbol: 'ETH', twapId: 77 })), '{"type":"twapCancel","a":1,"t":77}');
  assert.equal(json(noopAction()), '{"type":"noop"}');
});

// Order builder: domain requests become the exact wire orders the SDK vectors hash and sign.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateKeyToAccount } from 'viem/accounts';
import { actionHash } from '../signing/action-hash.js';
import type { MsgpackValue } from '../signing/msgpack.js';
import { signL1 } from '../signing/sign.js';
import { sameSignature } from '../signing/signature.js';
import { staticAssetTable } from './asset-table.js';
import { orderAction } from './order.js';
import type { HlOrderRequest } from './order.js';

// Public test keys of the Python SDK and nktkas test suites (never real funds).
const PY_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const NK_KEY = '0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff';

const table = staticAssetTable({ ETH: { assetId: 1, szDecimals: 4 }, BTC: { assetId: 0, szDecimals: 5 }, PURR: { assetId: 10000, szDecimals: 0 }, 'xyz:XYZ100': { assetId: 110000, szDecimals: 4 } });
const m = (a: unknown) => a as MsgpackValue;

test('the Python SDK production order (ETH IOC 0.0147 @ 1670.1) hashes to its connection id', () => {
  const action = orderAction(staticAssetTable({ ETH: { assetId: 4, szDecimals: 4 } }), [{ symbol: 'ETH', side: 'buy', qty: 0.0147, price: 1670.1, tif: 'IOC' }]);
  assert.equal(JSON.stringify(action), '{"type":"order","orders":[{"a":4,"b":true,"p":"1670.1","s":"0.0147","r":false,"t":{"limit":{"tif":"Ioc"}}}],"grouping":"na"}');
  assert.equal(actionHash({ action: m(action), nonce: 1677777606040 }), '0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908');
});

test('GTC orders with and without cloid reproduce the Python SDK signatures', async () => {
  const acc = privateKeyToAccount(PY_KEY);
  const gtc = orderAction(table, [{ symbol: 'ETH', side: 'buy', qty: 100, price: 100 }]);
  const a = await signL1(acc, { action: m(gtc), nonce: 0, network: 'mainnet' });
  assert.ok(sameSignature(a.signature, { r: '0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e', s: '0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e', v: 28 }));
  const withCloid = orderAction(table, [{ symbol: 'ETH', side: 'buy', qty: '100', price: '100.000', cloid: '0x00000000000000000000000000000001' }]);
  assert.equal(JSON.stringify(withCloid.orders[0]), '{"a":1,"b":true,"p":"100","s":"100","r":false,"t":{"limit":{"tif":"Gtc"}},"c":"0x00000000000000000000000000000001"}');
  const b = await signL1(acc, { action: m(withCloid), nonce: 0, network: 'mainnet' });
  assert.ok(sameSignature(b.signature, { r: '0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3', s: '0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da', v: 27 }));
});

test('a stop-loss trigger market order reproduces the Python SDK tpsl signature', async () => {
  // tests/signing_test.py test_l1_action_signing_tpsl_order_matches (upstream expected values).
  const action = orderAction(table, [{ symbol: 'ETH', side: 'buy', qty: 100, price: 100, trigger: { kind: 'sl', price: 103, market: true } }]);
  assert.equal(JSON.stringify(action.orders[0].t), '{"trigger":{"isMarket":true,"triggerPx":"103","tpsl":"sl"}}');
  const { signature } = await signL1(privateKeyToAccount(PY_KEY), { action: m(action), nonce: 0, network: 'mainnet' });
  assert.ok(sameSignature(signature, { r: '0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9', s: '0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405', v: 27 }));
});

test('the nktkas BTC order reproduces its connection id and signature', async () => {
  const action = orderAction(table, [{ symbol: 'BTC', side: 'buy', qty: '0.1', price: 30000 }]);
  const { connectionId, signature } = await signL1(privateKeyToAccount(NK_KEY), { action: m(action), nonce: 1234567890, network: 'mainnet' });
  assert.equal(connectionId, '0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90');
  assert.ok(sameSignature(signature, { r: '0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8', s: '0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9', v: 28 }));
});

test('off-grid prices: passive buys round down and sells up, aggressive the other way, exact refuses', () => {
  const px = (req: Partial<HlOrderRequest>) => orderAction(table, [{ symbol: 'ETH', side: 'buy', qty: 1, price: '1670.15', ...req }]).orders[0].p;
  assert.equal(px({ side: 'buy', tif: 'GTC' }), '1670.1');
  assert.equal(px({ side: 'sell', tif: 'ALO' }), '1670.2');
  assert.equal(px({ side: 'buy', tif: 'IOC' }), '1670.2');
  assert.equal(px({ side: 'sell', tif: 'IOC' }), '1670.1');
  assert.equal(px({ side: 'buy', rounding: 'aggressive' }), '1670.2');
  assert.throws(() => px({ rounding: 'exact' }), /orders\[0\].price: price "1670.15" is off the venue's grid/);
  assert.equal(px({ price: '1670.1', rounding: 'exact' }), '1670.1');
  // A market-style IOC built from mid × (1 + slippage) is re-rounded, never sent raw.
  assert.equal(px({ price: 1670.1 * 1.05, tif: 'IOC' }), '1753.7');
  // Spot (asset 10000+) gets 8 − szDecimals decimals; HIP-3 (≥ 100000) is a perp.
  assert.equal(orderAction(table, [{ symbol: 'PURR', side: 'buy', qty: 10, price: '0.1234567' }]).orders[0].p, '0.12345');
  assert.equal(orderAction(table, [{ symbol: 'PURR', side: 'buy', qty: 10, price: '0.0000123456' }]).orders[0].p, '0.00001234');
  assert.equal(orderAction(table, [{ symbol: 'xyz:XYZ100', side: 'buy', qty: 1, price: '0.0123456' }]).orders[0].p, '0.01');
});

test('trigger orders: limit triggers round passively, trigger levels to the nearest grid price', () => {
  const [o] = orderAction(table, [{ symbol: 'ETH', side: 'sell', qty: '0.50', price: '1999.97', reduceOnly: true, trigger: { kind: 'tp', price: '2000.04', market: false } }]).orders;
  assert.equal(JSON.stringify(o), '{"a":1,"b":false,"p":"2000","s":"0.5","r":true,"t":{"trigger":{"isMarket":false,"triggerPx":"2000","tpsl":"tp"}}}');
});

test('groupings: normalTpsl parent + children, positionTpsl with whole-position size 0', () => {
  const parent: HlOrderRequest = { symbol: 'BTC', side: 'buy', qty: 0.01, price: 60000, tif: 'GTC' };
  const tp: HlOrderRequest = { symbol: 'BTC', side: 'sell', qty: 0.01, price: 66000, reduceOnly: true, trigger: { kind: 'tp', price: 66000, market: true } };
  const sl: HlOrderRequest = { symbol: 'BTC', side: 'sell', qty: 0.01, price: 54000, reduceOnly: true, trigger: { kind: 'sl', price: 55000, market: true } };
  const a = orderAction(table, [parent, tp, sl], { grouping: 'normalTpsl' });
  assert.equal(a.grouping, 'normalTpsl');
  assert.deepEqual(a.orders.map((o) => Object.keys(o.t)[0]), ['limit', 'trigger', 'trigger']);
  assert.throws(() => orderAction(table, [parent], { grouping: 'normalTpsl' }), /grouping: normalTpsl needs a parent/);
  assert.throws(() => orderAction(table, [parent, { ...tp, reduceOnly: false }], { grouping: 'normalTpsl' }), /orders\[1\].reduceOnly: normalTpsl children must be reduce-only/);
  assert.throws(() => orderAction(table, [parent, { ...tp, side: 'buy' }], { grouping: 'normalTpsl' }), /orders\[1\].side: normalTpsl children close the parent/);
  const whole = orderAction(table, [{ ...sl, qty: 0 }], { grouping: 'positionTpsl' });
  assert.equal(whole.orders[0].s, '0');
  assert.throws(() => orderAction(table, [parent], { grouping: 'positionTpsl' }), /orders\[0\]: positionTpsl orders must be trigger/);
  // Outside positionTpsl a size that truncates to 0 is refused, never sent as "0" (= whole position there).
  assert.throws(() => orderAction(table, [{ ...sl, qty: 0 }]), /orders\[0\].qty: size 0 truncates to 0/);
  assert.throws(() => orderAction(table, [{ ...parent, qty: 0.000001 }]), /orders\[0\].qty: size 0.000001 truncates to 0 at szDecimals 5/);
  assert.throws(() => orderAction(table, [parent], { grouping: 'other' as never }), /grouping: expected na, normalTpsl or positionTpsl/);
});

test('builder fee: address lowercased, tenths of a bp capped at 0.1 % on perps', () => {
  const a = orderAction(table, [{ symbol: 'BTC', side: 'buy', qty: 1, price: 60000 }], { builder: { address: '0xABCDEF0123456789ABCDEF0123456789ABCDEF01', feeTenthsBp: 10 } });
  assert.equal(JSON.stringify(a).endsWith('"grouping":"na","builder":{"b":"0xabcdef0123456789abcdef0123456789abcdef01","f":10}}'), true);
  assert.throws(() => orderAction(table, [{ symbol: 'BTC', side: 'buy', qty: 1, price: 60000 }], { builder: { address: '0xabcdef0123456789abcdef0123456789abcdef01', feeTenthsBp: 101 } }), /builder.feeTenthsBp: expected an integer 0..100/);
  const spot = orderAction(table, [{ symbol: 'PURR', side: 'buy', qty: 1, price: 1 }], { builder: { address: '0xabcdef0123456789abcdef0123456789abcdef01', feeTenthsBp: 1000 } });
  assert.equal(spot.builder?.f, 1000);
  assert.throws(() => orderAction(table, [{ symbol: 'BTC', side: 'buy', qty: 1, price: 60000 }], { builder: { address: '0x123', feeTenthsBp: 1 } }), /builder.address: expected an address/);
});

test('bad requests name the order and field', () => {
  const ok: HlOrderRequest = { symbol: 'BTC', side: 'buy', qty: 1, price: 60000 };
  assert.throws(() => orderAction(table, []), /orders: expected at least one order/);
  assert.throws(() => orderAction(table, [{ ...ok, symbol: 'DOGE' }]), /orders\[0\].symbol: unknown symbol "DOGE"/);
  assert.throws(() => orderAction(table, [ok, { ...ok, side: 'long' as never }]), /orders\[1\].side: expected "buy" or "sell"/);
  assert.throws(() => orderAction(table, [{ ...ok, qty: -1 }]), /orders\[0\].qty: must be > 0/);
  assert.throws(() => orderAction(table, [{ ...ok, price: Number.NaN }]), /orders\[0\].price: expected a finite number/);
  assert.throws(() => orderAction(table, [{ ...ok, cloid: '0x0000000000000000000000000000000A' }]), /orders\[0\].cloid: cloid must be "0x" followed by exactly 32 lowercase hex/);
  assert.throws(() => orderAction(table, [{ ...ok, tif: 'IOC', trigger: { kind: 'tp', price: 1, market: true } }]), /orders\[0\].tif: a trigger order takes no time in force/);
  assert.throws(() => orderAction(table, [{ ...ok, tif: 'FOK' as never }]), /orders\[0\].tif: expected GTC, IOC or ALO/);
  assert.throws(() => orderAction(table, [{ ...ok, trigger: { kind: 'stop' as never, price: 1, market: true } }]), /orders\[0\].trigger.kind/);
});

// Core order requests to Hyperliquid orders: limit, market (IOC at mid ± slippage, re-rounded), stop and take-profit triggers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../core/errors.js';
import { cloidFromClientId } from '../actions/cloid.js';
import { orderWire } from '../actions/order.js';
import { staticAssetTable } from '../actions/asset-table.js';
import { needsMid, toHlOrder, type SubmitOrderRequest } from './order-request.js';

const assets = staticAssetTable({ BTC: { assetId: 0, szDecimals: 5 } });
const cloid = cloidFromClientId('c1');
const base: SubmitOrderRequest = { symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', price: 64_123.77, clientId: 'c1' };

test('limit: GTC by default, priced passively on the grid, with the cloid', () => {
  const w = orderWire(assets, toHlOrder(assets, base, cloid), 'o');
  assert.deepEqual(w, { a: 0, b: true, p: '64123', s: '0.001', r: false, t: { limit: { tif: 'Gtc' } }, c: cloid });
  assert.deepEqual(orderWire(assets, toHlOrder(assets, { ...base, tif: 'ALO' }, cloid), 'o').t, { limit: { tif: 'Alo' } });
});

test('market: an IOC at mid × (1 ± slippage), rounded to stay marketable; needs a mid only without a price', () => {
  const req: SubmitOrderRequest = { ...base, type: 'market', price: undefined };
  assert.equal(needsMid(req), true);
  assert.equal(needsMid({ ...req, price: 60_000 }), false);
  const buy = orderWire(assets, toHlOrder(assets, req, cloid, 60_000.5), 'o');
  assert.deepEqual([buy.p, buy.t], ['63001', { limit: { tif: 'Ioc' } }]);
  const sell = orderWire(assets, toHlOrder(assets, { ...req, side: 'sell', slippage: 0.01 }, cloid, 60_000.5), 'o');
  assert.equal(sell.p, '59400');
  assert.throws(() => toHlOrder(assets, req, cloid), BadInputError);
  assert.throws(() => toHlOrder(assets, { ...req, tif: 'GTC' }, cloid, 1), /IOC/);
});

test('stops and take-profits: mark-price triggers, market ones bounded at 10 % from the trigger', () => {
  const sl = orderWire(assets, toHlOrder(assets, { ...base, side: 'sell', type: 'stop-market', price: undefined, triggerPrice: 60_000, reduceOnly: true }, cloid), 'o');
  assert.deepEqual([sl.p, sl.r, sl.t], ['54000', true, { trigger: { isMarket: true, triggerPx: '60000', tpsl: 'sl' } }]);
  const tp = orderWire(assets, toHlOrder(assets, { ...base, side: 'sell', type: 'take-profit-limit', price: 70_000, triggerPrice: 69_950 }, cloid), 'o');
  assert.deepEqual(tp.t, { trigger: { isMarket: false, triggerPx: '69950', tpsl: 'tp' } });
  assert.throws(() => toHlOrder(assets, { ...base, type: 'stop-limit' }, cloid), /triggerPrice/);
});

// Request weights and classes per hyperliquid.md §7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeClass, exchangeWeight, infoRowWeight, infoWeight } from './request-weights.js';

test('info weights: light 2, userRole 60, the rest 20; row surcharges after the answer', () => {
  assert.equal(infoWeight({ type: 'l2Book', coin: 'BTC' }), 2);
  assert.equal(infoWeight({ type: 'allMids' }), 2);
  assert.equal(infoWeight({ type: 'userRole', user: '0x1' }), 60);
  assert.equal(infoWeight({ type: 'metaAndAssetCtxs' }), 20);
  assert.equal(infoWeight(null), 20);
  assert.equal(infoRowWeight({ type: 'userFills' }, new Array(45)), 2);
  assert.equal(infoRowWeight({ type: 'recentTrades' }, new Array(19)), 0);
  assert.equal(infoRowWeight({ type: 'candleSnapshot' }, new Array(500)), 8);
  assert.equal(infoRowWeight({ type: 'meta' }, new Array(500)), 0);
});

test('exchange weight 1 + floor(batch / 40); cancels are their own class', () => {
  const orders = (n: number): unknown => ({ action: { type: 'order', orders: new Array(n).fill({}) } });
  assert.equal(exchangeWeight(orders(1)), 1);
  assert.equal(exchangeWeight(orders(79)), 2);
  assert.equal(exchangeWeight(orders(80)), 3);
  assert.equal(exchangeWeight({ action: { type: 'cancel', cancels: new Array(40).fill({}) } }), 2);
  assert.equal(exchangeWeight({ action: { type: 'updateLeverage' } }), 1);
  assert.equal(exchangeClass({ action: { type: 'cancelByCloid', cancels: [] } }), 'cancel');
  assert.equal(exchangeClass({ action: { type: 'scheduleCancel' } }), 'cancel');
  assert.equal(exchangeClass(orders(1)), 'action');
});

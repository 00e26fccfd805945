// TP/SL legs: which order type each leg becomes, reduce-only on the closing side, and the refusals made before anything is sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../core/errors.js';
import { legRequest, legsOf, oppositeSide } from './tpsl-request.js';

test('a take-profit and a stop-loss become tp / sl triggers, market by default, limit with a price', () => {
  const cases = [
    ['takeProfit', undefined, 'take-profit'],
    ['takeProfit', false, 'take-profit-limit'],
    ['stopLoss', true, 'stop-market'],
    ['stopLoss', false, 'stop-limit'],
  ] as const;
  for (const [role, market, type] of cases) {
    const r = legRequest('ETH', 'sell', 0.5, role, { triggerPrice: 100, price: 99, clientId: 'c', ...(market !== undefined ? { market } : {}) });
    assert.deepEqual(r, { symbol: 'ETH', side: 'sell', qty: 0.5, type, triggerPrice: 100, price: 99, reduceOnly: true, clientId: 'c' });
  }
  assert.equal(legRequest('ETH', 'buy', 1, 'stopLoss', { triggerPrice: 100, clientId: 'c' }).price, undefined);
  assert.equal(oppositeSide('buy'), 'sell');
  assert.equal(oppositeSide('sell'), 'buy');
});

test('a limit leg without its price, or no leg at all, is refused', () => {
  assert.throws(() => legRequest('ETH', 'sell', 1, 'takeProfit', { triggerPrice: 100, market: false, clientId: 'c' }), BadInputError);
  assert.throws(() => legsOf(undefined, undefined, 'bracket'), /take-profit, a stop-loss or both/);
  const sl = { triggerPrice: 90, clientId: 's' };
  const tp = { triggerPrice: 110, clientId: 't' };
  assert.deepEqual(legsOf(tp, sl, 'bracket').map((l) => l.role), ['takeProfit', 'stopLoss']);
  assert.deepEqual(legsOf(undefined, sl, 'bracket'), [{ role: 'stopLoss', leg: sl }]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedFromString } from '../core/fixed.js';
import { matchFill } from './fill-matching.js';
import { makeIntent } from './order-intent.js';
import { OrderRegistry, type OmsOrder } from './order-registry.js';
import type { VenueFill } from './venue-views.js';

function order(n: number, over: Partial<OmsOrder> = {}): OmsOrder {
  const intent = makeIntent({ botId: 'b', symbol: 'ETH', side: 'buy', qty: 1, type: 'limit', price: 3000, reason: 'entry', decisionTs: 1000, n });
  return { intent, status: 'submitted', venueOrderId: undefined, filledQty: 0, sentAt: 1000, updatedAt: 1000, ...over };
}

function fill(over: Partial<VenueFill>): VenueFill {
  return { fillId: 't1', venueOrderId: '11', cloid: undefined, symbol: 'ETH', side: 'buy', qty: 0.5, price: 3000, fee: fixedFromString('0.1', 'fee'), liquidity: 'taker', ts: 2000, ...over };
}

test('fills move an order to partially-filled then filled; a fill of a cancelled order only counts', () => {
  const r = new OrderRegistry();
  const o = order(0);
  r.add(o);
  r.transition(o.intent.cloid, 'outcome-unknown', { kind: 'send-failed', error: 'timeout' }, 1500);
  assert.equal(r.applyFill(o.intent.cloid, 'f1', 0.4, 1600, '11')?.to, 'partially-filled');
  assert.equal(r.byVenueOrderId('11')?.intent.cloid, o.intent.cloid);
  assert.equal(r.applyFill(o.intent.cloid, 'f2', 0.6, 1700, '11')?.to, 'filled');
  const c = order(1, { status: 'accepted', venueOrderId: '12' });
  r.add(c);
  r.transition(c.intent.cloid, 'cancelled', { kind: 'order-status', venueStatus: 'canceled', statusTs: 1 }, 1800);
  assert.equal(r.applyFill(c.intent.cloid, 'f3', 0.2, 1900, '12'), undefined);
  assert.equal(r.require(c.intent.cloid).filledQty, 0.2);
});

test('a venue state the table cannot reach is a conflict, not a throw; the same state is nothing', () => {
  const r = new OrderRegistry();
  const o = order(0, { status: 'filled' });
  r.add(o);
  assert.equal(r.applyVenueState(o.intent.cloid, 'filled', { kind: 'order-status', venueStatus: 'filled', statusTs: 1 }, 2).kind, 'same');
  const res = r.applyVenueState(o.intent.cloid, 'canceled', { kind: 'order-status', venueStatus: 'canceled', statusTs: 1 }, 2);
  assert.equal(res.kind, 'conflict');
});

test('fills match by cloid, then venue order id; never twice; time proximity only for external orders', () => {
  const r = new OrderRegistry();
  const a = order(0, { venueOrderId: '11' });
  r.add(a);
  assert.deepEqual(matchFill(fill({ cloid: a.intent.cloid }), r, new Set()), { kind: 'ours', cloid: a.intent.cloid, by: 'cloid' });
  assert.deepEqual(matchFill(fill({}), r, new Set()), { kind: 'ours', cloid: a.intent.cloid, by: 'venue-order-id' });
  assert.equal(matchFill(fill({}), r, new Set(['t1'])).kind, 'duplicate');
  // A fill of no order we know, placed near our order's time: never matched to ours by time.
  assert.equal(matchFill(fill({ venueOrderId: '99', ts: 1000 }), r, new Set()).kind, 'unmatched');
  // A foreign cloid: never ours.
  assert.equal(matchFill(fill({ venueOrderId: '99', cloid: '0x' + 'ab'.repeat(16) }), r, new Set()).kind, 'unmatched');
  r.trackExternal({ venueOrderId: '50', cloid: undefined, symbol: 'ETH', side: 'buy', placedTs: 1990, external: true });
  const m = matchFill(fill({ venueOrderId: '98', ts: 2000 }), r, new Set());
  assert.equal(m.kind, 'external');
  assert.equal(m.kind === 'external' ? m.by : '', 'time-proximity');
  assert.equal(matchFill(fill({ venueOrderId: '98', ts: 9000 }), r, new Set()).kind, 'unmatched');
  assert.equal(matchFill(fill({ venueOrderId: '98', side: 'sell' }), r, new Set()).kind, 'unmatched');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedFromString } from '../core/fixed.js';
import { makeIntent } from './order-intent.js';
import { OrderRegistry, type OmsOrder } from './order-registry.js';
import { allExplained, reconcileDiff, type OursView } from './reconcile-diff.js';
import type { VenueFill, VenueSnapshot } from './venue-views.js';

function order(n: number, over: Partial<OmsOrder> = {}): OmsOrder {
  const intent = makeIntent({ botId: 'b', symbol: 'ETH', side: 'buy', qty: 1, type: 'limit', price: 3000, reason: 'entry', decisionTs: 1000, n });
  return { intent, status: 'accepted', venueOrderId: String(100 + n), filledQty: 0, sentAt: 1000, updatedAt: 1000, ...over };
}
const fee = fixedFromString('0.1', 'fee');
const fill = (over: Partial<VenueFill>): VenueFill => ({ fillId: 't1', venueOrderId: '100', cloid: undefined, symbol: 'ETH', side: 'buy', qty: 1, price: 3000, fee, liquidity: 'taker', ts: 2000, ...over });
const snap = (over: Partial<VenueSnapshot>): VenueSnapshot => ({ openOrders: [], positions: [], fills: [], fillsSince: 0, readAt: 5000, ...over });
const view = (registry: OrderRegistry, positions: [string, number][] = [], fillIds: string[] = []): OursView => ({ registry, positions: new Map(positions), fillIds: new Set(fillIds) });

test('in agreement: no differences', () => {
  const r = new OrderRegistry();
  const o = order(0);
  r.add(o);
  const diffs = reconcileDiff(view(r, [['ETH', 2]]), snap({ positions: [{ symbol: 'ETH', size: 2 }], openOrders: [{ venueOrderId: '100', cloid: o.intent.cloid, symbol: 'ETH', side: 'buy', remaining: 1, origQty: 1, placedTs: 1000 }] }));
  assert.deepEqual(diffs, []);
});

test('a fill we lack explains the order missing at the venue and the position that moved', () => {
  const r = new OrderRegistry();
  const o = order(0);
  r.add(o);
  const diffs = reconcileDiff(view(r), snap({ positions: [{ symbol: 'ETH', size: 1 }], fills: [fill({ cloid: o.intent.cloid })] }));
  assert.deepEqual(diffs.map((d) => [d.kind, d.explanation.kind]), [['fill-we-lack', 'explained'], ['missing-at-venue', 'explained'], ['position-mismatch', 'explained']]);
  assert.equal(diffs[0].explanation.kind === 'explained' ? diffs[0].explanation.corrections[0].type : '', 'fill.record');
  assert.ok(allExplained(diffs));
});

test('a position changed behind our back is unexplained; so is an order Sextant did not place', () => {
  const r = new OrderRegistry();
  const diffs = reconcileDiff(view(r, [['ETH', 1]]), snap({ positions: [{ symbol: 'ETH', size: 1.5 }], fills: [fill({ venueOrderId: '777', qty: 0.5 })], openOrders: [{ venueOrderId: '778', cloid: undefined, symbol: 'ETH', side: 'sell', remaining: 1, origQty: 1, placedTs: 1 }] }));
  assert.deepEqual(diffs.map((d) => [d.kind, d.explanation.kind]).sort(), [['fill-we-lack', 'unexplained'], ['position-mismatch', 'unexplained'], ['unknown-at-ours', 'unexplained']]);
  assert.ok(!allExplained(diffs));
  // With external trading allowed, the same is tracked as external and explained.
  assert.ok(allExplained(reconcileDiff(view(r, [['ETH', 1]]), snap({ positions: [{ symbol: 'ETH', size: 1.5 }], fills: [fill({ venueOrderId: '777', qty: 0.5 })] }), { allowExternal: true })));
});

test('an order missing at the venue is explained only by orderStatus evidence', () => {
  const r = new OrderRegistry();
  const o = order(0);
  r.add(o);
  const without = reconcileDiff(view(r), snap({}));
  assert.deepEqual(without.map((d) => [d.kind, d.explanation.kind]), [['missing-at-venue', 'unexplained']]);
  const statuses = new Map([[o.intent.cloid, { found: true as const, state: 'canceled' as const, venueStatus: 'marginCanceled', venueOrderId: '100', statusTs: 3000, partlyFilled: false }]]);
  const withStatus = reconcileDiff(view(r), snap({}), { statuses });
  assert.equal(withStatus[0].explanation.kind, 'explained');
  const c = withStatus[0].explanation.kind === 'explained' ? withStatus[0].explanation.corrections[0] : undefined;
  assert.equal(c?.type === 'order.state' ? c.state : '', 'canceled');
  // An acknowledged order the venue has never heard of: unexplained.
  const gone = reconcileDiff(view(r), snap({}), { statuses: new Map([[o.intent.cloid, { found: false as const, askedAt: 4000 }]]) });
  assert.equal(gone[0].explanation.kind, 'unexplained');
});

test('an unknown order listed open is explained as placed; a working size no fill accounts for is unexplained', () => {
  const r = new OrderRegistry();
  const o = order(0, { status: 'unknown', venueOrderId: undefined });
  r.add(o);
  const listed = { venueOrderId: '100', cloid: o.intent.cloid, symbol: 'ETH', side: 'buy' as const, remaining: 1, origQty: 1, placedTs: 1000 };
  const d = reconcileDiff(view(r), snap({ openOrders: [listed] }));
  assert.deepEqual(d.map((x) => [x.kind, x.explanation.kind]), [['status-mismatch', 'explained']]);
  const q = reconcileDiff(view(r), snap({ openOrders: [{ ...listed, remaining: 0.5 }] }));
  assert.ok(q.some((x) => x.kind === 'qty-mismatch' && x.explanation.kind === 'unexplained'));
});

test('a fresh OMS adopts the venue positions as explained corrections', () => {
  const d = reconcileDiff(view(new OrderRegistry()), snap({ positions: [{ symbol: 'BTC', size: -0.2 }] }), { adoptVenuePositions: true });
  assert.equal(d[0].explanation.kind, 'explained');
  assert.deepEqual(d[0].explanation.kind === 'explained' ? d[0].explanation.corrections : [], [{ type: 'position.adopt', symbol: 'BTC', size: -0.2 }]);
});

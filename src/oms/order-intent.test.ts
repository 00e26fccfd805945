import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../core/errors.js';
import { cloidOf, dedupeKeyOf, isCloid, makeIntent, type IntentInput } from './order-intent.js';
import { isTerminal, nextOrderStatus } from './order-lifecycle.js';

const base: IntentInput = { botId: 'trend-1', symbol: 'BTC', side: 'buy', qty: 0.01, type: 'limit', price: 60_000, reason: 'entry', decisionTs: 1_700_000_000_000, n: 0 };

test('the same decision gives the same dedupe key and cloid; another number or time gives another', () => {
  const a = makeIntent(base);
  assert.deepEqual(makeIntent(base), a);
  assert.equal(a.dedupeKey, dedupeKeyOf('trend-1', 'BTC', 'buy', 1_700_000_000_000, 0));
  assert.ok(isCloid(a.cloid), a.cloid);
  assert.equal(a.cloid, cloidOf(a.dedupeKey));
  assert.equal(a.intentId, a.cloid);
  const others = [makeIntent({ ...base, n: 1 }), makeIntent({ ...base, decisionTs: base.decisionTs + 1 }), makeIntent({ ...base, side: 'sell' }), makeIntent({ ...base, botId: 'trend-2' })];
  assert.equal(new Set([a.cloid, ...others.map((o) => o.cloid)]).size, 5);
});

test('bad intents are refused at the edge, naming the field', () => {
  const bad: [Partial<IntentInput>, RegExp][] = [
    [{ qty: NaN }, /intent\.qty/],
    [{ qty: 0 }, /intent\.qty/],
    [{ price: Infinity }, /intent\.price/],
    [{ price: undefined }, /limit order needs a price/],
    [{ type: 'stop-market', price: undefined }, /intent\.triggerPrice/],
    [{ botId: 'a:b' }, /intent\.botId/],
    [{ decisionTs: 1.5 }, /intent\.decisionTs/],
    [{ n: -1 }, /intent\.n/],
  ];
  for (const [patch, re] of bad) assert.throws(() => makeIntent({ ...base, ...patch }), (e: unknown) => e instanceof BadInputError && re.test(e.message));
});

test('unknown leaves only on evidence; not-placed may be resent; the old rows still hold', () => {
  assert.equal(nextOrderStatus('submitted', 'outcome-unknown', 'x'), 'unknown');
  for (const ev of ['accepted', 'filled', 'partially-filled', 'cancelled', 'rejected', 'triggered', 'expired'] as const) assert.notEqual(nextOrderStatus('unknown', ev, 'x'), 'unknown');
  assert.equal(nextOrderStatus('unknown', 'not-found', 'x'), 'not-placed');
  assert.equal(nextOrderStatus('not-placed', 'resent', 'x'), 'submitted');
  assert.throws(() => nextOrderStatus('unknown', 'outcome-unknown', 'x'));
  assert.throws(() => nextOrderStatus('accepted', 'outcome-unknown', 'x'));
  assert.throws(() => nextOrderStatus('accepted', 'not-found', 'x'));
  assert.equal(nextOrderStatus('submitted', 'accepted', 'x'), 'accepted');
  assert.ok(!isTerminal('unknown'));
  assert.ok(isTerminal('not-placed'));
});

// Tests of the market event constructors: valid envelopes, and rejection of bad values at the edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { bookEvent, isBookEvent, isTradeEvent, levelPairs, tradeEvent } from './market-events.js';

test('trade and book constructors build typed, frozen envelopes', () => {
  const t = tradeEvent('BTC', 'f.csv', 1, 1000.5, 1001, { price: 100, size: 2, side: 'sell', tradeId: 'a' });
  assert.equal(t.type, 'market.trade');
  assert.ok(isTradeEvent(t) && !isBookEvent(t));
  assert.deepEqual(t.data, { price: 100, size: 2, side: 'sell', tradeId: 'a' });
  assert.ok(Object.isFrozen(t) && Object.isFrozen(t.data));
  const b = bookEvent('BTC', 'f.jsonl', 7, 1000, 1000, { snapshot: true, bids: levelPairs([[99, 1]]), asks: levelPairs([[101, 0]]) });
  assert.ok(isBookEvent(b));
  assert.equal(b.data.snapshot, true);
  assert.deepEqual([...b.data.bids], [99, 1]);
  assert.equal(b.seq, 7);
});

test('bad trades and books are rejected naming where', () => {
  const ok = { price: 100, size: 2, side: 'buy' as const, tradeId: 'a' };
  assert.throws(() => tradeEvent('BTC', 's', 1, 0, 0, { ...ok, price: Number.NaN }, 'f.csv:3'), (e: unknown) => e instanceof BadInputError && e.where === 'f.csv:3');
  assert.throws(() => tradeEvent('BTC', 's', 1, 0, 0, { ...ok, price: -1 }), BadInputError);
  assert.throws(() => tradeEvent('BTC', 's', 1, 0, 0, { ...ok, size: 0 }), BadInputError);
  assert.throws(() => tradeEvent('BTC', 's', 1, 0, 0, { ...ok, size: Number.POSITIVE_INFINITY }), BadInputError);
  assert.throws(() => tradeEvent('BTC', 's', 1, 0, 0, { ...ok, side: 'unknown' as 'buy' }), BadInputError);
  assert.throws(() => tradeEvent('BTC', 's', 1, Number.NaN, 0, ok), BadInputError);
  assert.throws(() => tradeEvent('', 's', 1, 0, 0, ok), BadInputError);
  const book = (bids: Float64Array) => bookEvent('BTC', 's', 1, 0, 0, { snapshot: false, bids, asks: new Float64Array(0) });
  assert.throws(() => book(new Float64Array([100])), BadInputError);
  assert.throws(() => book(new Float64Array([100, -1])), BadInputError);
  assert.throws(() => book(new Float64Array([0, 1])), BadInputError);
  assert.throws(() => book(new Float64Array([Number.NaN, 1])), BadInputError);
  assert.throws(() => book([100, 1] as unknown as Float64Array), BadInputError);
  assert.doesNotThrow(() => book(new Float64Array([100, 0])));
});

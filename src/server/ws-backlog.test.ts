// A slow client's queue: state topics conflate, events append, trimming drops lowest priority first and never private data, everything counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WsBacklog, newWsCounters } from './ws-backlog.js';

test('latest-wins topics conflate (counted), event topics keep every message; take orders by priority', () => {
  const counters = newWsCounters();
  const q = new WsBacklog(counters);
  q.add('bots a', 'bots', 3, true, 'b1');
  q.add('books BTC', 'books', 1, true, 'k1');
  q.add('books BTC', 'books', 1, true, 'k2');
  q.add('trades BTC', 'trades', 1, false, 't1');
  q.add('trades BTC', 'trades', 1, false, 't2');
  q.add('orders @alice', 'orders', 0, false, 'o1');
  assert.equal(q.bytes, 10);
  assert.deepEqual(counters.conflated, { books: 1 });
  assert.deepEqual(q.take(), ['o1', 'k2', 't1', 't2', 'b1']);
  assert.equal(q.bytes, 0);
  assert.equal(q.size, 0);
});

test('trim drops whole topics from the lowest priority up, never priority 0; discard counts the rest', () => {
  const counters = newWsCounters();
  const q = new WsBacklog(counters);
  q.add('orders @alice', 'orders', 0, false, 'oooo');
  q.add('trades BTC', 'trades', 1, false, 'tttt');
  q.add('signals BTC', 'signals', 2, false, 'ssss');
  q.add('signals BTC', 'signals', 2, false, 'ssss');
  q.add('bots a', 'bots', 3, true, 'bbbb');
  assert.equal(q.bytes, 20);
  assert.equal(q.trim(12), true);
  assert.deepEqual(counters.dropped, { bots: 1, signals: 2 });
  assert.equal(q.bytes, 8);
  assert.equal(q.trim(3), false, 'private data alone is over the limit: the caller closes the client');
  assert.deepEqual(counters.dropped, { bots: 1, signals: 2, trades: 1 });
  q.discard();
  assert.deepEqual(counters.dropped, { bots: 1, signals: 2, trades: 1, orders: 1 });
  assert.equal(q.bytes, 0);
});

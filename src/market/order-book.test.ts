// Tests of the L2 order book: snapshots, updates, deletes, integrity, and the walk against a naive reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/rng.js';
import type { Side } from '../core/orders.js';
import { OrderBook } from './order-book.js';
import { walkBook, walkResult } from './book-walk.js';
import { levelPairs } from './market-events.js';

/** The reference: a Map per side, sorted on demand. */
class NaiveBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  set(side: 'bid' | 'ask', price: number, size: number): void {
    const m = side === 'bid' ? this.bids : this.asks;
    if (size === 0) m.delete(price);
    else m.set(price, size);
  }
  sorted(side: 'bid' | 'ask'): [number, number][] {
    const m = side === 'bid' ? this.bids : this.asks;
    return [...m.entries()].sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
  }
  walk(taker: Side, qty: number, limit: number): { filled: number; notional: number; levels: number } {
    let rem = qty;
    let notional = 0;
    let levels = 0;
    for (const [p, s] of this.sorted(taker === 'buy' ? 'ask' : 'bid')) {
      if (rem <= qty * 1e-12) break; // the documented tolerance for float residue
      if (!Number.isNaN(limit) && (taker === 'buy' ? p > limit : p < limit)) break;
      const take = Math.min(rem, s);
      notional += take * p;
      rem -= take;
      levels++;
    }
    return { filled: qty - Math.max(rem, 0), notional, levels };
  }
}

const pairs = (a: Float64Array): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) out.push([a[i], a[i + 1]]);
  return out;
};

test('a snapshot loads best-first or worst-first input into sorted sides', () => {
  const book = new OrderBook('X');
  book.applySnapshot(levelPairs([[100, 1], [99, 2], [98, 3]]), levelPairs([[103, 3], [102, 2], [101, 1]]), 10);
  assert.deepEqual(pairs(book.levels('bid')), [[100, 1], [99, 2], [98, 3]]);
  assert.deepEqual(pairs(book.levels('ask')), [[101, 1], [102, 2], [103, 3]]);
  assert.equal(book.bestBid(), 100);
  assert.equal(book.bestAsk(), 101);
  assert.equal(book.mid(), 100.5);
  assert.equal(book.spread(), 1);
  assert.equal(book.lastSeq, 10);
  assert.equal(book.integrity(), undefined);
  // A second snapshot replaces everything; size-0 pairs are skipped.
  book.applySnapshot(levelPairs([[50, 1], [49, 0]]), levelPairs([[51, 4]]));
  assert.deepEqual(pairs(book.levels('bid')), [[50, 1]]);
  assert.deepEqual(pairs(book.levels('ask')), [[51, 4]]);
});

test('updates change, insert and delete levels; deleting an absent level is counted', () => {
  const book = new OrderBook('X');
  book.applySnapshot(levelPairs([[100, 1], [99, 2]]), levelPairs([[101, 1], [102, 2]]));
  book.update('bid', 99, 5); // change
  book.update('bid', 99.5, 7); // insert between
  book.update('bid', 100, 0); // delete best
  book.update('ask', 100.5, 3); // new best ask
  book.update('ask', 102, 0);
  book.update('ask', 105, 0); // absent
  assert.deepEqual(pairs(book.levels('bid')), [[99.5, 7], [99, 5]]);
  assert.deepEqual(pairs(book.levels('ask')), [[100.5, 3], [101, 1]]);
  assert.equal(book.asks.missingDeletes, 1);
  assert.equal(book.bids.sizeAtPrice(99), 5);
  assert.equal(book.bids.sizeAtPrice(98), 0);
  assert.equal(book.asks.sizeAtPrice(100.5), 3);
  const seen: string[] = [];
  book.forEachLevel('ask', 5, (p, s, i) => seen.push(`${i}:${p}x${s}`));
  assert.deepEqual(seen, ['0:100.5x3', '1:101x1']);
  assert.equal(book.asks.totalSize(), 4);
  // Empty sides give NaN prices.
  book.clear();
  assert.ok(Number.isNaN(book.bestBid()) && Number.isNaN(book.mid()));
  assert.equal(book.isCrossed(), false);
});

test('crossed and locked books are detected', () => {
  const book = new OrderBook('X');
  book.applySnapshot(levelPairs([[100, 1]]), levelPairs([[101, 1]]));
  assert.equal(book.isCrossed(), false);
  book.update('bid', 101, 2);
  assert.equal(book.integrity(), 'locked');
  assert.equal(book.isCrossed(), true);
  book.update('bid', 101.5, 2);
  assert.equal(book.integrity(), 'crossed');
});

test('sequence gaps are reported, not thrown, and reset by a snapshot', () => {
  const book = new OrderBook('X');
  book.applySnapshot(levelPairs([[100, 1]]), levelPairs([[101, 1]]), 5);
  assert.equal(book.checkSeq(6), true);
  assert.equal(book.checkSeq(7), true);
  assert.equal(book.checkSeq(9), false);
  assert.equal(book.gaps, 1);
  assert.equal(book.firstGapAfter, 7);
  assert.equal(book.checkSeq(10), true);
  assert.equal(book.checkSeq(10), false); // repeated
  assert.equal(book.integrity(), 'seq-gap');
  book.applySnapshot(levelPairs([[100, 1]]), levelPairs([[101, 1]]), 20);
  assert.equal(book.gaps, 0);
  assert.equal(book.checkSeq(21), true);
});

test('random update streams match the naive reference level for level, deep levels included', () => {
  const rng = createRng(42);
  for (let round = 0; round < 20; round++) {
    const book = new OrderBook('X', 4); // tiny capacity: growth is exercised
    const ref = new NaiveBook();
    const depth = 5 + round * 10;
    for (let i = 0; i < 3000; i++) {
      const side = rng.next() < 0.5 ? 'bid' : 'ask';
      // Bids on ticks 1..depth below 1000, asks above: never crossed, so every path is legal.
      const off = rng.next() < 0.7 ? rng.int(1, 6) : rng.int(1, depth);
      const price = side === 'bid' ? (10_000 - off) / 10 : (10_000 + off) / 10;
      const size = rng.next() < 0.3 ? 0 : rng.int(1, 500) / 4;
      book.update(side, price, size);
      ref.set(side, price, size);
    }
    assert.deepEqual(pairs(book.levels('bid')), ref.sorted('bid'), `round ${round} bids`);
    assert.deepEqual(pairs(book.levels('ask')), ref.sorted('ask'), `round ${round} asks`);
    assert.equal(book.integrity(), undefined);
  }
});

test('walk-the-book: hand-worked example, with and without a limit', () => {
  const book = new OrderBook('X');
  book.applySnapshot(levelPairs([[99, 1], [98, 2]]), levelPairs([[100, 1], [101, 2], [102, 5]]));
  const r = walkResult();
  walkBook(book, 'buy', 2.5, NaN, r);
  // 1 @ 100 + 1.5 @ 101 = 251.5 → 251.5 / 2.5 = 100.6
  assert.equal(r.filled, 2.5);
  assert.equal(r.notional, 251.5);
  assert.equal(r.avgPrice, 100.6);
  assert.equal(r.levels, 2);
  assert.equal(r.lastPrice, 101);
  assert.equal(r.sufficient, true);
  walkBook(book, 'buy', 10, NaN, r);
  assert.deepEqual({ ...r }, { filled: 8, notional: 100 + 202 + 510, avgPrice: 812 / 8, levels: 3, lastPrice: 102, sufficient: false });
  walkBook(book, 'buy', 10, 101, r);
  assert.equal(r.filled, 3);
  assert.equal(r.levels, 2);
  assert.equal(r.sufficient, false);
  walkBook(book, 'sell', 2, NaN, r);
  assert.equal(r.notional, 99 + 98);
  assert.equal(r.avgPrice, 98.5);
  walkBook(book, 'sell', 2, 99.5, r);
  assert.equal(r.filled, 0);
  assert.ok(Number.isNaN(r.avgPrice));
});

test('walk-the-book agrees with the naive reference on random books', () => {
  const rng = createRng(7);
  const r = walkResult();
  for (let round = 0; round < 200; round++) {
    const book = new OrderBook('X');
    const ref = new NaiveBook();
    for (let i = 0; i < 60; i++) {
      const side = rng.next() < 0.5 ? 'bid' : 'ask';
      const off = rng.int(1, 40);
      const price = side === 'bid' ? 500 - off * 0.5 : 500 + off * 0.5;
      const size = rng.int(0, 20) / 10;
      book.update(side, price, size);
      ref.set(side, price, size);
    }
    const taker: Side = rng.next() < 0.5 ? 'buy' : 'sell';
    const qty = rng.int(1, 300) / 10;
    const limit = rng.next() < 0.5 ? NaN : taker === 'buy' ? 500 + rng.int(0, 40) * 0.5 : 500 - rng.int(0, 40) * 0.5;
    walkBook(book, taker, qty, limit, r);
    const want = ref.walk(taker, qty, limit);
    assert.ok(Math.abs(r.filled - want.filled) < 1e-9, `round ${round}: filled ${r.filled} vs ${want.filled}`);
    assert.ok(Math.abs(r.notional - want.notional) < 1e-7, `round ${round}: notional ${r.notional} vs ${want.notional}`);
    assert.equal(r.levels, want.levels, `round ${round}: levels`);
    assert.equal(r.sufficient, Math.abs(want.filled - qty) < 1e-9, `round ${round}: sufficient`);
  }
});

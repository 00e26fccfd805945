// Replays the shared Bybit orderbook.500 capture through the L2 book: consistent after every message.
import { sharedDataFile, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderBook } from '../../market/order-book.js';
import { readBybitOrderbook } from './bybit-orderbook.js';

const BYBIT = sharedDataFile('bybit', '2024-12-01_XRPUSDT_ob500.jsonl');

test('the Bybit XRPUSDT capture replays to a consistent book', async (t) => {
  if (BYBIT === undefined) return t.skip(SHARED_DATA_MISSING);
  const events = await readBybitOrderbook(BYBIT);
  const book = new OrderBook('XRPUSDT');
  const naive = { b: new Map<number, number>(), a: new Map<number, number>() };
  for (const e of events) {
    const d = e.data;
    if (d.snapshot) {
      book.applySnapshot(d.bids, d.asks, e.seq);
      naive.b.clear();
      naive.a.clear();
    } else {
      assert.equal(book.checkSeq(e.seq), true, `gap before u=${e.seq}`);
      book.applyDelta(d.bids, d.asks);
    }
    for (const [arr, m] of [[d.bids, naive.b], [d.asks, naive.a]] as const) {
      for (let i = 0; i < arr.length; i += 2) {
        if (arr[i + 1] === 0) m.delete(arr[i]);
        else m.set(arr[i], arr[i + 1]);
      }
    }
    assert.equal(book.integrity(), undefined, `after u=${e.seq}`);
    assert.ok(book.bestBid() < book.bestAsk(), `after u=${e.seq}: ${book.bestBid()} < ${book.bestAsk()}`);
    // orderbook.500: at most 500 levels a side; a healthy replay stays close to full.
    assert.ok(book.bids.length >= 450 && book.bids.length <= 500, `bids ${book.bids.length} after u=${e.seq}`);
    assert.ok(book.asks.length >= 450 && book.asks.length <= 500, `asks ${book.asks.length} after u=${e.seq}`);
  }
  assert.equal(book.gaps, 0);
  assert.equal(book.asks.missingDeletes + book.bids.missingDeletes, 0);
  assert.equal(book.bestBid(), 1.9537);
  assert.equal(book.bids.bestSize(), 10605);
  assert.equal(book.bestAsk(), 1.9538);
  assert.equal(book.asks.bestSize(), 6702);
  assert.equal(book.bids.length, naive.b.size);
  assert.equal(book.asks.length, naive.a.size);
  const sorted = (m: Map<number, number>, desc: boolean) => [...m].sort((x, y) => (desc ? y[0] - x[0] : x[0] - y[0])).flat();
  assert.deepEqual([...book.levels('bid')], sorted(naive.b, true));
  assert.deepEqual([...book.levels('ask')], sorted(naive.a, false));
});

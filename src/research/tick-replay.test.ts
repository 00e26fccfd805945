// End to end at tick level: a tiny strategy through kernel + SimVenue on the Bybit XRPUSDT book plus synthetic trades.
import { sharedDataFile, SHARED_DATA_MISSING } from '../testkit/shared-data.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixedFromNumber, fixedFromString } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import { mergeEvents } from '../engine/event-driver.js';
import { Ledger } from '../ledger/ledger.js';
import { isBookEvent, tradeEvent, type TradeEvent } from '../market/market-events.js';
import { OrderBook } from '../market/order-book.js';
import { feeFor } from '../sim/fees.js';
import { readBybitOrderbook } from '../store/formats/bybit-orderbook.js';
import { simKernel } from '../testkit/sim-kernel.js';
import type { Strategy, StrategyContext, StrategyFill } from '../strategy/strategy.js';

const BYBIT = sharedDataFile('bybit', '2024-12-01_XRPUSDT_ob500.jsonl');
const SYM = 'XRPUSDT';
const FEES = { makerBps: 1.5, takerBps: 4.5, perUnit: 0 };

/** On the first book: a market buy of 30 000 and a resting buy of 3 000 at 1.9521; after the market fill, a protective stop. */
class TinyStrategy implements Strategy {
  readonly book = new OrderBook(SYM);
  readonly fills: StrategyFill[] = [];
  placed = false;
  onEvent(e: Parameters<NonNullable<Strategy['onEvent']>>[0], ctx: StrategyContext): void {
    if (!isBookEvent(e)) return;
    if (e.data.snapshot) this.book.applySnapshot(e.data.bids, e.data.asks, e.seq);
    else this.book.applyDelta(e.data.bids, e.data.asks);
    if (this.placed) return;
    this.placed = true;
    ctx.submit({ symbol: SYM, side: 'buy', qty: 30_000, type: 'market' });
    ctx.submit({ symbol: SYM, side: 'buy', qty: 3_000, type: 'limit', price: 1.9521 });
  }
  onFill(f: StrategyFill, ctx: StrategyContext): void {
    this.fills.push(f);
    // Fills of a market order arrive inside ctx.submit (before it returns the id): recognise it by role.
    if (f.side === 'buy' && f.liquidity === 'taker' && f.remaining === 0) {
      ctx.submit({ symbol: SYM, side: 'sell', qty: 30_000, type: 'stop-market', triggerPrice: 1.951, reduceOnly: true, reason: 'Stop Loss' });
    }
  }
}

/** Bids of the raw capture as of time t (cts), replayed with a Map: the independent reference for the stop's walk. */
function naiveBidsAt(capture: string, t: number): [number, number][] {
  const bids = new Map<number, number>();
  for (const line of readFileSync(capture, 'utf8').split('\n')) {
    if (line === '') continue;
    const m = JSON.parse(line) as { type: string; cts: number; data: { b: [string, string][] } };
    if (m.cts > t) break;
    if (m.type === 'snapshot') bids.clear();
    for (const [p, q] of m.data.b) {
      if (Number(q) === 0) bids.delete(Number(p));
      else bids.set(Number(p), Number(q));
    }
  }
  return [...bids].sort((a, b) => b[0] - a[0]);
}

test('tick-level run: book walk, partial and full resting fills on trades, stop on a trade; ledger consistent', async (t) => {
  if (BYBIT === undefined) return t.skip(SHARED_DATA_MISSING);
  const books = await readBybitOrderbook(BYBIT);
  const trade = (ts: number, seq: number, price: number, size: number): TradeEvent => tradeEvent(SYM, 'synthetic', seq, ts, ts, { price, size, side: 'sell', tradeId: `s${seq}` });
  const trades = [
    trade(1733011202000, 1, 1.9521, 2000), // at the resting limit: fills 2 000 of 3 000
    trade(1733011203000, 2, 1.9519, 10), // through it: the last 1 000
    trade(1733011204500, 3, 1.951, 50), // the stop's trigger
  ];
  const events = mergeEvents([books, trades]);

  const inst = makeInstrument({ symbol: SYM, priceRule: { kind: 'tick', tick: 0.0001 }, lotSize: 1, fees: FEES });
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(1_000_000));
  const strategy = new TinyStrategy();
  const { kernel, venue, driveEvents } = simKernel({ name: 'tiny', strategy, ledger, instruments: [inst], venue: { fillModel: 'next-open', slippageBps: 10, defaultLeverage: 10 } });
  const steps = driveEvents(events);
  assert.equal(steps, 53); // 50 book messages + 3 trades, all at distinct times

  const f = strategy.fills.map((x) => `${x.side} ${x.qty}@${x.price} ${x.liquidity} rem=${x.remaining} ts=${x.ts}`);
  const t0 = books[0].tsEvent;
  // The snapshot's asks: 10480 @ 1.9532, 13701 @ 1.9533, 15996 @ 1.9534 (29 999 + … → 5819 from the third).
  assert.deepEqual(f.slice(0, 5), [
    `buy 10480@1.9532 taker rem=19520 ts=${t0}`,
    `buy 13701@1.9533 taker rem=5819 ts=${t0}`,
    `buy 5819@1.9534 taker rem=0 ts=${t0}`,
    'buy 2000@1.9521 maker rem=1000 ts=1733011202000',
    'buy 1000@1.9521 maker rem=0 ts=1733011203000',
  ]);
  // The stop sells 30 000 into the bids as they stood at the trigger (independent Map replay).
  const want: string[] = [];
  let rem = 30_000;
  for (const [p, q] of naiveBidsAt(BYBIT, 1733011204500)) {
    if (rem === 0) break;
    const take = Math.min(q, rem);
    rem -= take;
    want.push(`sell ${take}@${p} taker rem=${rem} ts=1733011204500`);
  }
  assert.deepEqual(f.slice(5), want);
  assert.ok(strategy.fills.slice(5).every((x) => x.reason === 'Stop Loss'));

  // Ledger: position = Σ signed fills; fees exact; cash = deposits + realised − fees.
  assert.equal(ledger.position(SYM).qtyNum, 3_000);
  const stopFees = strategy.fills.slice(5).reduce((s, x) => s + feeFor(FEES, 'taker', x.qty, x.price, 1), 0n);
  // Maker: 3000 × 1.9521 × 1.5 bps = 0.878445; market buy: 58598.5339 × 4.5 bps = 26.369340255.
  const totals = ledger.totals();
  assert.equal(totals.fees, fixedFromString('0.878445') + fixedFromString('26.369340255') + stopFees);
  assert.equal(totals.cash, totals.deposits + totals.realized - totals.fees);
  assert.equal(kernel.hasOpenOrders(SYM), false);
  assert.equal(venue?.mark(SYM), 1.951); // last trade
  // The strategy's own book, fed by the same events, ends where the capture ends.
  assert.equal(strategy.book.bestBid(), 1.9537);
  assert.equal(strategy.book.bestAsk(), 1.9538);
});

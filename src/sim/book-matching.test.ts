// Tests of tick-level matching through SimVenue: book walks, trade-driven resting fills, triggers, post-only, marks.
import { splitReports } from '../core/execution.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedFromNumber, fixedFromString } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { Fill, OrderRequest } from '../core/orders.js';
import { Ledger } from '../ledger/ledger.js';
import { bookEvent, levelPairs, tradeEvent } from '../market/market-events.js';
import { SimVenue } from './sim-venue.js';

const INST = makeInstrument({
  symbol: 'X',
  priceRule: { kind: 'tick', tick: 0.1 },
  lotSize: 0.001,
  fees: { makerBps: 2, takerBps: 5, perUnit: 0.01 },
});

/** A venue over a ledger, recording fills and statuses. Slippage is set high to show tick mode ignores it. */
function setup() {
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(1_000_000));
  const fills: Fill[] = [];
  const statuses: string[] = [];
  const venue = new SimVenue(
    { fillModel: 'next-open', slippageBps: 50, defaultLeverage: 10 },
    [INST],
    ledger,
    splitReports({
      onFill(f) {
        ledger.recordFill(f, 1);
        fills.push(f);
      },
      onOrderStatus(clientId, _symbol, status, reason) {
        statuses.push(reason === '' ? `${clientId}:${status}` : `${clientId}:${status}:${reason}`);
      },
    }),
  );
  let seq = 0;
  let ts = 1000;
  const book = (snapshot: boolean, bids: [number, number][], asks: [number, number][]) =>
    venue.onMarketEvent(bookEvent('X', 'test', ++seq, ++ts, ts, { snapshot, bids: levelPairs(bids), asks: levelPairs(asks) }));
  const trade = (price: number, size: number, side: 'buy' | 'sell') => venue.onMarketEvent(tradeEvent('X', 'test', ++seq, ++ts, ts, { price, size, side, tradeId: `t${seq}` }));
  const submit = (id: string, req: Omit<OrderRequest, 'symbol'>) => venue.submit(id, { symbol: 'X', ...req });
  const brief = () => fills.map((f) => `${f.clientId} ${f.side} ${f.qty}@${f.price} ${f.liquidity} rem=${f.remaining}`);
  return { venue, ledger, fills, statuses, book, trade, submit, brief, now: () => ts };
}

const BIDS: [number, number][] = [[99.5, 5], [99, 5]];
const ASKS: [number, number][] = [[100, 1], [100.5, 2], [101, 3]];

test('a market order walks three levels: exact prices, average and fees; no bps slippage', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  assert.equal(h.venue.mark('X'), 99.75); // mid before any trade
  h.submit('m1', { side: 'buy', qty: 4, type: 'market' });
  assert.deepEqual(h.brief(), ['m1 buy 1@100 taker rem=3', 'm1 buy 2@100.5 taker rem=1', 'm1 buy 1@101 taker rem=0']);
  const qty = h.fills.reduce((s, f) => s + f.qty, 0);
  const notional = h.fills.reduce((s, f) => s + f.qty * f.price, 0);
  assert.equal(notional / qty, 100.5); // (100 + 201 + 101) / 4
  // Taker 5 bps + 0.01 per unit: 0.05 + 0.01, 0.1005 + 0.02, 0.0505 + 0.01 = 0.241
  assert.deepEqual(h.fills.map((f) => f.fee), [fixedFromString('0.06'), fixedFromString('0.1205'), fixedFromString('0.0605')]);
  assert.equal(h.ledger.totals().fees, fixedFromString('0.241'));
  assert.equal(h.ledger.position('X').qtyNum, 4);
  assert.ok(h.fills.every((f) => f.ts === h.now()));
  assert.equal(h.venue.hasWorkingOrders('X'), false);
});

test('a market order larger than the visible depth fills its remainder at the last level', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('m1', { side: 'buy', qty: 7.5, type: 'market' });
  assert.deepEqual(h.brief(), ['m1 buy 1@100 taker rem=6.5', 'm1 buy 2@100.5 taker rem=4.5', 'm1 buy 4.5@101 taker rem=0']);
});

test('marketable limits take what is within the limit; GTC rests the rest, IOC expires it', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('g1', { side: 'buy', qty: 5, type: 'limit', price: 100.5 });
  assert.deepEqual(h.brief(), ['g1 buy 1@100 taker rem=4', 'g1 buy 2@100.5 taker rem=2']);
  assert.equal(h.venue.hasWorkingOrders('X'), true);
  h.submit('i1', { side: 'sell', qty: 6, type: 'limit', price: 99.5, tif: 'IOC' });
  assert.deepEqual(h.brief().slice(2), ['i1 sell 5@99.5 taker rem=1']);
  assert.ok(h.statuses.includes('i1:expired:IOC remainder not marketable'));
  // The rested GTC remainder (2 @ 100.5) is a maker order now: a sell trade through it fills it.
  h.trade(100.4, 0.1, 'sell');
  assert.deepEqual(h.brief().slice(3), ['g1 buy 2@100.5 maker rem=0']);
  assert.equal(h.venue.hasWorkingOrders('X'), false);
});

test('a resting limit fills on a trade through it, not on a worse trade, and at its price up to the traded size', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('b1', { side: 'buy', qty: 2, type: 'limit', price: 99.2 });
  h.submit('b2', { side: 'buy', qty: 1, type: 'limit', price: 99.2 });
  assert.equal(h.fills.length, 0);
  h.trade(99.3, 10, 'sell'); // above a buy limit: a worse price for us, no fill
  assert.equal(h.fills.length, 0);
  assert.equal(h.venue.mark('X'), 99.3); // the mark is the last trade now
  h.trade(99.2, 1.5, 'sell'); // at the limit: 1.5 traded, shared in submission order
  assert.deepEqual(h.brief(), ['b1 buy 1.5@99.2 maker rem=0.5']);
  h.trade(99.2, 0.7, 'buy'); // the aggressor side does not matter: 0.5 to b1, 0.2 to b2
  assert.deepEqual(h.brief().slice(1), ['b1 buy 0.5@99.2 maker rem=0', 'b2 buy 0.2@99.2 maker rem=0.8']);
  h.trade(99.1, 0.001, 'sell'); // strictly through: the whole remainder fills, whatever the trade size
  assert.deepEqual(h.brief().slice(3), ['b2 buy 0.8@99.2 maker rem=0']);
  // Maker fee: 2 bps + 0.01 per unit on 0.8 @ 99.2 = 0.015872 + 0.008
  assert.equal(h.fills[3].fee, fixedFromString('0.023872'));
  assert.equal(h.ledger.position('X').qtyNum, 3);
});

test('a stop triggers on a trade price and walks the book; a take-profit triggers the other way', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('s1', { side: 'sell', qty: 2, type: 'stop-market', triggerPrice: 99 });
  h.submit('tp', { side: 'sell', qty: 1, type: 'take-profit', triggerPrice: 101 });
  h.trade(99.1, 1, 'sell');
  assert.equal(h.fills.length, 0);
  h.book(false, [[99.5, 0], [99, 0], [98.9, 1], [98.8, 5]], []);
  h.trade(99, 1, 'sell');
  assert.ok(h.statuses.includes('s1:triggered'));
  assert.ok(!h.statuses.includes('tp:triggered'));
  assert.deepEqual(h.brief(), ['s1 sell 1@98.9 taker rem=1', 's1 sell 1@98.8 taker rem=0']);
  h.trade(101, 1, 'buy');
  assert.ok(h.statuses.includes('tp:triggered'));
  assert.deepEqual(h.brief().slice(2), ['tp sell 1@98.9 taker rem=0']);
});

test('a stop-limit takes within its limit when triggered and rests the rest', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('sl', { side: 'buy', qty: 3, type: 'stop-limit', triggerPrice: 100.2, price: 100.5 });
  h.trade(100.2, 1, 'buy');
  assert.deepEqual(h.brief(), ['sl buy 1@100 taker rem=2', 'sl buy 2@100.5 taker rem=0']);
});

test('post-only is rejected when it would cross the book, accepted and resting otherwise', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('a1', { side: 'buy', qty: 1, type: 'limit', price: 100, tif: 'ALO' });
  h.submit('a2', { side: 'sell', qty: 1, type: 'limit', price: 99.5, tif: 'ALO' });
  h.submit('a3', { side: 'buy', qty: 1, type: 'limit', price: 99.9, tif: 'ALO' });
  assert.deepEqual(h.statuses, [
    'a1:accepted',
    'a1:rejected:post-only order would have crossed the book',
    'a2:accepted',
    'a2:rejected:post-only order would have crossed the book',
    'a3:accepted',
  ]);
  assert.equal(h.fills.length, 0);
  h.trade(99.8, 1, 'sell');
  assert.deepEqual(h.brief(), ['a3 buy 1@99.9 maker rem=0']);
});

test('cancel, reduce-only and hasWorkingOrders in tick mode', () => {
  const h = setup();
  h.book(true, BIDS, ASKS);
  h.submit('r1', { side: 'sell', qty: 1, type: 'market', reduceOnly: true });
  assert.ok(h.statuses.includes('r1:rejected:reduce-only order would increase the position'));
  h.submit('l1', { side: 'buy', qty: 1, type: 'limit', price: 98 });
  assert.equal(h.venue.hasWorkingOrders('X'), true);
  assert.equal(h.venue.cancel('X', 'l1'), true);
  assert.equal(h.venue.cancel('X', 'l1'), false);
  assert.equal(h.venue.hasWorkingOrders('X'), false);
  h.submit('m1', { side: 'buy', qty: 2, type: 'market' });
  h.submit('r2', { side: 'sell', qty: 5, type: 'limit', price: 102, reduceOnly: true });
  h.trade(102.5, 1, 'buy'); // through the limit: fills, clamped to the 2 held
  assert.deepEqual(h.brief().slice(2), ['r2 sell 2@102 maker rem=0']);
  assert.equal(h.ledger.position('X').qtyNum, 0);
});

test('bar processing is unchanged when no market event arrives', () => {
  const h = setup();
  h.venue.onBar({ symbol: 'X', time: 0, open: 100, high: 101, low: 99, close: 100.5, volume: 0 });
  h.submit('m1', { side: 'buy', qty: 1, type: 'market' });
  assert.equal(h.fills.length, 0); // next-open: waits for the next bar
  h.venue.onBar({ symbol: 'X', time: 60_000, open: 100.6, high: 101, low: 100, close: 100.8, volume: 0 });
  assert.equal(h.fills.length, 1);
  assert.equal(h.fills[0].remaining, undefined);
  assert.equal(h.fills[0].price, Math.round(100.6 * 1.005 * 10) / 10); // bar mode still applies bps slippage
});

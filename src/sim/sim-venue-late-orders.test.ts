// Orders sent from a fill report during a bar: they meet the market at that fill's price and act on the rest of the bar's path; other orders wait for the next bar.
import { splitReports } from '../core/execution.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { Fill, OrderRequest } from '../core/orders.js';
import { Ledger } from '../ledger/ledger.js';
import type { FillModel } from './fill-model.js';
import { SimVenue } from './sim-venue.js';

const MIN = 60_000;

/**
 * A venue over a ledger (BTC and ETH, tick 0.01, lot 0.001, no fees or slippage). `react` is called
 * from inside each fill report, as a kernel's onFill would be; `log` lists fills and status changes
 * (minute of the bar they were stamped with), acceptances left out.
 */
function setup(fillModel: FillModel = 'next-open') {
  const instruments = ['BTC', 'ETH'].map((symbol) => makeInstrument({ symbol, priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 }));
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(100_000));
  const log: string[] = [];
  const h = {
    ledger,
    log,
    react: undefined as ((f: Fill) => void) | undefined,
    venue: undefined as unknown as SimVenue,
    submit(id: string, req: Partial<OrderRequest> & Pick<OrderRequest, 'side' | 'qty' | 'type'>): void {
      h.venue.submit(id, { symbol: 'BTC', ...req });
    },
    /** The bar of `symbol` opening at minute `minute`. */
    bar(minute: number, open: number, high: number, low: number, close: number, symbol = 'BTC'): void {
      h.venue.onBar({ symbol, time: minute * MIN, open, high, low, close, volume: 0 });
    },
    drain(): string[] {
      return log.splice(0, log.length);
    },
  };
  h.venue = new SimVenue({ fillModel, slippageBps: 0, defaultLeverage: 10 }, instruments, ledger, splitReports({
    onFill(f: Fill): void {
      ledger.recordFill(f, 1);
      log.push(`m${f.ts / MIN} fill ${f.clientId} ${f.symbol} ${f.side} ${f.qty} @ ${f.price} ${f.liquidity}`);
      h.react?.(f);
    },
    onOrderStatus(id: string, _symbol: string, status: string, reason: string): void {
      if (status !== 'accepted') log.push(reason === '' ? `${status} ${id}` : `${status} ${id}: ${reason}`);
    },
  }));
  // Marks at 100 for both symbols (minute 0), log cleared.
  h.bar(0, 100, 100, 100, 100);
  h.bar(0, 50, 50, 50, 50, 'ETH');
  h.drain();
  return h;
}

/** Sends `req` once, from the report of the fill of order `entryId`. */
function onFillOf(h: ReturnType<typeof setup>, entryId: string, id: string, req: Partial<OrderRequest> & Pick<OrderRequest, 'side' | 'qty' | 'type'>): void {
  h.react = (f) => {
    if (f.clientId === entryId) h.submit(id, req);
  };
}

test('a market order sent from a fill report fills at that fill price, on the same bar, as a taker', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'limit', price: 99 });
  onFillOf(h, 'entry', 'add', { side: 'buy', qty: 2, type: 'market' });
  // Up bar: 100 → 98 → 101 → 100.5. The limit fills as maker at 99 on the way down; the market
  // order sent from that report meets the market there: 99, not the next bar's open.
  h.bar(1, 100, 101, 98, 100.5);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 99 maker', 'm1 fill add BTC buy 2 @ 99 taker']);
  assert.equal(h.ledger.position('BTC').qtyNum, 3);
  h.ledger.checkInvariants();
});

test('the same when another order rests on the bar (the several-orders walk)', () => {
  const h = setup();
  h.submit('far', { side: 'buy', qty: 1, type: 'limit', price: 90 });
  h.submit('entry', { side: 'buy', qty: 1, type: 'limit', price: 99 });
  onFillOf(h, 'entry', 'add', { side: 'buy', qty: 2, type: 'market' });
  h.bar(1, 100, 101, 98, 100.5);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 99 maker', 'm1 fill add BTC buy 2 @ 99 taker']);
  // The far limit still rests (98 never reached 90).
  assert.ok(h.venue.hasWorkingOrders('BTC'));
});

test('a stop sent from a fill report that the fill price has already crossed fires there', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'stop-market', triggerPrice: 101 });
  // A sell stop at 101.5 is above the entry price 101: already crossed when it meets the market.
  onFillOf(h, 'entry', 'stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 101.5, reduceOnly: true });
  // Up bar 100 → 99.5 → 103 → 102: the buy stop triggers on the way up at 101 (between 99.5 and 103).
  h.bar(1, 100, 103, 99.5, 102);
  assert.deepEqual(h.drain(), ['triggered entry', 'm1 fill entry BTC buy 1 @ 101 taker', 'triggered stop', 'm1 fill stop BTC sell 1 @ 101 taker']);
  assert.equal(h.ledger.position('BTC').qtyNum, 0);
  h.ledger.checkInvariants();
});

test('a protective stop sent when a market entry fills at the open fires at its trigger later in that bar', () => {
  for (const [name, bar, stopAt] of [
    // Up bar 100 → 97 → 104 → 102: the stop at 98 is crossed on the first leg down.
    ['up bar', [100, 104, 97, 102], 98],
    // Down bar 100 → 103 → 96 → 97: crossed on the second leg (103 → 96), at its trigger.
    ['down bar', [100, 103, 96, 97], 98],
  ] as const) {
    const h = setup();
    h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
    onFillOf(h, 'entry', 'stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 98, reduceOnly: true });
    h.bar(1, bar[0], bar[1], bar[2], bar[3]);
    assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 100 taker', 'triggered stop', `m1 fill stop BTC sell 1 @ ${stopAt} taker`], name);
    assert.equal(h.ledger.position('BTC').qtyNum, 0, name);
  }
});

test('a gap through a late stop on the same leg fills at the trigger, not beyond (the leg passes through it)', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'limit', price: 99 });
  onFillOf(h, 'entry', 'stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 98.5, reduceOnly: true });
  // Up bar 100 → 95 → 101 → 100: the limit fills at 99 on the leg down, the stop sent there is
  // passed on the rest of that same leg (99 → 95) at 98.5.
  h.bar(1, 100, 101, 95, 100);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 99 maker', 'triggered stop', 'm1 fill stop BTC sell 1 @ 98.5 taker']);
});

test('a late stop and take-profit act in path order: on a down bar the target first, and the stop then finds no position', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
  h.react = (f) => {
    if (f.clientId !== 'entry') return;
    h.submit('stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 98, reduceOnly: true });
    h.submit('tp', { side: 'sell', qty: 1, type: 'take-profit', triggerPrice: 102.5, reduceOnly: true });
  };
  // Down bar 100 → 103 → 96 → 97: the take-profit (102.5) is reached on the rally, before the stop (98).
  h.bar(1, 100, 103, 96, 97);
  assert.deepEqual(h.drain(), [
    'm1 fill entry BTC buy 1 @ 100 taker',
    'triggered tp',
    'm1 fill tp BTC sell 1 @ 102.5 taker',
    'triggered stop',
    'cancelled stop: reduce-only order would increase the position',
  ]);
  assert.equal(h.ledger.position('BTC').qtyNum, 0);
  h.ledger.checkInvariants();
});

test('a late limit reached later in the bar fills at its price as a maker; one already marketable takes at the fill price', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 2, type: 'market' });
  h.react = (f) => {
    if (f.clientId !== 'entry') return;
    h.submit('lim', { side: 'sell', qty: 1, type: 'limit', price: 103, reduceOnly: true });
    // A sell limit at 99.5 is marketable at 100: it takes there.
    h.submit('mkt', { side: 'sell', qty: 0.5, type: 'limit', price: 99.5, reduceOnly: true });
  };
  // Up bar 100 → 99 → 104 → 101.
  h.bar(1, 100, 104, 99, 101);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 2 @ 100 taker', 'm1 fill mkt BTC sell 0.5 @ 100 taker', 'm1 fill lim BTC sell 1 @ 103 maker']);
  assert.equal(h.ledger.position('BTC').qtyNum, 0.5);
});

test('orders sent by a late order\'s own fill are settled the same way, at its price', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
  h.react = (f) => {
    if (f.clientId === 'entry') h.submit('stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 98, reduceOnly: true });
    // Stopped out: reverse into a short at market.
    if (f.clientId === 'stop') h.submit('short', { side: 'sell', qty: 1, type: 'market' });
  };
  h.bar(1, 100, 104, 97, 102);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 100 taker', 'triggered stop', 'm1 fill stop BTC sell 1 @ 98 taker', 'm1 fill short BTC sell 1 @ 98 taker']);
  assert.equal(h.ledger.position('BTC').qtyNum, -1);
});

test("an order for another symbol sent from a fill report waits for that symbol's next bar", () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
  onFillOf(h, 'entry', 'eth', { symbol: 'ETH', side: 'buy', qty: 1, type: 'market' });
  h.bar(1, 100, 101, 99, 100.5);
  // ETH's bar of the same minute opened before the BTC fill was known: the order must not fill at its open.
  h.bar(1, 52, 53, 51, 52.5, 'ETH');
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 100 taker']);
  h.bar(2, 54, 55, 53, 54.5, 'ETH');
  assert.deepEqual(h.drain(), ['m2 fill eth ETH buy 1 @ 54 taker']);
});

test('an order for another symbol whose bar of that time came first also waits for its next bar', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
  onFillOf(h, 'entry', 'eth', { symbol: 'ETH', side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 51.5 });
  h.bar(1, 52, 53, 51, 52.5, 'ETH'); // passes 51.5, but before the order exists
  h.bar(1, 100, 101, 99, 100.5);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 100 taker']);
  h.bar(2, 52, 52.5, 51, 51.2, 'ETH'); // down bar 52 → 52.5 → 51: the sell stop fires at 51.5
  assert.deepEqual(h.drain(), ['triggered eth', 'm2 fill eth ETH sell 1 @ 51.5 taker']);
});

test('an order sent outside matching (between bars, as from onBar) waits for the next bar: unchanged', () => {
  const h = setup();
  h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
  h.bar(1, 100, 101, 99, 100.5);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 100 taker']);
  // Sent after bar 1 closed (as from onBar): neither acts on bar 1, whose low 99 passed the stop's 99.5.
  h.submit('stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 99.5, reduceOnly: true });
  h.submit('more', { side: 'buy', qty: 1, type: 'market' });
  assert.deepEqual(h.drain(), []);
  // Bar 2 opens at 99.8 and dips to 99: the market order fills at that open, the stop at 99.5.
  h.bar(2, 99.8, 100.2, 99, 100);
  assert.deepEqual(h.drain(), ['m2 fill more BTC buy 1 @ 99.8 taker', 'triggered stop', 'm2 fill stop BTC sell 1 @ 99.5 taker']);
  h.ledger.checkInvariants();
});

test('a stop sent from the report of a fill outside matching (close model, market entry) acts from the next bar', () => {
  const h = setup('close');
  h.react = (f) => {
    // Sell stop at 100.5: above the entry price 100, so "already crossed" were it placed on this bar.
    if (f.clientId === 'entry') h.submit('stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 100.5, reduceOnly: true });
  };
  // Under `close` the market entry fills inside submit at the mark (minute 0's close, 100).
  h.submit('entry', { side: 'buy', qty: 1, type: 'market' });
  assert.deepEqual(h.drain(), ['m0 fill entry BTC buy 1 @ 100 taker']);
  assert.equal(h.ledger.position('BTC').qtyNum, 1);
  // It fires when it meets the market at the next bar's open (100.2 ≤ 100.5), not at 100 on minute 0.
  h.bar(1, 100.2, 101, 100, 100.8);
  assert.deepEqual(h.drain(), ['triggered stop', 'm1 fill stop BTC sell 1 @ 100.2 taker']);
});

test('close model: a stop sent when a resting entry fills during a bar acts on the rest of that bar', () => {
  const h = setup('close');
  h.submit('entry', { side: 'buy', qty: 1, type: 'limit', price: 99 });
  onFillOf(h, 'entry', 'stop', { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 98, reduceOnly: true });
  // Up bar 100 → 97 → 101 → 100.5: limit at 99 (maker), stop at 98 on the same leg.
  h.bar(1, 100, 101, 97, 100.5);
  assert.deepEqual(h.drain(), ['m1 fill entry BTC buy 1 @ 99 maker', 'triggered stop', 'm1 fill stop BTC sell 1 @ 98 taker']);
});

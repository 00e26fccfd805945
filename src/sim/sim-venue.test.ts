// The simulated venue on hand-made bars: every order type under both fill models, validation, costs, funding and liquidation.
import { splitReports } from '../core/execution.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedFromString, type Fixed } from '../core/fixed.js';
import { makeInstrument, type Instrument } from '../core/instrument.js';
import type { Fill, OrderRequest } from '../core/orders.js';
import { feeFor } from './fees.js';
import { FILL_MODELS, intrabarPath, parseFillModel, type FillModel } from './fill-model.js';
import { SimVenue } from './sim-venue.js';

const f = (s: string): Fixed => fixedFromString(s);
const MIN = 60_000;

interface Options {
  readonly fillModel: FillModel;
  readonly slippageBps?: number;
  readonly exitSlippageBps?: number;
  readonly leverage?: number;
  readonly cash?: string;
  readonly inst?: Partial<Instrument>;
  readonly symbols?: readonly string[];
}

interface PositionView {
  qtyNum: number;
  avgPriceNum: number;
}

/**
 * The account the venue reads, kept here with plain average-cost arithmetic (the sim layer may not
 * import the ledger; the test prices are chosen so the doubles are exact).
 */
class TestAccount {
  cashNum: number;
  private readonly positions = new Map<string, PositionView>();
  constructor(cash: number) {
    this.cashNum = cash;
  }
  position(symbol: string): PositionView {
    let p = this.positions.get(symbol);
    if (!p) this.positions.set(symbol, (p = { qtyNum: 0, avgPriceNum: 0 }));
    return p;
  }
  get openPositionCount(): number {
    return [...this.positions.values()].filter((p) => p.qtyNum !== 0).length;
  }
  apply(x: Fill, multiplier: number): void {
    const p = this.position(x.symbol);
    const signed = x.side === 'buy' ? x.qty : -x.qty;
    this.cashNum -= Number(x.fee) / 1e12;
    if (p.qtyNum === 0 || Math.sign(p.qtyNum) === Math.sign(signed)) {
      p.avgPriceNum = (p.avgPriceNum * Math.abs(p.qtyNum) + x.price * x.qty) / (Math.abs(p.qtyNum) + x.qty);
      p.qtyNum += signed;
      return;
    }
    const closing = Math.min(x.qty, Math.abs(p.qtyNum));
    this.cashNum += Math.sign(p.qtyNum) * closing * (x.price - p.avgPriceNum) * multiplier;
    const rest = x.qty - closing;
    p.qtyNum += Math.sign(signed) * closing;
    if (rest > 0) {
      p.qtyNum = Math.sign(signed) * rest;
      p.avgPriceNum = x.price;
    } else if (p.qtyNum === 0) p.avgPriceNum = 0;
  }
}

/** A venue over BTC (tick 0.01, lot 0.001) and a test account; `log` lists every report in order. */
function harness(o: Options) {
  const instruments = (o.symbols ?? ['BTC']).map((symbol) => makeInstrument({ priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001, ...o.inst, symbol }));
  const account = new TestAccount(Number(o.cash ?? '10000'));
  const log: string[] = [];
  const fills: Fill[] = [];
  const venue = new SimVenue(
    { fillModel: o.fillModel, slippageBps: o.slippageBps ?? 0, exitSlippageBps: o.exitSlippageBps, defaultLeverage: o.leverage ?? 10 },
    instruments,
    account,
    splitReports({
      onFill(x: Fill): void {
        account.apply(x, instruments[0].multiplier);
        fills.push(x);
        log.push(`fill ${x.clientId} ${x.side} ${x.qty} @ ${x.price} ${x.liquidity}`);
      },
      onOrderStatus(id: string, _symbol: string, status: string, reason: string): void {
        log.push(reason === '' ? `${status} ${id}` : `${status} ${id}: ${reason}`);
      },
    }),
  );
  let time = 0;
  let n = 0;
  return {
    venue,
    account,
    log,
    fills,
    /** Next bar of `symbol` (one minute after the previous bar of any symbol unless `at` is given). */
    bar(open: number, high: number, low: number, close: number, symbol = 'BTC', at?: number): void {
      time = at ?? time + MIN;
      venue.onBar({ symbol, time, open, high, low, close, volume: 0 });
    },
    submit(req: Partial<OrderRequest> & Pick<OrderRequest, 'side' | 'qty' | 'type'>): string {
      const id = `c${++n}`;
      venue.submit(id, { symbol: 'BTC', ...req });
      return id;
    },
    /** The log since the last call. */
    drain(): string[] {
      return log.splice(0, log.length);
    },
  };
}

/** A harness whose first bar (close 100) set the mark, with the log cleared. */
function at100(o: Options) {
  const h = harness(o);
  h.bar(100, 100.5, 99.5, 100);
  h.drain();
  return h;
}

test('intrabar path: up bars dip first (O→L→H→C), down bars rally first (O→H→L→C)', () => {
  const p = new Float64Array(4);
  intrabarPath(10, 12, 9, 11, p);
  assert.deepEqual([...p], [10, 9, 12, 11]);
  intrabarPath(10, 12, 9, 9.5, p);
  assert.deepEqual([...p], [10, 12, 9, 9.5]);
  intrabarPath(10, 12, 9, 10, p); // a doji counts as up
  assert.deepEqual([...p], [10, 9, 12, 10]);
  assert.equal(parseFillModel('close'), 'close');
  assert.throws(() => parseFillModel('vwap'), /expected one of next-open, close/);
});

test('market, next-open: fills at the next bar open as taker, stamped with that bar', () => {
  const h = at100({ fillModel: 'next-open' });
  h.submit({ side: 'buy', qty: 1, type: 'market' });
  assert.deepEqual(h.drain(), ['accepted c1']);
  h.bar(102, 103, 101, 102.5);
  assert.deepEqual(h.drain(), ['fill c1 buy 1 @ 102 taker']);
  assert.equal(h.fills[0].ts, 2 * MIN);
  assert.equal(h.account.position('BTC').qtyNum, 1);
});

test('market, close: fills at once at the deciding close', () => {
  const h = at100({ fillModel: 'close' });
  h.submit({ side: 'sell', qty: 2, type: 'market', reason: 'signal' });
  assert.deepEqual(h.drain(), ['accepted c1', 'fill c1 sell 2 @ 100 taker']);
  assert.equal(h.fills[0].ts, MIN);
  assert.equal(h.fills[0].reason, 'signal');
  h.bar(90, 91, 89, 90);
  assert.deepEqual(h.drain(), []);
});

test('market orders need a price: none before the first bar', () => {
  for (const fillModel of FILL_MODELS) {
    const h = harness({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'market' });
    assert.deepEqual(h.drain(), ['rejected c1: no market price yet: BTC']);
  }
});

for (const fillModel of FILL_MODELS) {
  test(`limit GTC (${fillModel}): rests, fills at the limit as maker when the path touches it`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'limit', price: 98 });
    h.bar(100, 100.5, 99, 99.5); // low 99 > 98
    assert.deepEqual(h.drain(), ['accepted c1']);
    h.bar(99.5, 99.8, 97.5, 99); // down bar: O → H → L reaches 97.5
    assert.deepEqual(h.drain(), ['fill c1 buy 1 @ 98 maker']);
  });

  test(`limit GTC (${fillModel}): a resting order gapped through fills at the better open, as maker`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'sell', qty: 1, type: 'limit', price: 101 });
    h.bar(100, 100.9, 99.8, 100.2);
    h.bar(103, 104, 102, 103.5);
    assert.deepEqual(h.drain(), ['accepted c1', 'fill c1 sell 1 @ 103 maker']);
  });

  test(`limit GTC (${fillModel}): marketable on arrival, it takes at the open`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'limit', price: 98 });
    h.bar(96, 97, 95, 96.5); // next-open: arrives at 96 ≤ 98; close: rested from the close at 100, gapped through
    assert.deepEqual(h.drain(), ['accepted c1', `fill c1 buy 1 @ 96 ${fillModel === 'close' ? 'maker' : 'taker'}`]);
  });

  test(`stop-market (${fillModel}): buy stop triggers on the way up and fills at the trigger`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'stop-market', triggerPrice: 105 });
    h.bar(101, 104.99, 99, 104); // never reaches 105
    h.bar(101, 107, 99, 106); // up bar: 101 → 99 → 107 crosses 105
    assert.deepEqual(h.drain(), ['accepted c1', 'triggered c1', 'fill c1 buy 1 @ 105 taker']);
  });

  test(`stop-market (${fillModel}): sell stop gapped through fills at the open`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 95 });
    h.bar(90, 92, 88, 91);
    assert.deepEqual(h.drain(), ['accepted c1', 'triggered c1', 'fill c1 sell 1 @ 90 taker']);
  });

  test(`stop-limit (${fillModel}): fills at the trigger when within the limit`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'sell', qty: 1, type: 'stop-limit', triggerPrice: 95, price: 94 });
    h.bar(100, 101, 93, 94); // down bar: 100 → 101 → 93: crosses 95
    assert.deepEqual(h.drain(), ['accepted c1', 'triggered c1', 'fill c1 sell 1 @ 95 taker']);
  });

  test(`stop-limit (${fillModel}): gapped beyond the limit it rests, then fills at the limit`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'stop-limit', triggerPrice: 105, price: 106 });
    // Down bar 108 → 109 → 104 → 104.5: triggered at the 108 open (above the 106 limit), then the
    // fall to 104 passes 106: the resting limit fills there as maker.
    h.bar(108, 109, 104, 104.5);
    assert.deepEqual(h.drain(), ['accepted c1', 'triggered c1', 'fill c1 buy 1 @ 106 maker']);
  });

  test(`stop-limit (${fillModel}): triggered but not fillable, it stays working to later bars`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'stop-limit', triggerPrice: 105, price: 106 });
    h.bar(108, 110, 107, 109);
    assert.deepEqual(h.drain(), ['accepted c1', 'triggered c1']);
    assert.ok(h.venue.hasWorkingOrders('BTC'));
    h.bar(105.5, 106.5, 105, 106); // opens below the limit: fills at the open
    assert.deepEqual(h.drain(), ['fill c1 buy 1 @ 105.5 maker']);
  });

  test(`take-profit (${fillModel}): sell TP triggers on the way up; gap fills at the open`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'sell', qty: 1, type: 'take-profit', triggerPrice: 110 });
    h.submit({ side: 'buy', qty: 1, type: 'take-profit', triggerPrice: 90 });
    h.bar(101, 111, 100.5, 110.5); // sell TP: 100.5 → 111 crosses 110
    h.bar(88, 89, 87, 88.5); // buy TP gapped: open 88
    assert.deepEqual(h.drain(), ['accepted c1', 'accepted c2', 'triggered c1', 'fill c1 sell 1 @ 110 taker', 'triggered c2', 'fill c2 buy 1 @ 88 taker']);
  });

  test(`take-profit-limit (${fillModel}): fills at the trigger within the limit`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'sell', qty: 1, type: 'take-profit-limit', triggerPrice: 110, price: 109.5 });
    h.bar(101, 111, 100.5, 110.5);
    assert.deepEqual(h.drain(), ['accepted c1', 'triggered c1', 'fill c1 sell 1 @ 110 taker']);
  });

  test(`bracket (${fillModel}): an up bar hits the stop before the take-profit, whatever the submission order`, () => {
    for (const order of ['tp-first', 'stop-first']) {
      const h = at100({ fillModel });
      h.submit({ side: 'buy', qty: 1, type: 'market' });
      if (fillModel === 'next-open') h.bar(100, 100.5, 99.5, 100);
      const tp = { side: 'sell', qty: 1, type: 'take-profit', triggerPrice: 110, reduceOnly: true } as const;
      const sl = { side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 95, reduceOnly: true } as const;
      const [first, second] = order === 'tp-first' ? [tp, sl] : [sl, tp];
      const ids = [h.submit(first), h.submit(second)];
      const [tpId, slId] = order === 'tp-first' ? ids : [ids[1], ids[0]];
      h.drain();
      // Up bar 100 → 94 → 112 → 105: the stop at 95 comes first; the TP then finds no position.
      h.bar(100, 112, 94, 105);
      assert.deepEqual(
        h.drain().filter((x) => x.startsWith('fill') || x.startsWith('cancelled')),
        [`fill ${slId} sell 1 @ 95 taker`, `cancelled ${tpId}: reduce-only order would increase the position`],
        order,
      );
      assert.equal(h.account.position('BTC').qtyNum, 0);
    }
  });

  test(`bracket (${fillModel}): a down bar hits the take-profit first`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 1, type: 'market' });
    if (fillModel === 'next-open') h.bar(100, 100.5, 99.5, 100);
    const sl = h.submit({ side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 95, reduceOnly: true });
    const tp = h.submit({ side: 'sell', qty: 1, type: 'take-profit', triggerPrice: 110, reduceOnly: true });
    h.drain();
    h.bar(100, 112, 94, 99); // 100 → 112 → 94 → 99
    assert.deepEqual(
      h.drain().filter((x) => x.startsWith('fill') || x.startsWith('cancelled')),
      [`fill ${tp} sell 1 @ 110 taker`, `cancelled ${sl}: reduce-only order would increase the position`],
    );
  });

  test(`reduce-only (${fillModel}): clamped to the position; rejected when it would increase it`, () => {
    const h = at100({ fillModel });
    h.submit({ side: 'buy', qty: 2, type: 'market' });
    if (fillModel === 'next-open') h.bar(100, 100.5, 99.5, 100);
    h.drain();
    h.submit({ side: 'buy', qty: 1, type: 'market', reduceOnly: true });
    assert.deepEqual(h.drain(), ['rejected c2: reduce-only order would increase the position']);
    h.submit({ side: 'sell', qty: 5, type: 'market', reduceOnly: true });
    if (fillModel === 'next-open') h.bar(101, 101.5, 100.5, 101);
    assert.deepEqual(h.drain(), ['accepted c3', 'fill c3 sell 2 @ 101'.replace('101', fillModel === 'close' ? '100' : '101') + ' taker']);
    assert.equal(h.account.position('BTC').qtyNum, 0);
    h.submit({ side: 'sell', qty: 1, type: 'market', reduceOnly: true });
    assert.deepEqual(h.drain(), ['rejected c4: reduce-only order would increase the position']);
  });

  test(`validation (${fillModel}): grids, missing prices, min notional`, () => {
    const h = at100({ fillModel, inst: { minNotional: 10 } });
    const rejected = (req: Parameters<typeof h.submit>[0]): string => {
      h.submit(req);
      const out = h.drain();
      assert.equal(out.length, 1, JSON.stringify(out));
      assert.match(out[0], /^rejected /);
      return out[0];
    };
    assert.match(rejected({ side: 'buy', qty: 0.1005, type: 'market' }), /quantity 0.1005 is not a positive multiple of the lot size 0.001/);
    assert.match(rejected({ side: 'buy', qty: 0, type: 'market' }), /quantity 0 /);
    assert.match(rejected({ side: 'buy', qty: 1, type: 'limit', price: 98.005 }), /price 98.005 is not on the price grid of BTC/);
    assert.match(rejected({ side: 'buy', qty: 1, type: 'limit' }), /price undefined/);
    assert.match(rejected({ side: 'buy', qty: 1, type: 'stop-market', triggerPrice: 105.001 }), /trigger price 105.001/);
    assert.match(rejected({ side: 'buy', qty: 1, type: 'stop-limit', price: 106 }), /trigger price undefined/);
    assert.match(rejected({ side: 'buy', qty: 1, type: 'market', tif: 'ALO' }), /post-only \(ALO\) applies to limit orders only/);
    // notional 0.099 × 100 = 9.9 < 10; 0.1 × 100 = 10 is enough
    assert.match(rejected({ side: 'buy', qty: 0.099, type: 'market' }), /order notional 9.9 is below the minimum 10/);
    h.submit({ side: 'buy', qty: 0.1, type: 'market' });
    assert.equal(h.drain()[0], 'accepted c9');
  });

  test(`margin (${fillModel}): needs qty × price / leverage of free equity`, () => {
    const h = at100({ fillModel, cash: '1000', leverage: 1 });
    h.submit({ side: 'buy', qty: 10.001, type: 'market' }); // 1000.1 > 1000
    assert.deepEqual(h.drain(), ['rejected c1: insufficient margin: needs 1000.10 at 1x, available 1000.00']);
    assert.equal(h.venue.setLeverage('BTC', 2), undefined);
    assert.match(h.venue.setLeverage('BTC', 51) ?? '', /leverage must be in \[1, 50\]/);
    h.submit({ side: 'buy', qty: 10.001, type: 'market' }); // 500.05 at 2x
    assert.equal(h.drain()[0], 'accepted c2');
  });

  test(`margin (${fillModel}): reversing frees the margin of the position it closes`, () => {
    const h = at100({ fillModel, cash: '1000', leverage: 1 });
    h.submit({ side: 'buy', qty: 9, type: 'market' });
    if (fillModel === 'next-open') h.bar(100, 100.5, 99.5, 100);
    h.drain();
    // Long 9 @ 100 uses 900 of 1000. Selling 18 closes it and opens short 9 needing 900: fits.
    h.submit({ side: 'sell', qty: 18, type: 'market' });
    assert.equal(h.drain()[0], 'accepted c2');
    // Selling 20 would open short 11 needing 1100: too much.
    h.submit({ side: 'sell', qty: 20, type: 'market' });
    assert.match(h.drain()[0] ?? '', /rejected c3: insufficient margin/);
  });
}

test('IOC, next-open: fills at the arrival open or expires there', () => {
  const h = at100({ fillModel: 'next-open' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 101, tif: 'IOC' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 99, tif: 'IOC' });
  h.bar(100.5, 101, 98, 99); // opens at 100.5: c1 takes, c2 expires (the later dip to 98 does not count)
  assert.deepEqual(h.drain(), ['accepted c1', 'accepted c2', 'fill c1 buy 1 @ 100.5 taker', 'expired c2: IOC order not marketable']);
  h.bar(97, 98, 96, 97);
  assert.deepEqual(h.drain(), []);
});

test('limit GTC, close: marketable at the deciding close, it takes there at once', () => {
  const h = at100({ fillModel: 'close' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 101 });
  assert.deepEqual(h.drain(), ['accepted c1', 'fill c1 buy 1 @ 100 taker']);
});

test('IOC, close: fills or expires at once against the deciding close', () => {
  const h = at100({ fillModel: 'close' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 101, tif: 'IOC' });
  h.submit({ side: 'sell', qty: 1, type: 'limit', price: 100.01, tif: 'IOC' });
  assert.deepEqual(h.drain(), ['accepted c1', 'fill c1 buy 1 @ 100 taker', 'accepted c2', 'expired c2: IOC order not marketable']);
});

test('ALO, next-open: rejected when it would cross at arrival, otherwise rests as maker', () => {
  const h = at100({ fillModel: 'next-open' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 101, tif: 'ALO' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 99, tif: 'ALO' });
  h.bar(100.5, 100.8, 98.5, 99.5);
  assert.deepEqual(h.drain(), ['accepted c1', 'accepted c2', 'rejected c1: post-only order would have crossed the market', 'fill c2 buy 1 @ 99 maker']);
});

test('ALO, close: rejected at once (never accepted, as a live venue answers) when it crosses the close; once posted, a gap through fills it as maker', () => {
  const h = at100({ fillModel: 'close' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 100, tif: 'ALO' });
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 99, tif: 'ALO' });
  assert.deepEqual(h.drain(), ['rejected c1: post-only order would have crossed the market', 'accepted c2']);
  // c2 rests on the book since the close; the next bar gaps down through it.
  h.bar(98, 98.5, 97, 98);
  assert.deepEqual(h.drain(), ['fill c2 buy 1 @ 98 maker']);
});

test('cancel removes a working order and reports it', () => {
  const h = at100({ fillModel: 'next-open' });
  const id = h.submit({ side: 'buy', qty: 1, type: 'limit', price: 90 });
  assert.ok(h.venue.cancel('BTC', id));
  assert.ok(!h.venue.cancel('BTC', id));
  h.bar(89, 90, 88, 89);
  assert.deepEqual(h.drain(), ['accepted c1', 'cancelled c1: cancelled by request']);
});

test('orders decided during another symbol’s bar of the same step act from the next bar (no look-ahead)', () => {
  const h = harness({ fillModel: 'next-open', symbols: ['AAA', 'BBB'] });
  h.bar(100, 101, 99, 100, 'AAA', MIN);
  h.bar(50, 51, 49, 50, 'BBB', MIN);
  // Step 2: AAA's bar is delivered, a strategy reacts to its close with an order for BBB …
  h.bar(100, 101, 99, 100, 'AAA', 2 * MIN);
  h.venue.submit('x1', { symbol: 'BBB', side: 'buy', qty: 1, type: 'market' });
  // … BBB's bar of the same step opened before that decision: the order must not fill at its open.
  h.bar(52, 53, 51, 52, 'BBB', 2 * MIN);
  assert.deepEqual(h.drain(), ['accepted x1']);
  h.bar(100, 101, 99, 100, 'AAA', 3 * MIN);
  h.bar(55, 56, 54, 55, 'BBB', 3 * MIN);
  assert.deepEqual(h.drain(), ['fill x1 buy 1 @ 55 taker']);
});

test('slippage: entries and exits by their own bps, against the taker; maker fills unslipped', () => {
  const h = at100({ fillModel: 'next-open', slippageBps: 10, exitSlippageBps: 20 });
  h.submit({ side: 'buy', qty: 1, type: 'market' });
  h.bar(100, 101, 99.5, 100);
  // entry: 100 × (1 + 10/10⁴) = 100.1
  h.submit({ side: 'sell', qty: 1, type: 'stop-market', triggerPrice: 95 });
  h.bar(100, 100.5, 94, 94.5);
  // exit: 95 × (1 − 20/10⁴) = 94.81
  h.submit({ side: 'buy', qty: 1, type: 'limit', price: 94 });
  h.bar(94.5, 95, 93.5, 94);
  assert.deepEqual(
    h.drain().filter((x) => x.startsWith('fill')),
    ['fill c1 buy 1 @ 100.1 taker', 'fill c2 sell 1 @ 94.81 taker', 'fill c3 buy 1 @ 94 maker'],
  );
  // Without exitSlippageBps the entry rate applies to exits too: sell 100 × (1 − 10/10⁴) = 99.9, buy back 100.1.
  const g = at100({ fillModel: 'close', slippageBps: 10 });
  g.submit({ side: 'sell', qty: 1, type: 'market' });
  g.submit({ side: 'buy', qty: 1, type: 'market' });
  assert.deepEqual(
    g.drain().filter((x) => x.startsWith('fill')),
    ['fill c1 sell 1 @ 99.9 taker', 'fill c2 buy 1 @ 100.1 taker'],
  );
});

test('fees: maker and taker bps of notional plus a per-unit charge, exact', () => {
  const h = at100({ fillModel: 'next-open', inst: { fees: { makerBps: 2, takerBps: 5, perUnit: 0.01 } } });
  h.submit({ side: 'buy', qty: 2, type: 'market' });
  h.bar(100, 101, 99, 100);
  h.submit({ side: 'sell', qty: 2, type: 'limit', price: 102 });
  h.bar(100, 102.5, 99.5, 102);
  // taker: 2 × 100 × 5/10⁴ + 2 × 0.01 = 0.1 + 0.02; maker: 2 × 102 × 2/10⁴ + 0.02 = 0.0408 + 0.02
  assert.deepEqual(
    h.fills.map((x) => [x.liquidity, x.fee]),
    [
      ['taker', f('0.12')],
      ['maker', f('0.0608')],
    ],
  );
  // realised 2 × (102 − 100) = 4; cash = 10000 + 4 − 0.1808
  assert.ok(Math.abs(h.account.cashNum - 10003.8192) < 1e-9);
  // A maker rebate is a negative fee: 3 × 50 × (−1)/10⁴ = −0.015.
  assert.equal(feeFor({ makerBps: -1, takerBps: 3, perUnit: 0 }, 'maker', 3, 50, 1), f('-0.015'));
  // Multiplier 0.1: 4 × 2500 × 0.1 × 3.5/10⁴ = 0.35.
  assert.equal(feeFor({ makerBps: 0, takerBps: 3.5, perUnit: 0 }, 'taker', 4, 2500, 0.1), f('0.35'));
});

test('fees are rounded once: two half-units of 10^-12 make one', () => {
  // bps part 10⁻⁸ × 0.5 × 1/10⁴ = 5·10⁻¹³; per-unit part 10⁻⁸ × 0.00005 = 5·10⁻¹³; sum 10⁻¹².
  assert.equal(feeFor({ makerBps: 0, takerBps: 1, perUnit: 0.00005 }, 'taker', 1e-8, 0.5, 1), 1n);
});

test('funding: longs pay a positive rate, shorts receive it; flat pays nothing', () => {
  const h = at100({ fillModel: 'close', inst: { multiplier: 0.5 } });
  assert.equal(h.venue.fundingPayment('BTC', 0.0001, 100), undefined);
  h.submit({ side: 'buy', qty: 2, type: 'market' });
  // −2 × 100 × 0.5 × 0.0001 = −0.01
  assert.equal(h.venue.fundingPayment('BTC', 0.0001, 100), -0.01);
  assert.equal(h.venue.fundingPayment('BTC', -0.0001, 100), 0.01);
  h.submit({ side: 'sell', qty: 4, type: 'market' });
  assert.equal(h.venue.fundingPayment('BTC', 0.0001, 100), 0.01);
});

test('liquidation at the marks when equity falls below maintenance margin', () => {
  // 50x max leverage → maintenance 1% of notional. 100 cash, long 5 @ 100.
  const h = at100({ fillModel: 'close', cash: '100', leverage: 50, inst: { maxLeverage: 50 } });
  h.submit({ side: 'buy', qty: 5, type: 'market' });
  h.submit({ side: 'sell', qty: 5, type: 'limit', price: 120 });
  h.drain();
  // Close 81: equity 100 + 5 × (81 − 100) = 5 ≥ maintenance 5 × 81 × 1% = 4.05.
  h.bar(95, 96, 80.5, 81);
  assert.equal(h.venue.checkLiquidation(), false);
  // Close 80: equity 0 < 4.
  h.bar(81, 82, 79.5, 80);
  assert.equal(h.venue.checkLiquidation(), true);
  assert.deepEqual(h.drain(), ['cancelled c2: account liquidated', 'fill sim-liq-3 sell 5 @ 80 taker']);
  assert.equal(h.fills.at(-1)?.reason, 'Liquidation');
  assert.equal(h.account.position('BTC').qtyNum, 0);
  assert.equal(h.account.cashNum, 0); // 100 + 5 × (80 − 100)
  assert.equal(h.venue.checkLiquidation(), false);
});

// Round trips from fills: flat → flat, scaled in and out, split at a reversal, immune to float remainders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedFromString } from '../core/fixed.js';
import type { Fill, Side } from '../core/orders.js';
import { Ledger } from '../ledger/ledger.js';
import type { RoundTrip } from './backtest-result.js';
import { RoundTripTracker } from './round-trips.js';

/** Feeds fills through a ledger (for the realised PnL) into a tracker, as the backtest runner does. */
function tracker() {
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromString('100000'));
  const trips = new RoundTripTracker();
  let n = 0;
  return {
    trips,
    fill(ts: number, side: Side, qty: number, price: number, fee = '0', reason = '', symbol = 'BTC'): void {
      const x: Fill = { type: 'order.filled', fillId: `f${++n}`, orderId: 'o', clientId: 'c', symbol, side, qty, price, fee: fixedFromString(fee), liquidity: 'taker', ts, reason };
      ledger.recordFill(x, 1);
      trips.onFill(x, Number(ledger.position(symbol).realized) / 1e12, Number(fee));
    },
  };
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

function assertTrip(got: RoundTrip | undefined, want: Partial<RoundTrip>): void {
  assert.ok(got, 'trip exists');
  for (const [k, v] of Object.entries(want)) {
    const g: unknown = got[k as keyof RoundTrip];
    if (typeof v === 'number') assert.ok(near(g as number, v), `${k}: ${String(g)} ≠ ${v}`);
    else assert.equal(g, v, k);
  }
}

test('a long from flat to flat', () => {
  const t = tracker();
  t.fill(1, 'buy', 2, 100, '0.1');
  assert.equal(t.trips.qty('BTC'), 2);
  t.fill(2, 'sell', 2, 110, '0.11', 'take profit');
  assert.equal(t.trips.qty('BTC'), 0);
  assert.equal(t.trips.closed().length, 1);
  // gross (110 − 100) × 2 = 20; fees 0.21; net 19.79
  assertTrip(t.trips.closed()[0], { symbol: 'BTC', direction: 'long', entryTime: 1, exitTime: 2, qty: 2, entryPrice: 100, exitPrice: 110, grossPnl: 20, fees: 0.21, netPnl: 19.79, exitReason: 'take profit' });
});

test('scaling in and out stays one trip with averaged prices and the largest size', () => {
  const t = tracker();
  t.fill(1, 'buy', 1, 100);
  t.fill(2, 'buy', 1, 120);
  t.fill(3, 'sell', 1, 130);
  assert.equal(t.trips.closed().length, 0);
  t.fill(4, 'buy', 1, 105); // back to 2
  t.fill(5, 'sell', 2, 90);
  // average entry (100 + 120 + 105) / 3 = 108.33…, exits (130 + 2 × 90) / 3 = 103.33…, max size 2
  // ledger: sell 1 @ 130 vs avg 110 → +20; then cost 110 + 105 = 215 for 2; sell 2 @ 90 → 180 − 215 = −35
  assertTrip(t.trips.closed()[0], { direction: 'long', entryTime: 1, exitTime: 5, qty: 2, entryPrice: 325 / 3, exitPrice: 310 / 3, grossPnl: -15 });
  assert.equal(t.trips.closed().length, 1);
});

test('a reversing fill closes one trip and opens the next, splitting its fee', () => {
  const t = tracker();
  t.fill(1, 'buy', 1, 100);
  t.fill(2, 'sell', 3, 90, '0.3', 'flip'); // closes long 1 (−10), opens short 2 @ 90
  assert.equal(t.trips.qty('BTC'), -2);
  t.fill(3, 'buy', 2, 80, '0.2', 'cover'); // short: (90 − 80) × 2 = +20
  const [a, b] = t.trips.closed();
  assertTrip(a, { direction: 'long', entryTime: 1, exitTime: 2, qty: 1, entryPrice: 100, exitPrice: 90, grossPnl: -10, fees: 0.1, exitReason: 'flip' });
  assertTrip(b, { direction: 'short', entryTime: 2, exitTime: 3, qty: 2, entryPrice: 90, exitPrice: 80, grossPnl: 20, fees: 0.4, netPnl: 19.6, exitReason: 'cover' });
});

test('a float remainder does not open a phantom trip (0.7 + 0.1 held, 0.8 sold)', () => {
  const t = tracker();
  t.fill(1, 'buy', 0.7, 100);
  t.fill(2, 'buy', 0.1, 100);
  t.fill(3, 'sell', 0.8, 101);
  assert.equal(t.trips.qty('BTC'), 0);
  assert.equal(t.trips.closed().length, 1);
  t.fill(4, 'buy', 0.5, 100);
  t.fill(5, 'sell', 0.5, 102);
  const trips = t.trips.closed();
  assert.equal(trips.length, 2);
  assertTrip(trips[1], { direction: 'long', entryTime: 4, qty: 0.5, grossPnl: 1 });
  // And the mirror: holding 0.30000000000000004 (0.1 + 0.2) and selling 0.3.
  const u = tracker();
  u.fill(1, 'buy', 0.1, 10);
  u.fill(2, 'buy', 0.2, 10);
  u.fill(3, 'sell', 0.3, 10);
  assert.equal(u.trips.qty('BTC'), 0);
  assert.equal(u.trips.closed().length, 1);
});

test('symbols are tracked apart', () => {
  const t = tracker();
  t.fill(1, 'buy', 1, 10, '0', '', 'A');
  t.fill(2, 'sell', 1, 20, '0', '', 'B');
  t.fill(3, 'sell', 1, 12, '0', 'x', 'A');
  assert.equal(t.trips.qty('B'), -1);
  assert.deepEqual(
    t.trips.closed().map((x) => [x.symbol, x.direction, x.grossPnl]),
    [['A', 'long', 2]],
  );
});

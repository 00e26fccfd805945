// Tests of trade flow: totals, rolling CVD against a naive window sum, and time-order checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/rng.js';
import { BadInputError } from '../core/errors.js';
import type { Side } from '../core/orders.js';
import { RollingCvd, TradeFlow } from './trade-flow.js';

test('hand-worked CVD over a 10 ms window', () => {
  const f = new TradeFlow([10]);
  f.onTrade(0, 100, 2, 'buy'); // window (−10, 0]: +2
  f.onTrade(5, 101, 1, 'sell'); // (−5, 5]: +2 −1 = 1
  assert.equal(f.windowCvd(0), 1);
  f.onTrade(10, 102, 4, 'buy'); // (0, 10]: the t=0 trade leaves: −1 + 4 = 3
  assert.equal(f.windowCvd(0), 3);
  assert.equal(f.cvd(), 5);
  assert.equal(f.buyVolume, 6);
  assert.equal(f.sellVolume, 1);
  assert.equal(f.lastPrice, 102);
  assert.equal(f.trades, 3);
  f.windows[0].advance(30); // nothing left in (20, 30]
  assert.equal(f.windowCvd(0), 0);
  assert.equal(f.windows[0].size(), 0);
});

test('rolling CVD matches a naive sum on a random stream (ring buffer growth included)', () => {
  const rng = createRng(3);
  const windows = [50, 1000];
  const f = new TradeFlow(windows);
  const log: { ts: number; signed: number }[] = [];
  let ts = 0;
  for (let i = 0; i < 5000; i++) {
    ts += rng.int(0, 3);
    const side: Side = rng.next() < 0.5 ? 'buy' : 'sell';
    const size = rng.int(1, 1000) / 100;
    f.onTrade(ts, 100, size, side);
    log.push({ ts, signed: side === 'buy' ? size : -size });
    if (i % 97 === 0) {
      for (let w = 0; w < windows.length; w++) {
        const want = log.filter((x) => x.ts > ts - windows[w]).reduce((s, x) => s + x.signed, 0);
        assert.ok(Math.abs(f.windowCvd(w) - want) < 1e-8, `trade ${i} window ${windows[w]}: ${f.windowCvd(w)} vs ${want}`);
      }
    }
  }
});

test('trades out of time order and bad windows are rejected', () => {
  const f = new TradeFlow();
  f.onTrade(10, 1, 1, 'buy');
  assert.throws(() => f.onTrade(9, 1, 1, 'buy'), BadInputError);
  assert.throws(() => new RollingCvd(0), BadInputError);
  assert.throws(() => new RollingCvd(Number.NaN), BadInputError);
});

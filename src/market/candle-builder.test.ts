import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barOpenAt } from '../core/bars.js';
import { createRng } from '../core/rng.js';
import { CandleBuilder, type BuiltBar } from './candle-builder.js';

interface Trade {
  readonly price: number;
  readonly size: number;
  readonly ts: number;
}

function collect(intervalMs: number, graceMs = 0): { builder: CandleBuilder; bars: BuiltBar[] } {
  const bars: BuiltBar[] = [];
  const builder = new CandleBuilder({ symbol: 'BTC', intervalMs, graceMs }, (b) => bars.push({ ...b }));
  return { builder, bars };
}

/** The reference: a plain group-by over time-ordered trades. */
function groupBy(trades: readonly Trade[], intervalMs: number): BuiltBar[] {
  const out = new Map<number, BuiltBar>();
  for (const t of trades) {
    const k = barOpenAt(t.ts, intervalMs);
    const b = out.get(k);
    if (b === undefined) out.set(k, { time: k, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.size, trades: 1 });
    else {
      b.high = Math.max(b.high, t.price);
      b.low = Math.min(b.low, t.price);
      b.close = t.price;
      b.volume += t.size;
      b.trades++;
    }
  }
  return [...out.values()].sort((a, b) => a.time - b.time);
}

function randomTrades(seed: number, n: number, start: number, meanGapMs: number): Trade[] {
  const rng = createRng(seed);
  const out: Trade[] = [];
  let ts = start;
  let px = 100;
  for (let i = 0; i < n; i++) {
    // Bursts and quiet spells: some gaps span several buckets.
    ts += rng.next() < 0.05 ? rng.int(0, 20 * meanGapMs) : rng.int(0, meanGapMs);
    px = Math.max(0.01, px * Math.exp(0.002 * rng.normal()));
    out.push({ price: Math.round(px * 100) / 100, size: rng.int(1, 10_000) / 1000, ts });
  }
  return out;
}

test('equals a batch group-by bit for bit over random trades, at several intervals', () => {
  for (const [seed, intervalMs] of [[1, 1000], [2, 60_000], [3, 5000], [4, 3_600_000]] as const) {
    const trades = randomTrades(seed, 20_000, Date.UTC(2026, 0, 1, 0, 0, 0, 123), intervalMs / 4);
    const { builder, bars } = collect(intervalMs);
    for (const t of trades) builder.onTrade(t.price, t.size, t.ts);
    builder.flush();
    assert.deepEqual(bars, groupBy(trades, intervalMs), `seed ${seed} interval ${intervalMs}`);
    assert.equal(builder.lateTrades, 0);
  }
});

test('clock ticks close bars in quiet markets; interleaved ticks change nothing', () => {
  const trades = randomTrades(9, 5_000, Date.UTC(2026, 0, 1), 700);
  const { builder, bars } = collect(1000, 250);
  const emittedAt: number[] = [];
  let now = trades[0].ts;
  for (const t of trades) {
    while (now + 100 <= t.ts) {
      now += 100;
      const before = bars.length;
      builder.onClock(now);
      if (bars.length > before) emittedAt.push(now);
      // A clock close happens no earlier than the bucket end plus the grace.
      if (bars.length > before) assert.ok(now >= bars[bars.length - 1].time + 1000 + 250);
    }
    builder.onTrade(t.price, t.size, t.ts);
  }
  builder.onClock(trades[trades.length - 1].ts + 5000);
  assert.deepEqual(bars, groupBy(trades, 1000));
  assert.ok(emittedAt.length > 0, 'some bars closed on the clock');
});

test('boundaries: a trade at the bucket end opens the next bar; the last ms stays in the bar', () => {
  const { builder, bars } = collect(60_000);
  const t0 = Date.UTC(2026, 5, 1, 12, 0);
  builder.onTrade(10, 1, t0);
  builder.onTrade(11, 1, t0 + 59_999);
  assert.equal(bars.length, 0);
  builder.onTrade(12, 1, t0 + 60_000);
  assert.deepEqual(bars, [{ time: t0, open: 10, high: 11, low: 10, close: 11, volume: 2, trades: 2 }]);
  builder.onClock(t0 + 119_999);
  assert.equal(bars.length, 1, 'the clock before the end does not close');
  builder.onClock(t0 + 120_000);
  assert.deepEqual(bars[1], { time: t0 + 60_000, open: 12, high: 12, low: 12, close: 12, volume: 1, trades: 1 });
});

test('an empty bucket yields no bar; bars align to the grid whatever the first trade time', () => {
  const { builder, bars } = collect(1000);
  builder.onTrade(5, 1, 10_500.5);
  builder.onTrade(6, 2, 13_200);
  builder.flush();
  assert.deepEqual(bars.map((b) => b.time), [10_000, 13_000]);
});

test('late trades are counted and ignored, and never reopen a closed bar', () => {
  const { builder, bars } = collect(1000, 500);
  builder.onTrade(10, 1, 1_000);
  builder.onTrade(11, 1, 2_100);
  builder.onTrade(9, 1, 1_900); // older than the open bucket
  builder.onClock(3_500);
  builder.onTrade(12, 1, 2_999); // its bucket closed on the clock
  builder.onTrade(13, 1, 3_000);
  builder.flush();
  assert.equal(builder.lateTrades, 2);
  assert.deepEqual(bars.map((b) => [b.time, b.close, b.trades]), [[1_000, 10, 1], [2_000, 11, 1], [3_000, 13, 1]]);
});

test('rejects bad trades and intervals at the edge', () => {
  const { builder } = collect(1000);
  assert.throws(() => builder.onTrade(Number.NaN, 1, 0), /price NaN/);
  assert.throws(() => builder.onTrade(1, 0, 0), /size 0/);
  assert.throws(() => builder.onTrade(1, 1, Number.POSITIVE_INFINITY), /time Infinity/);
  assert.throws(() => new CandleBuilder({ symbol: 'X', intervalMs: 500 }, () => undefined), /whole number of seconds/);
  assert.throws(() => new CandleBuilder({ symbol: 'X', intervalMs: 1000, graceMs: -1 }, () => undefined), /graceMs/);
});

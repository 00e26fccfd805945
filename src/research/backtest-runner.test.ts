// Backtests end to end: ledger invariants, exact final equity, round trips, determinism, and sma-cross on backtrader's 2006 data.
import { sharedDataFile, SHARED_DATA_MISSING } from '../testkit/shared-data.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BarSeriesBuilder, type BarSeries } from '../core/bars.js';
import { fixedFromString } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { Fill, OrderRequest, OrderType, Side, TimeInForce } from '../core/orders.js';
import { createRng } from '../core/rng.js';
import { Ledger } from '../ledger/ledger.js';
import type { FillModel } from '../sim/fill-model.js';
import { SimVenue } from '../sim/sim-venue.js';
import { smaCross } from '../strategy/sma-cross.js';
import type { Strategy } from '../strategy/strategy.js';
import { simKernel, type SimKernel } from '../testkit/sim-kernel.js';
import type { BacktestResult } from './backtest-result.js';
import { runBacktest, type BacktestOptions } from './backtest-runner.js';
import { computeMetrics } from './metrics.js';

const MIN = 60_000;
const DAY = 86_400_000;

/** A wave of closes on the 0.01 grid with opens at the previous close; high/low 0.3 beyond. */
function wave(symbol: string, n: number, base = 100): BarSeries {
  const b = new BarSeriesBuilder(symbol);
  let prev = base;
  for (let i = 0; i < n; i++) {
    const close = Math.round((base + 10 * Math.sin(i / 6) + 3 * Math.sin(i / 1.7)) * 100) / 100;
    b.push(i * MIN, prev, Math.round((Math.max(prev, close) + 0.3) * 100) / 100, Math.round((Math.min(prev, close) - 0.3) * 100) / 100, close, 1);
    prev = close;
  }
  return b.finish(symbol, MIN, 2);
}

function options(series: readonly BarSeries[], fillModel: FillModel, params: Record<string, number | boolean> = {}): BacktestOptions {
  return {
    strategy: smaCross,
    params: { fast: 3, slow: 8, size: 0.5, longOnly: false, ...params },
    series,
    cash: 10_000,
    fillModel,
    makerFeeBps: 5,
    takerFeeBps: 5,
    feePerUnit: 0.01,
    multiplier: 1,
    slippageBps: 2,
  };
}

/** The parts of a result that must repeat exactly, as JSON. */
function fingerprint(r: BacktestResult): string {
  const big = (_k: string, x: unknown): unknown => (typeof x === 'bigint' ? x.toString() : x);
  return JSON.stringify({ fills: r.fills, trades: r.trades, cash: r.finalCash, equity: r.finalEquity, curve: Array.from(r.equity), ledger: r.ledger?.entries() }, big);
}

const cents = (x: number): bigint => BigInt(Math.round(x * 100));
const units8 = (x: number): bigint => BigInt(Math.round(x * 1e8));

for (const fillModel of ['next-open', 'close'] as const) {
  test(`sma-cross (${fillModel}): invariants, exact final equity, round trips, determinism`, () => {
    const r = runBacktest(options([wave('WAVE', 400)], fillModel));
    assert.ok(r.ledger);
    r.ledger.checkInvariants();
    assert.ok(r.fills.length > 10, `${r.fills.length} fills`);
    // Final equity = cash + the open position at the last close. Independently: deposits − fees
    // + Σ(−signed qty × price) + position × last close, exact in units of 10^-10 (qty 10^-8 × price 10^-2),
    // since sma-cross only closes whole positions (no rounded partial releases).
    const s = r.bars[0];
    const last = s.close[s.length - 1];
    let flow = 0n;
    let pos = 0n;
    for (const x of r.fills) {
      const q = x.side === 'buy' ? units8(x.qty) : -units8(x.qty);
      flow -= q * cents(x.price);
      pos += q;
    }
    const fees = r.ledger.totals().fees;
    const expected = 10_000n * 10n ** 12n - fees + (flow + pos * cents(last)) * 100n;
    assert.equal(fixedFromString(r.finalEquity), expected);
    assert.equal(fixedFromString(r.finalCash), r.ledger.cash());
    assert.equal(pos * 10n ** 4n, r.ledger.position('WAVE').qty);
    assert.ok(Math.abs(r.equity[r.equity.length - 1] - Number(r.finalEquity)) < 1e-6);
    if (pos !== 0n) assert.equal(r.openPositions.length, 1);
    // Round trips: a reversing strategy alternates directions, each trip ends where the next starts,
    // and their gross PnL adds up to the ledger's realised PnL.
    assert.ok(r.trades.length >= 5);
    for (let i = 1; i < r.trades.length; i++) {
      assert.notEqual(r.trades[i].direction, r.trades[i - 1].direction);
      assert.equal(r.trades[i].entryTime, r.trades[i - 1].exitTime);
    }
    const gross = r.trades.reduce((a, t) => a + t.grossPnl, 0);
    const realizedClosed = Number(r.ledger.totals().realized) / 1e12;
    assert.ok(Math.abs(gross - realizedClosed) < 1e-6, `${gross} vs ${realizedClosed}`);
    // Same inputs ⇒ the same bytes.
    assert.equal(fingerprint(runBacktest(options([wave('WAVE', 400)], fillModel))), fingerprint(r));
  });
}

test('a symbol that never trades does not break the invariants (multi-symbol run)', () => {
  const still = new BarSeriesBuilder('STILL');
  for (let i = 0; i < 400; i++) still.push(i * MIN, 50, 50, 50, 50, 1);
  const r = runBacktest(options([wave('WAVE', 400), still.finish('STILL', MIN, 2)], 'next-open'));
  assert.ok(r.fills.every((x) => x.symbol === 'WAVE'));
  r.ledger?.checkInvariants();
  assert.deepEqual(r.symbols, ['STILL', 'WAVE']);
});

test('a run without a single trade keeps its cash', () => {
  const r = runBacktest(options([wave('WAVE', 5)], 'close'));
  assert.equal(r.fills.length, 0);
  assert.equal(r.finalEquity, '10000');
  r.ledger?.checkInvariants();
});

// ---- every order type through the kernel and the simulated venue, twice --------------------------

const SYMBOLS = ['AAA', 'BBB', 'CCC'];
const TYPES: readonly OrderType[] = ['market', 'limit', 'stop-market', 'stop-limit', 'take-profit', 'take-profit-limit'];
const TIFS: readonly TimeInForce[] = ['GTC', 'IOC', 'ALO'];

/** Three random-walk symbols on the 0.01 grid, each missing ~10% of the bars. */
function randomMarket(seed: number): BarSeries[] {
  const rng = createRng(seed);
  return SYMBOLS.map((symbol, k) => {
    const b = new BarSeriesBuilder(symbol);
    let px = 100 * (k + 1);
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    for (let i = 0; i < 600; i++) {
      const open = px;
      const close = Math.max(1, open * (1 + 0.01 * rng.normal()));
      const high = Math.max(open, close) * (1 + 0.004 * rng.next());
      const low = Math.min(open, close) * (1 - 0.004 * rng.next());
      px = close;
      if (rng.next() < 0.1) continue;
      b.push(i * MIN, r2(open), r2(high), r2(low), r2(close), 1);
    }
    return b.finish(symbol, MIN, 2);
  });
}

/** Random orders of every kind from a seeded generator; checks the kernel's open-order view against the venue's. */
function randomStrategy(seed: number, problems: string[], venue: () => SimVenue): Strategy {
  const rng = createRng(seed);
  const tick = (x: number): number => Math.max(0.01, Math.round(x * 100) / 100);
  return {
    onStart: (ctx) => ctx.setTimer('t', 5 * MIN),
    onTimer(_name, at, ctx) {
      ctx.setTimer('t', at + rng.int(1, 20) * MIN);
      if (rng.next() < 0.3) for (const s of SYMBOLS) ctx.cancelAll(s);
    },
    onBar(bar, ctx) {
      for (const s of SYMBOLS) if (ctx.hasOpenOrders(s) !== venue().hasWorkingOrders(s)) problems.push(`${bar.time}: ${s} open-order views differ`);
      if (rng.next() < 0.3) ctx.proposeEntry({ symbol: bar.symbol, score: rng.int(0, 3) });
      if (rng.next() > 0.4) return;
      const type = TYPES[rng.int(0, TYPES.length - 1)];
      const side: Side = rng.next() < 0.5 ? 'buy' : 'sell';
      const stop = type.startsWith('stop');
      // Limits below (buys) / above (sells) the close; stops beyond it the other way; TPs like limits.
      const limitAway = side === 'buy' ? -1 : 1;
      const req: OrderRequest = {
        symbol: bar.symbol,
        side,
        type,
        qty: rng.int(1, 3000) / 1000,
        price: type === 'market' ? undefined : tick(bar.close * (1 + (stop ? -limitAway : limitAway) * 0.01 * rng.next())),
        triggerPrice: type === 'market' || type === 'limit' ? undefined : tick(bar.close * (1 + (stop ? -limitAway : limitAway) * 0.01 * rng.next())),
        tif: type === 'limit' ? TIFS[rng.int(0, 2)] : undefined,
        reduceOnly: rng.next() < 0.2,
        reason: type,
      };
      ctx.submit(req);
    },
    onEntries(ranked, ctx) {
      const c = ranked[0];
      if (c !== undefined && ctx.position(c.symbol) === 0) ctx.submit({ symbol: c.symbol, side: rng.next() < 0.5 ? 'buy' : 'sell', qty: 0.5, type: 'market', reason: 'entry' });
    },
  };
}

function runRandom(strategySeed: number, fillModel: FillModel): { json: string; count: number; reasons: Set<string>; problems: string[]; ledger: Ledger } {
  const instruments = SYMBOLS.map((symbol) => makeInstrument({ symbol, priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 }));
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromString('10000'));
  const fills: Fill[] = [];
  const problems: string[] = [];
  const run: SimKernel = simKernel({
    name: 'random',
    strategy: randomStrategy(strategySeed, problems, () => run.venue),
    ledger,
    instruments,
    venue: { fillModel, slippageBps: 3, defaultLeverage: 10 },
    kernel: { observer: { onFill: (x: Fill) => void fills.push(x) } },
  });
  run.driveBars(randomMarket(314));
  const big = (_k: string, x: unknown): unknown => (typeof x === 'bigint' ? x.toString() : x);
  return { json: JSON.stringify({ fills, ledger: ledger.entries() }, big), count: fills.length, reasons: new Set(fills.map((x) => x.reason)), problems, ledger };
}

for (const fillModel of ['next-open', 'close'] as const) {
  test(`every order type, kernel + sim venue (${fillModel}): two seeded runs are byte-identical`, () => {
    const a = runRandom(2718, fillModel);
    assert.ok(a.count > 200, `${a.count} fills`);
    for (const t of [...TYPES, 'entry']) assert.ok(a.reasons.has(t), `no ${t} fill`);
    assert.deepEqual(a.problems, []);
    a.ledger.checkInvariants();
    assert.equal(runRandom(2718, fillModel).json, a.json);
    assert.notEqual(runRandom(2719, fillModel).json, a.json);
  });
}

// ---- sma-cross on backtrader's 2006 daily data -----------------------------------------------------

const DATA = sharedDataFile('backtrader', '2006-day-001.txt');

/** A tiny reader for backtrader's Date,Open,High,Low,Close,Volume,OpenInterest text; closes also as exact cents. */
function readBacktraderDaily(path: string): { series: BarSeries; closeCents: bigint[]; openCents: bigint[] } {
  const b = new BarSeriesBuilder('2006-day-001');
  const closeCents: bigint[] = [];
  const openCents: bigint[] = [];
  const exactCents = (text: string): bigint => {
    const [whole, frac = ''] = text.split('.');
    assert.ok(frac.length <= 2, text);
    return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  };
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [date, o, h, l, c, v] = line.split(',');
    b.push(Date.parse(`${date}T00:00:00Z`), Number(o), Number(h), Number(l), Number(c), Number(v));
    openCents.push(exactCents(o));
    closeCents.push(exactCents(c));
  }
  return { series: b.finish(path, DAY, 2), closeCents, openCents };
}

test('sma-cross fast=1 slow=15 on 2006-day-001: entries follow close-over-SMA15 up-crosses', (t) => {
  if (DATA === undefined) {
    t.skip(SHARED_DATA_MISSING);
    return;
  }
  const { series, closeCents, openCents } = readBacktraderDaily(DATA);
  const o: BacktestOptions = {
    strategy: smaCross,
    params: { fast: 1, slow: 15, size: 1, longOnly: true },
    series: [series],
    cash: 10_000,
    fillModel: 'next-open',
    makerFeeBps: 0,
    takerFeeBps: 0,
    feePerUnit: 0,
    multiplier: 1,
    slippageBps: 0,
  };
  const r = runBacktest(o);
  // (a) invariants and determinism
  r.ledger?.checkInvariants();
  assert.equal(fingerprint(runBacktest(o)), fingerprint(r));
  // (b) independent crosses in integer cents: sign(15 × close − Σ15 closes); ties skipped when
  // looking back; the first bar with a full window only seeds. Long-only: enter on an up-cross
  // when flat, exit on a down-cross when long; each order fills at the next bar's open.
  const n = closeCents.length;
  const wantEntries: string[] = [];
  const wantExits: string[] = [];
  let last = 0;
  let long = false;
  let window = 0n;
  for (let i = 0; i < n; i++) {
    window += closeCents[i] - (i >= 15 ? closeCents[i - 15] : 0n);
    if (i < 14) continue;
    const d = 15n * closeCents[i] - window;
    const sign = d > 0n ? 1 : d < 0n ? -1 : 0;
    if (sign === 0) continue;
    const cross = i > 14 && last !== 0 && sign !== last;
    last = sign;
    if (!cross || i + 1 >= n) continue;
    const at = `${new Date(series.time[i + 1]).toISOString().slice(0, 10)} @ ${openCents[i + 1]}`;
    if (sign > 0 && !long) {
      wantEntries.push(at);
      long = true;
    } else if (sign < 0 && long) {
      wantExits.push(at);
      long = false;
    }
  }
  const show = (side: string): string[] => r.fills.filter((x) => x.side === side).map((x) => `${new Date(x.time).toISOString().slice(0, 10)} @ ${cents(x.price)}`);
  assert.ok(wantEntries.length >= 5, `${wantEntries.length} up-crosses`);
  assert.deepEqual(show('buy'), wantEntries);
  assert.deepEqual(show('sell'), wantExits);
  assert.ok(r.fills.every((x) => x.qty === 1));
});

test('maker and taker fills pay their own rate (Hyperliquid: 1.5 bps maker, 4.5 bps taker)', () => {
  // Bar 0: a market buy (fills at bar 1's open, taker). Bar 1: a sell limit 3 above its close (the
  // next open: the wave has no gaps), which rests and fills when a later bar reaches it (maker).
  const twoOrders = {
    name: 'two-orders',
    summary: 'a market buy, then a resting limit sell',
    params: [],
    create: (): Strategy => {
      let n = 0;
      return {
        onBar(bar, ctx) {
          if (n === 0) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 1, type: 'market' });
          if (n === 1) ctx.submit({ symbol: bar.symbol, side: 'sell', qty: 1, type: 'limit', price: bar.close + 3 });
          n++;
        },
      };
    },
  };
  const r = runBacktest({ ...options([wave('WAVE', 60)], 'next-open'), strategy: twoOrders, params: {}, makerFeeBps: 1.5, takerFeeBps: 4.5, feePerUnit: 0, slippageBps: 0 });
  assert.equal(r.fills.length, 2);
  const [buy, sell] = r.fills;
  assert.ok(Math.abs(buy.fee - (buy.price * 4.5) / 10_000) < 1e-12, `taker fee ${buy.fee} at ${buy.price}`);
  assert.ok(Math.abs(sell.fee - (sell.price * 1.5) / 10_000) < 1e-12, `maker fee ${sell.fee} at ${sell.price}`);
});

test('rejected orders are recorded with time, symbol, client id and reason, and counted by code', () => {
  const greedy: Strategy = {
    onBar(bar, ctx) {
      if (bar.time === 2 * MIN) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 1_000_000, type: 'market', reason: 'too big' });
      if (bar.time === 3 * MIN) ctx.submit({ symbol: bar.symbol, side: 'sell', qty: 1, type: 'market', reduceOnly: true, reason: 'nothing to reduce' });
      if (bar.time === 4 * MIN) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 2_000_000, type: 'market', reason: 'too big again' });
    },
  };
  const r = runBacktest({ ...options([wave('WAVE', 10)], 'close'), strategy: { name: 'greedy', summary: '', params: [], create: () => greedy } });
  assert.deepEqual(
    r.rejections.map((x) => [x.time / MIN, x.symbol, x.reason.replace(/: .*/, ': …')]),
    [[2, 'WAVE', 'insufficient margin: …'], [3, 'WAVE', 'reduce-only order would increase the position'], [4, 'WAVE', 'insufficient margin: …']],
  );
  assert.ok(r.rejections.every((x) => x.clientId.length > 0));
  assert.match(r.rejections[0].reason, /^insufficient margin: needs \d+\.\d\d at 10x, available 10000\.00$/);
  assert.deepEqual(computeMetrics(r).rejected_orders, { 'insufficient margin': 2, 'reduce-only order would increase the position': 1 });
});

// The kernel step: timers before bars, symbols in name order on one clock, ranked entries, order lifecycle, funding, determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bar } from '../core/bars.js';
import { BarSeriesBuilder, type BarSeries } from '../core/bars.js';
import { ManualClock } from '../core/manual-clock.js';
import { InvariantError } from '../core/errors.js';
import { fixedFromString } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { Fill, OrderRequest } from '../core/orders.js';
import { createRng } from '../core/rng.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { Ledger } from '../ledger/ledger.js';
import type { EntryCandidate, Strategy, StrategyFill } from '../strategy/strategy.js';
import { driveBars } from './bar-driver.js';
import type { ExecutionReportSink } from '../core/execution.js';
import type { ExecutionPort } from './execution-port.js';
import { Kernel, type KernelObserver } from './kernel.js';
import { SimulatedMarket, type FundingSeries, type SimulatedVenue } from './simulated-market.js';

const MIN = 60_000;
const HOUR = 3_600_000;

/** A series from [time, open, high, low, close] rows. */
function series(symbol: string, rows: readonly (readonly [number, number, number, number, number])[]): BarSeries {
  const b = new BarSeriesBuilder(symbol);
  for (const [t, o, h, l, c] of rows) b.push(t, o, h, l, c, 1);
  return b.finish(symbol, undefined, 2);
}

/** Flat bars (O = H = L = C = price) at the given times. */
const flat = (symbol: string, times: readonly number[], price = 100): BarSeries => series(symbol, times.map((t) => [t, price, price, price, price] as const));

/**
 * A minimal execution port (the engine may not import the simulated venue): lot 0.001, 10x margin;
 * market orders fill at the next open (or at once at the mark when `immediate`), limits rest and fill
 * at their price when the bar's range reaches it. Fees are zero.
 */
class TestVenue implements ExecutionPort, SimulatedVenue {
  private readonly marks = new Map<string, number>();
  private readonly times = new Map<string, number>();
  private working: { id: string; req: OrderRequest }[] = [];
  private n = 0;
  constructor(
    private readonly sink: ExecutionReportSink,
    private readonly ledger: Ledger,
    private readonly immediate: boolean,
  ) {}

  submit(id: string, req: OrderRequest): void {
    const mark = this.marks.get(req.symbol);
    const reject = (reason: string): void => this.sink.onExecutionReport({ type: 'order.rejected', clientId: id, symbol: req.symbol, reason, ts: 0 });
    if (!(req.qty > 0) || Math.abs(req.qty * 1000 - Math.round(req.qty * 1000)) > 1e-9) return reject(`quantity ${req.qty} is not a positive multiple of the lot size 0.001`);
    if (mark === undefined) return reject('no price yet');
    if ((req.qty * mark) / 10 > this.equity()) return reject('insufficient margin');
    this.sink.onExecutionReport({ type: 'order.accepted', clientId: id, symbol: req.symbol, venueOrderId: id, ts: 0 });
    if (this.immediate && req.type === 'market') this.fill(id, req, mark);
    else this.working.push({ id, req });
  }

  cancel(symbol: string, id: string): boolean {
    const i = this.working.findIndex((w) => w.id === id);
    if (i < 0) return false;
    this.working.splice(i, 1);
    this.sink.onExecutionReport({ type: 'order.cancelled', clientId: id, symbol, reason: 'by request', ts: 0 });
    return true;
  }

  hasWorking(symbol: string): boolean {
    return this.working.some((w) => w.req.symbol === symbol);
  }

  setLeverage(): string | undefined {
    return undefined;
  }

  onBar(bar: Bar): void {
    const { symbol, time, open, high, low, close } = bar;
    this.times.set(symbol, time);
    for (const w of this.working.filter((x) => x.req.symbol === symbol)) {
      const r = w.req;
      const px = r.price ?? open;
      if (r.type === 'market' || (r.side === 'buy' ? low <= px : high >= px)) {
        this.working.splice(this.working.indexOf(w), 1);
        this.fill(w.id, r, r.type === 'market' ? open : px);
      }
    }
    this.marks.set(symbol, close);
  }

  private fill(id: string, r: OrderRequest, price: number): void {
    const ts = this.times.get(r.symbol) ?? 0;
    this.sink.onExecutionReport({ type: 'order.filled', fillId: `tf-${++this.n}`, orderId: id, clientId: id, symbol: r.symbol, side: r.side, qty: r.qty, price, fee: 0n, liquidity: 'taker', ts, reason: r.reason ?? '' });
  }

  fundingPayment(symbol: string, rate: number, mark: number): number | undefined {
    const q = this.ledger.position(symbol).qtyNum;
    return q === 0 ? undefined : -q * mark * rate;
  }

  checkLiquidation(): boolean {
    return false;
  }

  equity(): number {
    let eq = this.ledger.cashNum;
    for (const [s, m] of this.marks) {
      const p = this.ledger.position(s);
      if (p.qtyNum !== 0) eq += p.qtyNum * (m - p.avgPriceNum);
    }
    return eq;
  }

  mark(symbol: string): number | undefined {
    return this.marks.get(symbol);
  }
}

interface Setup {
  kernel: Kernel;
  ledger: Ledger;
  venue: () => TestVenue;
  /** driveBars with the test venue as the simulated market beside the kernel. */
  drive(series: readonly BarSeries[]): number;
}

function setup(strategy: Strategy, symbols: readonly string[], o: { immediate?: boolean; funding?: ReadonlyMap<string, FundingSeries>; observer?: KernelObserver; onStepEnd?: (t: number) => void } = {}): Setup {
  const instruments = symbols.map((symbol) => makeInstrument({ symbol, priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 }));
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromString('10000'));
  let venue: TestVenue | undefined;
  const kernel = new Kernel(
    'test',
    strategy,
    new ManualClock(0),
    ledger,
    instruments,
    (sink) => (venue = new TestVenue(sink, ledger, o.immediate ?? false)),
    { observer: o.observer, marks: { mark: (s) => (venue as TestVenue).mark(s) } },
  );
  const sim = new SimulatedMarket(venue as unknown as TestVenue, kernel, ledger, o.funding);
  return { kernel, ledger, venue: () => venue as TestVenue, drive: (series) => driveBars(kernel, series, { sim, onStepEnd: o.onStepEnd }) };
}

test('timers fire before the bars of their step, in (time, name) order', () => {
  const log: string[] = [];
  const strategy: Strategy = {
    onStart(ctx) {
      ctx.setTimer('b', MIN);
      ctx.setTimer('a', MIN);
      ctx.setTimer('z', MIN / 2);
      ctx.setTimer('late', 2.5 * MIN);
      ctx.setTimer('gone', 2 * MIN);
      ctx.cancelTimer('gone');
    },
    onTimer(name, at, ctx) {
      log.push(`timer ${name}@${at} now=${ctx.now()}`);
      if (name === 'late') ctx.setTimer('again', 4 * MIN);
    },
    onBar(bar, ctx) {
      log.push(`bar ${bar.symbol}@${bar.time} now=${ctx.now()}`);
    },
  };
  const { drive } = setup(strategy, ['BTC']);
  drive([flat('BTC', [MIN, 2 * MIN, 3 * MIN, 4 * MIN])]);
  assert.deepEqual(log, [
    `timer z@${MIN / 2} now=${MIN}`,
    `timer a@${MIN} now=${MIN}`,
    `timer b@${MIN} now=${MIN}`,
    `bar BTC@${MIN} now=${MIN}`,
    `bar BTC@${2 * MIN} now=${2 * MIN}`,
    `timer late@${2.5 * MIN} now=${3 * MIN}`,
    `bar BTC@${3 * MIN} now=${3 * MIN}`,
    `timer again@${4 * MIN} now=${4 * MIN}`,
    `bar BTC@${4 * MIN} now=${4 * MIN}`,
  ]);
});

test('steps never go back in time (a step may share the time of the one before); a kernel starts once', () => {
  const { kernel } = setup({}, ['BTC']);
  kernel.start();
  kernel.beginStep(10);
  kernel.endStep();
  kernel.beginStep(10);
  kernel.endStep();
  assert.throws(() => kernel.beginStep(9), InvariantError);
  assert.throws(() => kernel.start(), InvariantError);
});

test('several symbols share one clock: union of times, names in order, missing bars skipped', () => {
  const log: string[] = [];
  const steps: number[] = [];
  const strategy: Strategy = { onBar: (bar) => void log.push(`${bar.time / MIN}:${bar.symbol}#${bar.index}`) };
  const { drive } = setup(strategy, ['ADA', 'BTC', 'ETH'], { onStepEnd: (t) => void steps.push(t / MIN) });
  const n = drive([flat('ETH', [2 * MIN, 3 * MIN, 4 * MIN]), flat('BTC', [MIN, 2 * MIN, 4 * MIN]), flat('ADA', [MIN, 4 * MIN])]);
  assert.equal(n, 4);
  assert.deepEqual(steps, [1, 2, 3, 4]);
  assert.deepEqual(log, ['1:ADA#0', '1:BTC#0', '2:BTC#1', '2:ETH#0', '3:ETH#1', '4:ADA#1', '4:BTC#2', '4:ETH#2']);
  const again = setup(strategy, ['BTC'], {});
  assert.throws(() => again.drive([flat('BTC', [MIN]), flat('BTC', [MIN])]), /given twice/);
});

test('entry candidates come back ranked by score desc, then symbol asc, once per step', () => {
  const got: string[][] = [];
  const scores: Record<string, number> = { ADA: 5, BTC: 5, ETH: 7, SOL: 7, XRP: -1 };
  const strategy: Strategy = {
    onBar(bar, ctx) {
      if (bar.index === 0) ctx.proposeEntry({ symbol: bar.symbol, score: scores[bar.symbol], data: bar.close });
    },
    onEntries(ranked: readonly EntryCandidate[]) {
      got.push(ranked.map((c) => `${c.symbol}:${c.score}:${String(c.data)}`));
    },
  };
  const symbols = ['XRP', 'SOL', 'ETH', 'BTC', 'ADA'];
  const { kernel } = setup(strategy, symbols);
  driveBars(
    kernel,
    symbols.map((s) => flat(s, [MIN, 2 * MIN], 10)),
  );
  // One step proposed; the second step had no candidates, so onEntries was not called again.
  assert.deepEqual(got, [['ETH:7:10', 'SOL:7:10', 'ADA:5:10', 'BTC:5:10', 'XRP:-1:10']]);
});

test('proposing an entry from onEntries is refused, naming the strategy and symbol', () => {
  const strategy: Strategy = {
    onBar(bar, ctx) {
      ctx.proposeEntry({ symbol: bar.symbol, score: 1 });
    },
    onEntries(ranked, ctx) {
      ctx.proposeEntry({ symbol: ranked[0].symbol, score: 2 });
    },
  };
  const { drive } = setup(strategy, ['BTC']);
  assert.throws(() => drive([flat('BTC', [MIN], 10)]), /strategy test.*onEntries.*proposeEntry\(BTC\): called from onEntries/);
});

test('order lifecycle: open until filled; the fill and its client id reach the strategy', () => {
  const log: string[] = [];
  let id = '';
  const strategy: Strategy = {
    onBar(bar, ctx) {
      log.push(`bar ${bar.index} open=${ctx.hasOpenOrders('BTC')} pos=${ctx.position('BTC')}`);
      if (bar.index === 0) {
        id = ctx.submit({ symbol: 'BTC', side: 'buy', qty: 2, type: 'market' });
        log.push(`submitted open=${ctx.hasOpenOrders('BTC')}`);
      }
      if (bar.index === 2) ctx.submit({ symbol: 'BTC', side: 'sell', qty: 2, type: 'limit', price: 120 });
    },
    onFill(fill: StrategyFill, ctx) {
      log.push(`fill ${fill.clientId} ${fill.qty}@${fill.price} open=${ctx.hasOpenOrders('BTC')} entry=${ctx.entryPrice('BTC')}`);
    },
  };
  const { drive } = setup(strategy, ['BTC']);
  drive([series('BTC', [
    [MIN, 100, 100, 100, 100],
    [2 * MIN, 101, 102, 100, 101],
    [3 * MIN, 101, 102, 100, 101],
    [4 * MIN, 101, 119, 100, 110],
    [5 * MIN, 110, 121, 109, 120],
  ])]);
  assert.equal(id, `test:BTC:buy:${MIN}:1`);
  assert.deepEqual(log, [
    'bar 0 open=false pos=0',
    'submitted open=true',
    `fill ${id} 2@101 open=false entry=101`,
    'bar 1 open=false pos=2',
    'bar 2 open=false pos=2',
    'bar 3 open=true pos=2', // the limit at 120 rests: the high was 119
    `fill test:BTC:sell:${3 * MIN}:2 2@120 open=false entry=undefined`,
    'bar 4 open=false pos=0',
  ]);
});

test('cancel and cancelAll close working orders; unknown ids are ignored', () => {
  const seen: boolean[] = [];
  const strategy: Strategy = {
    onBar(bar, ctx) {
      if (bar.index !== 0) return;
      const a = ctx.submit({ symbol: 'BTC', side: 'buy', qty: 1, type: 'limit', price: 50 });
      ctx.submit({ symbol: 'BTC', side: 'buy', qty: 1, type: 'limit', price: 60 });
      ctx.cancel(a);
      ctx.cancel('no-such-order');
      seen.push(ctx.hasOpenOrders('BTC'));
      ctx.cancelAll('BTC');
      seen.push(ctx.hasOpenOrders('BTC'));
    },
  };
  const { venue, drive } = setup(strategy, ['BTC']);
  drive([flat('BTC', [MIN, 2 * MIN])]);
  assert.deepEqual(seen, [true, false]);
  assert.ok(!venue().hasWorking('BTC'));
});

test('rejections reach onOrderRejected and the observer, and leave no open order', () => {
  const got: string[] = [];
  const strategy: Strategy = {
    onBar(bar, ctx) {
      if (bar.index !== 0) return;
      const id = ctx.submit({ symbol: 'BTC', side: 'buy', qty: 0.0005, type: 'market' });
      got.push(`after submit open=${ctx.hasOpenOrders('BTC')} id=${id}`);
      // 1000.001 × 100 / 10x = 10 000.01 of margin > 10 000 of equity
      ctx.submit({ symbol: 'BTC', side: 'buy', qty: 1000.001, type: 'market' });
    },
    onOrderRejected(r) {
      got.push(`strategy ${r.clientId}: ${r.reason}`);
    },
  };
  const { kernel, drive } = setup(strategy, ['BTC'], { observer: { onRejected: (id, sym) => void got.push(`observer ${id} ${sym}`) } });
  drive([flat('BTC', [MIN])]);
  assert.deepEqual(got, [
    `observer test:BTC:buy:${MIN}:1 BTC`,
    `strategy test:BTC:buy:${MIN}:1: quantity 0.0005 is not a positive multiple of the lot size 0.001`,
    `after submit open=false id=test:BTC:buy:${MIN}:1`,
    `observer test:BTC:buy:${MIN}:2 BTC`,
    `strategy test:BTC:buy:${MIN}:2: insufficient margin`,
  ]);
  assert.throws(() => kernel.submit({ symbol: 'DOGE', side: 'buy', qty: 1, type: 'market' }), /not traded in this run/);
});

test('funding is paid at the first bar at or after its time, at that bar’s open, on the position held', () => {
  const strategy: Strategy = {
    onBar(bar, ctx) {
      if (bar.index === 0) ctx.submit({ symbol: 'BTC', side: 'buy', qty: 2, type: 'market' });
    },
  };
  const funding: FundingSeries = {
    time: Float64Array.of(-HOUR, 0.5 * HOUR, HOUR, 2.5 * HOUR, 10 * HOUR),
    rate: Float64Array.of(0.5, 0.001, 0.002, -0.001, 0.5),
  };
  const { ledger, drive } = setup(strategy, ['BTC'], { immediate: true, funding: new Map([['BTC', funding]]) });
  drive([series('BTC', [
    [0, 100, 100, 100, 100],
    [HOUR, 110, 111, 109, 110],
    [2 * HOUR, 120, 121, 119, 120],
    [3 * HOUR, 130, 131, 129, 130],
  ])]);
  // −1h: flat at the first bar, nothing. Long 2 from bar 0's close:
  // 0.5h and 1h at bar 1's open 110: −2 × 110 × 0.001 = −0.22, −2 × 110 × 0.002 = −0.44
  // 2.5h at bar 3's open 130: −2 × 130 × (−0.001) = +0.26; 10h is after the data.
  const paid = ledger.entries().filter((e) => e.kind === 'funding').map((e) => (e.kind === 'funding' ? [e.ts / HOUR, e.amount, e.rate] : []));
  assert.deepEqual(paid, [
    [0.5, fixedFromString('-0.22'), 0.001],
    [1, fixedFromString('-0.44'), 0.002],
    [2.5, fixedFromString('0.26'), -0.001],
  ]);
  assert.equal(ledger.totals().funding, fixedFromString('-0.4'));
  ledger.checkInvariants();
});

// ---- determinism ----------------------------------------------------------------------------------

const SYMBOLS = ['AAA', 'BBB', 'CCC'];

/** Three random-walk symbols on the 0.01 grid, each missing ~10% of the bars. */
function randomMarket(seed: number): BarSeries[] {
  const rng = createRng(seed);
  return SYMBOLS.map((symbol, k) => {
    const b = new BarSeriesBuilder(symbol);
    let px = 100 * (k + 1);
    for (let i = 0; i < 500; i++) {
      const open = px;
      const close = Math.max(1, open * (1 + 0.01 * rng.normal()));
      const r2 = (x: number): number => Math.round(x * 100) / 100;
      px = close;
      if (rng.next() < 0.1) continue;
      b.push(i * MIN, r2(open), r2(Math.max(open, close) * (1 + 0.004 * rng.next())), r2(Math.min(open, close) * (1 - 0.004 * rng.next())), r2(close), 1);
    }
    return b.finish(symbol, MIN, 2);
  });
}

/** Market and limit orders, cancels, timers and entry proposals from its own seeded generator. */
function randomStrategy(seed: number, problems: string[], venue: () => TestVenue): Strategy {
  const rng = createRng(seed);
  return {
    onStart: (ctx) => ctx.setTimer('t', 5 * MIN),
    onTimer(_name, at, ctx) {
      ctx.setTimer('t', at + rng.int(1, 20) * MIN);
      if (rng.next() < 0.3) for (const s of SYMBOLS) ctx.cancelAll(s);
    },
    onBar(bar, ctx) {
      for (const s of SYMBOLS) if (ctx.hasOpenOrders(s) !== venue().hasWorking(s)) problems.push(`${bar.time}: ${s} open-order views differ`);
      if (rng.next() < 0.3) ctx.proposeEntry({ symbol: bar.symbol, score: rng.int(0, 3) });
      if (rng.next() > 0.4) return;
      const side = rng.next() < 0.5 ? 'buy' : 'sell';
      const limit = rng.next() < 0.5;
      const price = Math.round(bar.close * (1 + (side === 'buy' ? -1 : 1) * 0.01 * rng.next()) * 100) / 100;
      ctx.submit({ symbol: bar.symbol, side, qty: rng.int(1, 3000) / 1000, type: limit ? 'limit' : 'market', price: limit ? price : undefined, reason: limit ? 'limit' : 'market' });
    },
    onEntries(ranked, ctx) {
      const c = ranked[0];
      if (c !== undefined && ctx.position(c.symbol) === 0) ctx.submit({ symbol: c.symbol, side: rng.next() < 0.5 ? 'buy' : 'sell', qty: 0.5, type: 'market', reason: 'entry' });
    },
  };
}

function runRandom(strategySeed: number): { fills: string; ledger: string; count: number; problems: string[]; ledgerObj: Ledger } {
  const fills: Fill[] = [];
  const problems: string[] = [];
  let venue: () => TestVenue = () => {
    throw new Error('venue not built yet');
  };
  const s = setup(
    randomStrategy(strategySeed, problems, () => venue()),
    SYMBOLS,
    { observer: { onFill: (x) => void fills.push(x) } },
  );
  venue = s.venue;
  s.drive(randomMarket(314));
  const big = (_k: string, x: unknown): unknown => (typeof x === 'bigint' ? x.toString() : x);
  return { fills: JSON.stringify(fills, big), ledger: JSON.stringify(s.ledger.entries() as readonly LedgerEntry[], big), count: fills.length, problems, ledgerObj: s.ledger };
}

test('determinism: two runs of a random strategy over a random market give byte-identical fills and ledgers', () => {
  const a = runRandom(2718);
  const b = runRandom(2718);
  assert.ok(a.count > 200, `${a.count} fills`);
  assert.equal(a.fills, b.fills);
  assert.equal(a.ledger, b.ledger);
  assert.deepEqual(a.problems, []);
  a.ledgerObj.checkInvariants();
  assert.notEqual(runRandom(2719).fills, a.fills, 'another strategy seed trades differently');
});

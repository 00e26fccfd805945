// Declared exits end to end (defineStrategy → kernel → sim venue): every rule long and short, OCO, ROI, the entry bar, overrides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarSeriesBuilder, type BarSeries } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { BacktestResult } from '../research/backtest-result.js';
import { runBacktest, type BacktestOptions } from '../research/backtest-runner.js';
import { defineStrategy } from './define-strategy.js';
import type { StrategyApi } from './strategy-api.js';
import { syntheticBars } from '../sim/synthetic-market.js';
import type { ExitRules } from '../strategy/exit-rules.js';
import { resolveParams } from '../strategy/params.js';
import type { BarView, StrategyDefinition } from '../strategy/strategy.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const EXIT_REASONS = ['Stop Loss', 'Trailing Stop', 'Breakeven', 'Take Profit', 'ROI', 'Time Stop'];

type Row = readonly [open: number, high: number, low: number, close: number];
type Ctx = StrategyApi<unknown, Record<never, never>, unknown>;
/** What the strategy does at the close of the bar with that index. */
type Acts = Readonly<Record<number, (ctx: Ctx, bar: BarView) => void>>;

/** A quiet first bar at 100: the strategy decides on it, the entry fills at bar 1's open. */
const FLAT: Row = [100, 100.5, 99.5, 100];

/** One-minute bars of X from T0, on the 0.01 grid. */
function series(rows: readonly Row[], symbol = 'X'): BarSeries {
  const b = new BarSeriesBuilder(symbol);
  rows.forEach(([o, h, l, c], i) => b.push(T0 + i * MIN, o, h, l, c, 1));
  return b.finish(symbol, MIN, 2);
}

/** The bars reflected about 100 (p → 200 − p): a long's scenario becomes a short's, each bar's path reflected with it. */
function mirror(rows: readonly Row[]): Row[] {
  return rows.map(([o, h, l, c]) => [200 - o, 200 - l, 200 - h, 200 - c]);
}

function strategy(exits: ExitRules | undefined, acts: Acts): StrategyDefinition {
  return defineStrategy({
    name: 'exits-test',
    exits,
    onBar(bar, ctx) {
      acts[bar.index]?.(ctx as unknown as Ctx, bar);
    },
  });
}

/** Runs `rows` of X (see runOn). */
function run(def: StrategyDefinition, rows: readonly Row[], o: Partial<BacktestOptions> = {}): BacktestResult {
  return runOn(def, [series(rows)], o);
}

/** Runs without fees or slippage (unless given), tick 0.01, lot 0.001, and checks the ledger's invariants. */
function runOn(def: StrategyDefinition, bars: readonly BarSeries[], o: Partial<BacktestOptions> = {}): BacktestResult {
  const r = runBacktest({
    strategy: def,
    params: {},
    series: bars,
    cash: 100_000,
    fillModel: 'next-open',
    makerFeeBps: 0,
    takerFeeBps: 0,
    feePerUnit: 0,
    multiplier: 1,
    slippageBps: 0,
    tick: 0.01,
    lotSize: 0.001,
    ...o,
  });
  r.ledger?.checkInvariants();
  return r;
}

/** Fills as `barIndex side qty @ price reason`. */
function brief(r: BacktestResult): string[] {
  return r.fills.map((f) => `${(f.time - T0) / MIN} ${f.side} ${f.qty} @ ${f.price} ${f.reason}`);
}

const long: Acts = { 0: (c) => void c.buy(1, { reason: 'entry' }) };
const short: Acts = { 0: (c) => void c.sell(1, { reason: 'entry' }) };

/** Runs `rows` long and their mirror short with the same rules; expects the exit fills given. */
function bothSides(name: string, exits: ExitRules, rows: readonly Row[], longExit: string, shortExit: string, acts: { long: Acts; short: Acts } = { long, short }): void {
  const l = run(strategy(exits, acts.long), rows);
  assert.deepEqual(brief(l).slice(1), [longExit], `${name}, long`);
  assert.equal(l.openPositions.length, 0, `${name}, long`);
  const s = run(strategy(exits, acts.short), mirror(rows));
  assert.deepEqual(brief(s).slice(1), [shortExit], `${name}, short`);
  assert.equal(s.openPositions.length, 0, `${name}, short`);
}

test('stop-loss by percent and by distance, long and short', () => {
  // Entry at bar 1's open, 100. Bar 2 is a down bar 100.5 → 100.8 → 97 → 97.5 (mirror: up bar 99.5 → 99.2 → 103).
  const rows: Row[] = [FLAT, [100, 101, 99, 100.5], [100.5, 100.8, 97, 97.5]];
  // 2 % of 100 = 2: long stop 98, short stop 102; bar 1 (99 .. 101) reaches neither.
  bothSides('percent', { stopLoss: { percent: 0.02 } }, rows, '2 sell 1 @ 98 Stop Loss', '2 buy 1 @ 102 Stop Loss');
  // Distance 1.5: 98.5 and 101.5.
  bothSides('distance', { stopLoss: { distance: 1.5 } }, rows, '2 sell 1 @ 98.5 Stop Loss', '2 buy 1 @ 101.5 Stop Loss');
  // freqtrade's stoploss -0.02 is the same stop as 2 %.
  bothSides('stoploss', { stoploss: -0.02 }, rows, '2 sell 1 @ 98 Stop Loss', '2 buy 1 @ 102 Stop Loss');
  const exits = { stopLoss: { percent: 0.02 } };
  assert.deepEqual(brief(run(strategy({ stoploss: -0.02 }, long), rows)), brief(run(strategy(exits, long), rows)));
  // The entry fill is the strategy's own.
  assert.deepEqual(brief(run(strategy(exits, long), rows))[0], '1 buy 1 @ 100 entry');
});

test('exit prices snap to the tick: a sell (long exit) up, a buy (short exit) down', () => {
  // 1.234 % of 100 = 1.234. Long stop 98.766 → 98.77 (triggers no later), target 101.234 → 101.24 (no less
  // profit); short stop 101.234 → 101.23, target 98.766 → 98.76.
  const stopRows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.3, 98, 98.5]];
  bothSides('stop', { stopLoss: { percent: 0.01234 } }, stopRows, '2 sell 1 @ 98.77 Stop Loss', '2 buy 1 @ 101.23 Stop Loss');
  const targetRows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 102, 100.1, 101.8]];
  bothSides('target', { takeProfit: { percent: 0.01234 } }, targetRows, '2 sell 1 @ 101.24 Take Profit', '2 buy 1 @ 98.76 Take Profit');
  // Per-entry levels snap the same way: 98.004 → 98.01.
  const acts = { long: { 0: (c: Ctx) => void c.buy(1, { stopLoss: 98.004, reason: 'entry' }) }, short: { 0: (c: Ctx) => void c.sell(1, { stopLoss: 101.996, reason: 'entry' }) } };
  bothSides('per-entry stop', { timeStop: { bars: 50 } }, stopRows, '2 sell 1 @ 98.01 Stop Loss', '2 buy 1 @ 101.99 Stop Loss', acts);
});

test('exits given as a function of the parameters follow --param', () => {
  const def = defineStrategy({
    name: 'exits-param',
    params: { sl: { type: 'number', default: 0.02 } },
    exits: (p) => ({ stopLoss: { percent: p.sl } }),
    onBar(bar, ctx) {
      if (bar.index === 0) ctx.buy(1, { reason: 'entry' });
    },
  });
  const rows: Row[] = [FLAT, [100, 101, 99, 100.5], [100.5, 100.8, 97, 97.5]];
  const at = (raw: string[]) => brief(run({ ...def, create: (_v, o) => def.create(resolveParams(def.name, def.params, raw), o) }, rows));
  assert.deepEqual(at([]), ['1 buy 1 @ 100 entry', '2 sell 1 @ 98 Stop Loss']);
  assert.deepEqual(at(['sl=0.025']), ['1 buy 1 @ 100 entry', '2 sell 1 @ 97.5 Stop Loss']);
});

test('stop-loss and take-profit in ATRs use the ATR at entry, not later values', () => {
  // ATR(2), Wilder, seeded with the mean of the first two true ranges (bar 0 has none):
  //   bar 1: TR = max(102, 100) − min(98, 100) = 4;  bar 2: TR = 102 − 100 = 2  → ATR = (4 + 2) / 2 = 3.
  // The strategy buys on bar 2; the entry fills at bar 3's open, 101: stop 101 − 1 × 3 = 98.
  //   bar 3: TR = 108 − 100 = 8 → ATR = 3 + (8 − 3) / 2 = 5.5: a stop that followed it would be 95.5.
  // Bar 4 is a down bar 107 → 107 → 97: it reaches 98 and not 95.5.
  const rows: Row[] = [
    [100, 101, 99, 100],
    [100, 102, 98, 101],
    [101, 102, 100, 101],
    [101, 108, 100, 107],
    [107, 107, 97, 97.5],
  ];
  const acts = { long: { 2: long[0] }, short: { 2: short[0] } };
  // Mirrored: entry 99, stop 99 + 3 = 102; bar 4 rises 93 → 103.
  bothSides('atr stop', { stopLoss: { atr: 1, period: 2 } }, rows, '4 sell 1 @ 98 Stop Loss', '4 buy 1 @ 102 Stop Loss', acts);
  // Target 2 ATRs: 101 + 6 = 107, reached on the entry bar itself (101 → 100 → 108); with ATR 5.5 it would be 112.
  bothSides('atr target', { takeProfit: { atr: 2, period: 2 } }, rows, '3 sell 1 @ 107 Take Profit', '3 buy 1 @ 93 Take Profit', acts);
  // Default period 14: not ready after 5 bars, so no stop is placed (see the report on warm-up).
});

test('take-profit by percent, distance and risk:reward (on stopLoss and on stoploss), long and short', () => {
  // Entry 100. Bar 2 rises 101 → 100.5 → 104 (mirror: falls 99 → 99.5 → 96).
  const rows: Row[] = [FLAT, [100, 102, 99.2, 101], [101, 104, 100.5, 103.5]];
  bothSides('percent', { takeProfit: { percent: 0.03 } }, rows, '2 sell 1 @ 103 Take Profit', '2 buy 1 @ 97 Take Profit');
  bothSides('distance', { takeProfit: { distance: 2.5 } }, rows, '2 sell 1 @ 102.5 Take Profit', '2 buy 1 @ 97.5 Take Profit');
  // Stop distance 1 (99, above bar 1's low 99.2) × 2.5 = 2.5: target 102.5.
  bothSides('riskReward', { stopLoss: { distance: 1 }, takeProfit: { riskReward: 2.5 } }, rows, '2 sell 1 @ 102.5 Take Profit', '2 buy 1 @ 97.5 Take Profit');
  // stoploss -0.01: stop distance 1; × 3 = 3: target 103.
  bothSides('riskReward on stoploss', { stoploss: -0.01, takeProfit: { riskReward: 3 } }, rows, '2 sell 1 @ 103 Take Profit', '2 buy 1 @ 97 Take Profit');
});

test('OCO: once the stop fills the target is cancelled (and the other way round); no second fill, flat', () => {
  const exits: ExitRules = { stopLoss: { distance: 1 }, takeProfit: { riskReward: 2.5 } }; // 99 and 102.5
  const open: boolean[] = [];
  const watch: Acts = { ...long, 1: (c) => void open.push(c.hasOpenOrders()), 2: (c) => void open.push(c.hasOpenOrders()), 3: (c) => void open.push(c.hasOpenOrders()) };
  // Bar 2 falls through 99; bar 3 rises through 102.5, where a forgotten target would sell short.
  const stopFirst: Row[] = [FLAT, [100, 101, 99.5, 100.5], [100.5, 101, 98.5, 99], [99, 104, 99, 103.5]];
  let r = run(strategy(exits, watch), stopFirst);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 sell 1 @ 99 Stop Loss']);
  // The engine's exit orders are not the strategy's open orders: hasOpenOrders() is false throughout.
  assert.deepEqual(open, [false, false, false]);
  assert.equal(r.openPositions.length, 0);
  assert.equal(r.trades.length, 1);
  assert.equal(r.trades[0].exitReason, 'Stop Loss');
  // Bar 2 rises through 102.5; bar 3 falls through 99.
  open.length = 0;
  const targetFirst: Row[] = [FLAT, [100, 101, 99.5, 100.5], [100.5, 103, 100.2, 102.8], [102.8, 102.9, 97, 97.5]];
  r = run(strategy(exits, watch), targetFirst);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 sell 1 @ 102.5 Take Profit']);
  assert.deepEqual(open, [false, false, false]);
  assert.equal(r.openPositions.length, 0);
});

test('the strategy closing the position itself cancels the stop and the target', () => {
  const open: boolean[] = [];
  const acts: Acts = { ...long, 1: (c) => void c.closePosition({ reason: 'signal' }), 2: (c) => void open.push(c.hasOpenOrders()) };
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.3, 100.6, 100.1, 100.4], [100.4, 104, 90, 95]];
  const r = run(strategy({ stopLoss: { distance: 1 }, takeProfit: { distance: 1 } }, acts), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 sell 1 @ 100.3 signal']);
  assert.deepEqual(open, [false]);
});

test('trailing stop, long: arms only once the best high is `start` above the entry, follows the best closed high, never moves down', () => {
  // start 2 %, distance 1 %; entry 100.
  //  bar 1 high 101.5: +1.5 %, not armed. (Armed from the entry, 101.5 × 0.99 = 100.485 → 100.49 would fill on bar 2's 100.3.)
  //  bar 2 high 103: +3 %, armed after its close: 103 × 0.99 = 101.97.
  //  bar 3 low 102.2 stays above; high 104 → 102.96.
  //  bar 4 high 103.9 < 104: the best stays 104, the stop 102.96 (one following the last high would be 102.87).
  //  bar 5 falls 103.2 → 103.5 → 102: stop at 102.96.
  const rows: Row[] = [FLAT, [100, 101.5, 99.8, 101], [101, 103, 100.3, 102.5], [102.5, 104, 102.2, 103.8], [103.8, 103.9, 103, 103.2], [103.2, 103.5, 102, 102.2]];
  const r = run(strategy({ trailingStop: { start: 0.02, distance: 0.01 } }, long), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '5 sell 1 @ 102.96 Trailing Stop']);
});

test('trailing stop, short: follows the best closed low, never moves up', () => {
  // start 2 %, distance 1 %; entry 100.
  //  bar 1 low 98.5: −1.5 %, not armed (armed, 98.5 × 1.01 = 99.485 → 99.48 would fill on bar 2's 99.7).
  //  bar 2 low 97: armed after its close: 97 × 1.01 = 97.97.
  //  bar 3 high 97.8 stays below; low 96 → 96.96.
  //  bar 4 low 96.1 > 96: stop stays 96.96 (one following the last low would be 97.06), its high 96.9 stays below.
  //  bar 5 rises 96.5 → 96.4 → 97.5: stop at 96.96.
  const rows: Row[] = [FLAT, [100, 100.2, 98.5, 99], [99, 99.7, 97, 97.5], [97.5, 97.8, 96, 96.2], [96.2, 96.9, 96.1, 96.5], [96.5, 97.5, 96.4, 97.2]];
  const r = run(strategy({ trailingStop: { start: 0.02, distance: 0.01 } }, short), rows);
  assert.deepEqual(brief(r), ['1 sell 1 @ 100 entry', '5 buy 1 @ 96.96 Trailing Stop']);
});

test('breakeven: once the best price is `trigger` beyond the entry the stop moves to entry × (1 ± offset)', () => {
  // Stop 2 % (98 / 102); breakeven trigger 1 %, offset 0.1 %. Bar 1 high 101.2 (+1.2 %): the stop moves to
  // 100 × 1.001 = 100.1 (short: low 98.8, 100 × 0.999 = 99.9). Bar 2 falls 101 → 101.1 → 99.9.
  const rows: Row[] = [FLAT, [100, 101.2, 99.5, 101], [101, 101.1, 99.9, 100]];
  const exits: ExitRules = { stopLoss: { percent: 0.02 }, breakeven: { trigger: 0.01, offset: 0.001 } };
  bothSides('breakeven', exits, rows, '2 sell 1 @ 100.1 Breakeven', '2 buy 1 @ 99.9 Breakeven');
  // Not armed below the trigger: bar 1 high 100.9 (+0.9 %), the same dip stays above the 2 % stop.
  const below: Row[] = [FLAT, [100, 100.9, 99.5, 100.8], [101, 101.1, 99.9, 100]];
  assert.deepEqual(brief(run(strategy(exits, long), below)), ['1 buy 1 @ 100 entry']);
});

test('the tightest stop wins and its reason is on the fill', () => {
  // Stop 5 % (95), trailing from +1 % at 2 %, breakeven at +1 %.
  const exits: ExitRules = { stopLoss: { percent: 0.05 }, trailingStop: { start: 0.01, distance: 0.02 }, breakeven: { trigger: 0.01 } };
  // Best 101.5: trailing 101.5 × 0.98 = 99.47, breakeven 100, stop 95 → breakeven; bar 2 falls to 99.5.
  const a: Row[] = [FLAT, [100, 101.5, 99.9, 101.2], [101.2, 101.3, 99.5, 99.8]];
  bothSides('breakeven tightest', exits, a, '2 sell 1 @ 100 Breakeven', '2 buy 1 @ 100 Breakeven');
  // Best 105: trailing 102.9; bar 2 (low 104) then best 110: trailing 107.8 ≫ breakeven 100; bar 3 falls to 106.
  const b: Row[] = [FLAT, [100, 105, 99.9, 104.5], [104.5, 110, 104, 109], [109, 109.5, 106, 106.5]];
  assert.deepEqual(brief(run(strategy(exits, long), b)), ['1 buy 1 @ 100 entry', '3 sell 1 @ 107.8 Trailing Stop']);
  // Nothing armed yet: the 5 % stop, on the entry bar (100 → 100.5 → 94).
  const c: Row[] = [FLAT, [100, 100.5, 94, 95]];
  assert.deepEqual(brief(run(strategy(exits, long), c)), ['1 buy 1 @ 100 entry', '1 sell 1 @ 95 Stop Loss']);
});

test('time stop by bars and by minutes closes at market once, long and short', () => {
  // Entry at bar 1's open (minute 1). Bars counted at each close from the entry bar on: bar 3's close is the
  // third, the market order fills at bar 4's open. Minutes since entry at bar k's close (when bar k+1 opens): k.
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.7, 99.7, 100.4], [100.4, 100.9, 99.9, 100.6], [100.6, 101.1, 100.1, 100.8], [100.8, 101.3, 100.3, 101], [101, 101.5, 100.5, 101.2], [101.2, 101.7, 100.7, 101.4]];
  const longRun = (exits: ExitRules) => brief(run(strategy(exits, long), rows));
  const shortRun = (exits: ExitRules) => brief(run(strategy(exits, short), rows));
  assert.deepEqual(longRun({ timeStop: { bars: 3 } }), ['1 buy 1 @ 100 entry', '4 sell 1 @ 100.6 Time Stop']);
  assert.deepEqual(shortRun({ timeStop: { bars: 3 } }), ['1 sell 1 @ 100 entry', '4 buy 1 @ 100.6 Time Stop']);
  // 5 minutes: at bar 5's close the next open is 5 minutes after the entry; fills at bar 6's open.
  assert.deepEqual(longRun({ timeStop: { minutes: 5 } }), ['1 buy 1 @ 100 entry', '6 sell 1 @ 101 Time Stop']);
  // 2.5 minutes: first reached at bar 3's close (3 ≥ 2.5).
  assert.deepEqual(shortRun({ timeStop: { minutes: 2.5 } }), ['1 sell 1 @ 100 entry', '4 buy 1 @ 100.6 Time Stop']);
  // With both, the earlier one.
  assert.deepEqual(longRun({ timeStop: { bars: 6, minutes: 2 } }), ['1 buy 1 @ 100 entry', '3 sell 1 @ 100.4 Time Stop']);
});

test('time stop: bars and minutes agree on one-minute bars under the close model too', () => {
  // Under `close` the entry fills at bar 0's close. Held 2 bars (bars 1 and 2) = 2 minutes: both rules close at
  // bar 2's close (the market order fills at once at that close, 100.4).
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.7, 99.7, 100.4], [100.4, 100.9, 99.9, 100.6], [100.6, 101.1, 100.1, 100.8]];
  const byBars = brief(run(strategy({ timeStop: { bars: 2 } }, long), rows, { fillModel: 'close' }));
  assert.deepEqual(byBars, ['0 buy 1 @ 100 entry', '2 sell 1 @ 100.4 Time Stop']);
  const byMinutes = brief(run(strategy({ timeStop: { minutes: 2 } }, long), rows, { fillModel: 'close' }));
  assert.deepEqual(byMinutes, byBars);
});

test('ROI steps count minutes from the fill under the close model too', () => {
  // The entry fills at bar 0's close (minute 1). Step 2 (−1) is reached when bar 2 closes (minute 3): the market
  // close fills at once at that close, 100.4 — not at bar 1's close, 1 minute after the entry.
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.6, 100, 100.4], [100.4, 100.5, 100, 100.3]];
  const r = run(strategy({ roi: { '0': 0.5, '2': -1 } }, long), rows, { fillModel: 'close' });
  assert.deepEqual(brief(r), ['0 buy 1 @ 100 entry', '2 sell 1 @ 100.4 ROI']);
});

test('ROI table, long: exact price after fees snapped up, a later step lowers the target from the right bar', () => {
  // Taker 5 bps, maker 2 bps. Market entry at 100: fee 0.05, fo = 0.0005; fc = 0.0005.
  //  step 0 (5 %):  100 × (1 + 0.0005 + 0.05) / 0.9995 = 105.1026 → 105.11 (never reached here)
  //  step 3 (2 %):  100 × 1.0205 / 0.9995 = 102.1011 → 102.11, from the bar that opens 3 minutes after the
  //                 entry: bar 4 (minute 4). Bar 3 reaches 102.5 but is still under step 0.
  const rows: Row[] = [FLAT, [100, 101, 99.5, 100.5], [100.5, 101.5, 100.2, 101], [101, 102.5, 100.8, 102], [102, 102.3, 101.9, 102.2]];
  const roi = { '0': 0.05, '3': 0.02, '6': 0 };
  const fees = { makerFeeBps: 2, takerFeeBps: 5 };
  const r = run(strategy({ roi }, long), rows, fees);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '4 sell 1 @ 102.11 ROI']);
  // 102.11 is the lowest tick that yields 2 % after both fees: 102.11 × 0.9995 − 100.05 = 2.008945 ≥ 2 and
  // 102.10 × 0.9995 − 100.05 = 1.99895 < 2. The exit pays the taker fee: 102.11 × 0.0005 = 0.051055.
  assert.equal(r.fills[1].fee, 0.051055);
  assert.ok(Math.abs(r.trades[0].netPnl - 2.008945) < 1e-9, String(r.trades[0].netPnl));
  assert.equal(r.trades[0].exitReason, 'ROI');
});

test('ROI: a gap open above the ROI price fills at the open', () => {
  // Step 3 price 102.11 (as above) from bar 4, which opens at 102.5.
  const rows: Row[] = [FLAT, [100, 101, 99.5, 100.5], [100.5, 101.5, 100.2, 101], [101, 101.5, 100.8, 101.2], [102.5, 103, 102.4, 102.8]];
  const r = run(strategy({ roi: { '0': 0.05, '3': 0.02 } }, long), rows, { makerFeeBps: 2, takerFeeBps: 5 });
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '4 sell 1 @ 102.5 ROI']);
});

test('ROI, short: entry × (1 − fo − r) / (1 + fc), snapped down', () => {
  // 100 × (1 − 0.0005 − 0.03) / 1.0005 = 96.9015 → 96.90; bar 2 falls 99.5 → 99.8 → 96.5.
  const rows: Row[] = [FLAT, [100, 100.5, 99, 99.5], [99.5, 99.8, 96.5, 96.8]];
  const r = run(strategy({ roi: { '0': 0.03 } }, short), rows, { makerFeeBps: 2, takerFeeBps: 5 });
  assert.deepEqual(brief(r), ['1 sell 1 @ 100 entry', '2 buy 1 @ 96.9 ROI']);
});

test("ROI covers the entry's own fee rate (a maker entry), and the exit's taker rate", () => {
  // Limit buy at 99.5 fills as maker on bar 1 (100 → 99.4): fo = 2 bps. Step 0 (1 %):
  // 99.5 × (1 + 0.0002 + 0.01) / 0.9995 = 100.5652 → 100.57 (with fo = 5 bps it would be 100.60).
  const rows: Row[] = [FLAT, [100, 100.3, 99.4, 100.2], [100.2, 100.8, 100.1, 100.6]];
  const acts: Acts = { 0: (c) => void c.buy(1, { price: 99.5, reason: 'entry' }) };
  const r = run(strategy({ roi: { '0': 0.01 } }, acts), rows, { makerFeeBps: 2, takerFeeBps: 5 });
  assert.deepEqual(brief(r), ['1 buy 1 @ 99.5 entry', '2 sell 1 @ 100.57 ROI']);
});

test('ROI −1 closes at market once its time is reached', () => {
  // Step 4 is −1: at bar 4's close (4 minutes at bar 5's open) a market close, filled at bar 5's open.
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.7, 99.7, 100.4], [100.4, 100.9, 99.9, 100.6], [100.6, 101.1, 100.1, 100.8], [100.8, 101.3, 100.3, 101], [101, 101.5, 100.5, 101.2]];
  const r = run(strategy({ roi: { '0': 0.5, '4': -1 } }, long), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '5 sell 1 @ 100.8 ROI']);
  const s = run(strategy({ roi: { '0': 0.5, '4': -1 } }, short), rows);
  assert.deepEqual(brief(s), ['1 sell 1 @ 100 entry', '5 buy 1 @ 100.8 ROI']);
});

test('the entry bar: a stop the bar passes after a market entry at its open exits on that bar; so does a target, in path order', () => {
  // Stop 2 % (98), target 3 % (103).
  const exits: ExitRules = { stopLoss: { percent: 0.02 }, takeProfit: { percent: 0.03 } };
  // Up bar 100 → 97.5 → 103.5: the stop first. Mirror (down bar 100 → 102.5 → 96.5): the short's stop first.
  bothSides('stop first', exits, [FLAT, [100, 103.5, 97.5, 103]], '1 sell 1 @ 98 Stop Loss', '1 buy 1 @ 102 Stop Loss');
  // Down bar 100 → 103.5 → 97.5: the target first.
  bothSides('target first', exits, [FLAT, [100, 103.5, 97.5, 98]], '1 sell 1 @ 103 Take Profit', '1 buy 1 @ 97 Take Profit');
  // Only a stop: reached on the entry bar's way down.
  bothSides('stop only', { stopLoss: { percent: 0.02 } }, [FLAT, [100, 101, 97, 100.5]], '1 sell 1 @ 98 Stop Loss', '1 buy 1 @ 102 Stop Loss');
  // A resting entry: only the path after its fill counts. Buy limit 98 on a down bar 100 → 103 → 97.5 → 98.5:
  // the target 1 % (98.98) was passed at 103 before the fill, not after (98 → 97.5 → 98.5).
  const limit: Acts = { 0: (c) => void c.buy(1, { price: 98, reason: 'entry' }) };
  assert.deepEqual(brief(run(strategy({ takeProfit: { percent: 0.01 } }, limit), [FLAT, [100, 103, 97.5, 98.5]])), ['1 buy 1 @ 98 entry']);
  // The stop 1 % (97.02) is passed after the fill (98 → 96.5) on a down bar 100 → 100.5 → 96.5.
  assert.deepEqual(brief(run(strategy({ stopLoss: { percent: 0.01 } }, limit), [FLAT, [100, 100.5, 96.5, 97]])), ['1 buy 1 @ 98 entry', '1 sell 1 @ 97.02 Stop Loss']);
});

test('under the close model a market entry fills at the close and its stop acts from the next bar', () => {
  // Entry at bar 0's close, 100; stop 98; bar 1 falls 100 → 100.5 → 97.
  const r = run(strategy({ stopLoss: { percent: 0.02 } }, long), [FLAT, [100, 100.5, 97, 97.5]], { fillModel: 'close' });
  assert.deepEqual(brief(r), ['0 buy 1 @ 100 entry', '1 sell 1 @ 98 Stop Loss']);
});

test('adding to a position moves the stop to the new average entry and resizes it; reducing resizes it', () => {
  // Distance 2. Buy 1 at 100 (stop 98 × 1), buy 1 more at bar 2's open 102: average 101, stop 99 × 2.
  // Bar 3 falls 101.5 → 101.6 → 98.5: the old stop (98) would not fire; the new one sells both.
  const rows: Row[] = [FLAT, [100, 101, 99, 100.5], [102, 102.5, 101, 101.5], [101.5, 101.6, 98.5, 99]];
  const acts: Acts = { ...long, 1: (c) => void c.buy(1, { reason: 'add' }) };
  const r = run(strategy({ stopLoss: { distance: 2 } }, acts), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 buy 1 @ 102 add', '3 sell 2 @ 99 Stop Loss']);
  assert.equal(r.openPositions.length, 0);
  // Buy 2 at 100, sell 1 at bar 2's open: the stop (98) covers the 1 left.
  const trim: Row[] = [FLAT, [100, 101, 99, 100.5], [100.5, 101, 100, 100.8], [100.8, 101, 97, 97.5]];
  const t = run(strategy({ stopLoss: { distance: 2 } }, { 0: (c) => void c.buy(2, { reason: 'entry' }), 1: (c) => void c.sell(1, { reason: 'trim' }) }), trim);
  assert.deepEqual(brief(t), ['1 buy 2 @ 100 entry', '2 sell 1 @ 100.5 trim', '3 sell 1 @ 98 Stop Loss']);
});

test('per-entry stopLoss/takeProfit replace the rules for that position only, long and short', () => {
  // Rules: 1 % each way. The first entry gives its own levels; after it closes, the next entry gets the rules'.
  const exits: ExitRules = { stopLoss: { percent: 0.01 }, takeProfit: { percent: 0.01 } };
  // Long: stop 97.5, target 104. Bar 1 (98.5 .. 101.5) would end the rules' 99 / 101, not these.
  // Bar 2 rises to 104.5: target 104. The strategy buys again on bar 2: 104 at bar 3's open, rules'
  // stop 104 × 0.99 = 102.96, target 105.04; bar 3 falls 104 → 104.5 → 102.5.
  const rows: Row[] = [FLAT, [100, 101.5, 98.5, 101], [101, 104.5, 100.8, 104.2], [104, 104.5, 102.5, 103]];
  const again = (c: Ctx, side: 'buy' | 'sell') => (c.position() === 0 ? c[side](1, { reason: 'entry' }) : undefined);
  const l = run(strategy(exits, { 0: (c) => void c.buy(1, { stopLoss: 97.5, takeProfit: 104, reason: 'entry' }), 2: (c) => void again(c, 'buy') }), rows);
  assert.deepEqual(brief(l), ['1 buy 1 @ 100 entry', '2 sell 1 @ 104 Take Profit', '3 buy 1 @ 104 entry', '3 sell 1 @ 102.96 Stop Loss']);
  // Short: stop 102.5, target 96. Bar 2 falls to 95.5: target 96. Re-entry at 96: stop 96.96, target 95.04;
  // bar 3 rises 96 → 95.5 → 97.5.
  const srows: Row[] = [FLAT, [100, 101.5, 98.5, 99], [99, 99.2, 95.5, 95.8], [96, 97.5, 95.5, 97.2]];
  const s = run(strategy(exits, { 0: (c) => void c.sell(1, { stopLoss: 102.5, takeProfit: 96, reason: 'entry' }), 2: (c) => void again(c, 'sell') }), srows);
  assert.deepEqual(brief(s), ['1 sell 1 @ 100 entry', '2 buy 1 @ 96 Take Profit', '3 sell 1 @ 96 entry', '3 buy 1 @ 96.96 Stop Loss']);
});

test('adding with only a takeProfit keeps the stopLoss the position was opened with', () => {
  // Only a time stop is declared: the stop exists only as the per-entry level 98.
  // Enter at 100 with stop 98 / target 105; add 1 at bar 2's open (100.2) giving only a new target 106.
  // Bar 3 falls 100.4 → 100.5 → 97: the stop 98 closes both.
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.6, 100, 100.4], [100.4, 100.5, 97, 97.5]];
  const exits: ExitRules = { timeStop: { bars: 50 } };
  const add: Acts = { 0: (c) => void c.buy(1, { stopLoss: 98, takeProfit: 105, reason: 'entry' }), 1: (c) => void c.buy(1, { takeProfit: 106, reason: 'add' }) };
  assert.deepEqual(brief(run(strategy(exits, add), rows)), ['1 buy 1 @ 100 entry', '2 buy 1 @ 100.2 add', '3 sell 2 @ 98 Stop Loss']);
});

test('setExits for the next position, then an entry that gives only takeProfit: the stop stays', () => {
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2], [100.2, 100.6, 100, 100.4], [100.4, 100.5, 97, 97.5]];
  const exits: ExitRules = { timeStop: { bars: 50 } };
  const pre: Acts = {
    0: (c) => {
      c.setExits({ stopLoss: 98 });
      c.buy(1, { takeProfit: 105, reason: 'entry' });
    },
  };
  assert.deepEqual(brief(run(strategy(exits, pre), rows)), ['1 buy 1 @ 100 entry', '3 sell 1 @ 98 Stop Loss']);
});

test("the entry bar's prices before a resting entry filled do not count as the best price since entry", () => {
  // A buy limit at 98 fills on a down bar 100 → 103 → 97.5 → 98.5: the 103 came before the fill. Since the
  // entry the price went 98 → 97.5 → 98.5: +0.5 % at best, which arms neither a trailing stop from +1 % nor a
  // breakeven at +1 %. (Counting 103 arms them: the trailing stop 103 × 0.99 = 101.97 or the breakeven 98 sit at
  // or above the market and fire on bar 2.)
  const rows: Row[] = [FLAT, [100, 103, 97.5, 98.5], [98.5, 99, 97.9, 98.8]];
  const acts: Acts = { 0: (c) => void c.buy(1, { price: 98, reason: 'entry' }) };
  const trailing = run(strategy({ trailingStop: { start: 0.01, distance: 0.01 } }, acts), rows);
  assert.deepEqual(brief(trailing), ['1 buy 1 @ 98 entry']);
  const breakeven = run(strategy({ stopLoss: { percent: 0.05 }, breakeven: { trigger: 0.01 } }, acts), rows);
  assert.deepEqual(brief(breakeven), ['1 buy 1 @ 98 entry']);
});

test('ctx.setExits on an open position replaces its stop from the next bar', () => {
  const rows: Row[] = [FLAT, [100, 100.5, 99.6, 100.2], [100.2, 100.3, 99, 99.2]];
  const r = run(strategy({ stopLoss: { percent: 0.05 } }, { ...long, 1: (c) => c.setExits({ stopLoss: 99.5 }) }), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 sell 1 @ 99.5 Stop Loss']);
});

test("a reversal cancels the old position's exits and places the new position's", () => {
  // Long 1 at 100 (stop 5 %: 95); sell 2 at bar 2's open 100.5: short 1, stop 100.5 × 1.05 = 105.525 → 105.52
  // (a buy stop snaps down). Bar 3 falls to 94 (the long's stop, were it left, would sell); bar 4 rises to 106.
  const rows: Row[] = [FLAT, [100, 100.6, 99.6, 100.4], [100.5, 100.8, 100.2, 100.5], [100.5, 100.6, 94, 95], [95, 106, 95, 105.8]];
  const acts: Acts = { ...long, 1: (c) => void c.sell(2, { reason: 'reverse' }) };
  const r = run(strategy({ stopLoss: { percent: 0.05 } }, acts), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 sell 2 @ 100.5 reverse', '4 buy 1 @ 105.52 Stop Loss']);
  assert.equal(r.openPositions.length, 0);
});

test('a reversal with its own stopLoss/takeProfit: the levels belong to the new position, not the one it closes', () => {
  // Long 1 at 100 (rule stop 5 %: 95). On bar 1 the strategy sells 2 with stop 103 and target 97 for the
  // short it opens at bar 2's open (100.5). Bar 3 rises 100.5 → 100 → 103.5: the short's stop 103.
  const rows: Row[] = [FLAT, [100, 100.6, 99.6, 100.4], [100.5, 100.8, 100.2, 100.5], [100.5, 103.5, 100, 103.2]];
  const acts: Acts = { ...long, 1: (c) => void c.sell(2, { stopLoss: 103, takeProfit: 97, reason: 'reverse' }) };
  const r = run(strategy({ stopLoss: { percent: 0.05 } }, acts), rows);
  assert.deepEqual(brief(r), ['1 buy 1 @ 100 entry', '2 sell 2 @ 100.5 reverse', '3 buy 1 @ 103 Stop Loss']);
  // The same with a resting limit at 101: until it fills the long keeps its own stop (95); the short's levels
  // must not be put on it (a sell stop at 103 above the market would close it at once). Bar 3 rises
  // 100.5 → 100 → 103.5: the limit fills at 101 (maker), the short's stop 103 follows on the same bar.
  const limit: Acts = { ...long, 1: (c) => void c.sell(2, { price: 101, stopLoss: 103, takeProfit: 97, reason: 'reverse' }) };
  const l = run(strategy({ stopLoss: { percent: 0.05 } }, limit), rows);
  assert.deepEqual(brief(l), ['1 buy 1 @ 100 entry', '3 sell 2 @ 101 reverse', '3 buy 1 @ 103 Stop Loss']);
});

test('each symbol keeps its own exits', () => {
  // X: entry 100, stop 2 % = 98, passed on the entry bar (100 → 97). Y: entry 50, stop 49, never reached.
  // Bars of a step come in symbol order: X's entry and stop, then Y's entry.
  const x = series([FLAT, [100, 101, 97, 100.5]], 'X');
  const y = series([[50, 50.2, 49.8, 50], [50, 50.5, 49.5, 50.2]], 'Y');
  const def = strategy({ stopLoss: { percent: 0.02 } }, long);
  const r = runOn(def, [x, y]);
  assert.deepEqual(r.fills.map((f) => `${f.symbol} ${(f.time - T0) / MIN} ${f.side} ${f.qty} @ ${f.price} ${f.reason}`), ['X 1 buy 1 @ 100 entry', 'X 1 sell 1 @ 98 Stop Loss', 'Y 1 buy 1 @ 50 entry']);
  assert.deepEqual(r.openPositions.map((p) => `${p.symbol} ${p.qty}`), ['Y 1']);
});

test('setExits without declared exits, and levels that are not positive prices, are BadInputErrors', () => {
  const rows: Row[] = [FLAT, [100, 100.5, 99.5, 100.2]];
  const isBad = (where: RegExp, reason: RegExp) => (e: unknown): boolean => {
    // The kernel names the strategy and the callback; the cause names the call.
    assert.ok(e instanceof BadInputError, String(e));
    const inner = e.cause instanceof BadInputError ? e.cause : e;
    assert.match(inner.where, where);
    assert.match(inner.message, reason);
    return true;
  };
  assert.throws(() => run(strategy(undefined, { 0: (c) => c.setExits({ stopLoss: 95 }) }), rows), isBad(/^setExits\(X\)$/, /declares no exits/));
  assert.throws(() => run(strategy(undefined, { 0: (c) => void c.buy(1, { stopLoss: 95 }) }), rows), isBad(/^setExits\(X\)$/, /declares no exits/));
  for (const v of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => run(strategy({ stopLoss: { percent: 0.01 } }, { 0: (c) => c.setExits({ stopLoss: v }) }), rows), isBad(/^exits X\.stopLoss$/, /must be a positive price/), String(v));
  }
  // Declared rules are checked when the run starts, named by the strategy.
  assert.throws(
    () => run(strategy({ stopLoss: { percent: 2 } }, long), rows),
    (e: unknown) => e instanceof BadInputError && e.where === 'strategy exits-test: exits.stopLoss.percent',
  );
});

test('every rule at once on a long random market: invariants hold, exits only reduce, reasons are known, two runs are identical', () => {
  const bars = syntheticBars({ symbol: 'X', bars: 3000, start: T0, intervalMs: MIN, startPrice: 100, tick: 0.01, volatility: 0.8 }, createRng(7));
  const exits: ExitRules = {
    stopLoss: { atr: 3, period: 14 },
    takeProfit: { riskReward: 2 },
    trailingStop: { start: 0.004, distance: 0.003 },
    breakeven: { trigger: 0.002, offset: 0.0005 },
    timeStop: { bars: 90 },
    roi: { '0': 0.02, '30': 0.006, '60': 0.001 },
  };
  const def = defineStrategy({
    name: 'exits-mix',
    exits,
    onBar(bar, ctx) {
      // Every 7th bar: flat → enter long or short by parity; in a position → add half (resizes the exits).
      if (bar.index % 7 !== 0 || bar.index < 20) return;
      const pos = ctx.position();
      if (pos === 0) ctx[bar.index % 2 === 0 ? 'buy' : 'sell'](1, { reason: 'entry' });
      else if (Math.abs(pos) < 2) ctx[pos > 0 ? 'buy' : 'sell'](0.5, { reason: 'add' });
    },
  });
  const once = (): BacktestResult => runOn(def, [bars], { makerFeeBps: 2, takerFeeBps: 5, slippageBps: 1 });
  const a = once();
  assert.deepEqual(once().fills, a.fills);
  const reasons = new Set(a.fills.map((f) => f.reason));
  for (const r of reasons) assert.ok(['entry', 'add', ...EXIT_REASONS].includes(r), r);
  // Several kinds of exit happened (not a run where nothing fires).
  assert.ok([...reasons].filter((r) => EXIT_REASONS.includes(r)).length >= 3, [...reasons].join(', '));
  // Exits only reduce: replay the position.
  let pos = 0;
  for (const f of a.fills) {
    const signed = f.side === 'buy' ? f.qty : -f.qty;
    if (EXIT_REASONS.includes(f.reason)) {
      assert.ok(pos !== 0 && Math.sign(signed) === -Math.sign(pos) && f.qty <= Math.abs(pos) + 1e-9, `${f.reason} ${f.side} ${f.qty} with position ${pos}`);
    }
    pos = Math.round((pos + signed) * 1000) / 1000;
  }
});

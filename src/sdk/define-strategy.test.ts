// defineStrategy end to end: declarations checked at definition, --param parsing, indicator values, state, current symbol, snapping, closePosition, fills, determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BarSeries } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { makeInstrument } from '../core/instrument.js';
import { createRng } from '../core/rng.js';
import { ManualClock } from '../core/manual-clock.js';
import { Kernel } from '../engine/kernel.js';
import { computeBatch, type BatchLine, createIndicator } from '../indicators/index.js';
import { Ledger } from '../ledger/ledger.js';
import type { BacktestResult } from '../research/backtest-result.js';
import { runBacktest } from '../research/backtest-runner.js';
import { syntheticBars } from '../sim/synthetic-market.js';
import { resolveParams } from '../strategy/params.js';
import type { StrategyDefinition } from '../strategy/strategy.js';
import { defineStrategy } from './define-strategy.js';
import { indicators as ind } from './indicators.js';
import type { ParamDecls } from './params.js';
import { snappedOrder } from './strategy-api.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 1);

function market(symbol: string, seed: number, bars: number): BarSeries {
  return syntheticBars({ symbol, bars, start: T0, intervalMs: MIN, startPrice: 100, tick: 0.01, volatility: 0.8 }, createRng(seed));
}

function run(def: StrategyDefinition, series: readonly BarSeries[], raw: readonly string[] = []): BacktestResult {
  return runBacktest({
    strategy: def,
    params: resolveParams(def.name, def.params, raw),
    series,
    cash: 100_000,
    fillModel: 'next-open',
    makerFeeBps: 5,
    takerFeeBps: 5,
    feePerUnit: 0,
    multiplier: 1,
    slippageBps: 0,
    lotSize: 0.001,
  });
}

/** True for a BadInputError at `where` whose message matches `reason`. */
const bad = (where: string | RegExp, reason: RegExp) => (e: unknown): boolean =>
  e instanceof BadInputError && (typeof where === 'string' ? e.where === where : where.test(e.where)) && reason.test(e.message);

const stepValue = (l: BatchLine, i: number): number | undefined => (i >= l.first && i < l.end ? l.values[i] : undefined);

test('definition: strategy names are checked', () => {
  for (const name of ['', 'has space', '-lead', '.dot', 'a/b', 'x'.repeat(65), 'ünï']) {
    assert.throws(() => defineStrategy({ name }), bad(`strategy ${JSON.stringify(name)}`, /name must be/), name);
  }
  for (const name of ['a', 'ok-1.x_y', 'X'.repeat(64), '9lives']) assert.equal(defineStrategy({ name }).name, name);
});

test('definition: parameter declarations are checked (type, default type, integer, range, choices)', () => {
  const cases: [ParamDecls, RegExp][] = [
    [{ p: { type: 'float' } } as unknown as ParamDecls, /type must be int, number, boolean or string/],
    [{ p: { type: 'int', default: '10' } } as unknown as ParamDecls, /default must be a finite number/],
    [{ p: { type: 'number', default: Number.NaN } }, /default must be a finite number/],
    [{ p: { type: 'number', default: Number.POSITIVE_INFINITY } }, /default must be a finite number/],
    [{ p: { type: 'int', default: 1.5 } }, /default must be an integer/],
    [{ p: { type: 'int', default: 1, min: 2 } }, /below min 2/],
    [{ p: { type: 'number', default: 10.5, max: 10 } }, /above max 10/],
    [{ p: { type: 'boolean', default: 'yes' } } as unknown as ParamDecls, /default must be true or false/],
    [{ p: { type: 'string', default: 5 } } as unknown as ParamDecls, /default must be a string/],
    [{ p: { type: 'string', default: 'c', choices: ['a', 'b'] } }, /not one of a, b/],
  ];
  for (const [params, reason] of cases) {
    assert.throws(() => defineStrategy({ name: 'x', params }), bad('strategy "x": parameter "p"', reason), JSON.stringify(params));
  }
  const ok = defineStrategy({
    name: 'x',
    params: { a: { type: 'int', default: 2, min: 2, max: 2 }, b: { type: 'number' }, c: { type: 'boolean', default: false }, d: { type: 'string', default: 'b', choices: ['a', 'b'], help: 'which' } },
  });
  assert.deepEqual(ok.params, [
    { name: 'a', type: 'int', help: '', default: 2, min: 2, max: 2, choices: undefined },
    { name: 'b', type: 'number', help: '', default: undefined, min: undefined, max: undefined, choices: undefined },
    { name: 'c', type: 'boolean', help: '', default: false, min: undefined, max: undefined, choices: undefined },
    { name: 'd', type: 'string', help: 'which', default: 'b', min: undefined, max: undefined, choices: ['a', 'b'] },
  ]);
});

// BUG: paramSpecs() reads `d.help` before checkParamDecls() runs, so a null declaration throws a TypeError.
test('definition: a declaration that is not an object is a BadInputError naming the parameter', () => {
  for (const d of [5, 'int', null]) {
    assert.throws(() => defineStrategy({ name: 'x', params: { p: d } as unknown as ParamDecls }), bad('strategy "x": parameter "p"', /type must be/), String(d));
  }
});

// BUG: parameter names are not checked; these can never be given with --param (split at the first '=', name trimmed, empty refused).
test('definition: parameter names that --param cannot address are refused', () => {
  for (const name of ['', 'a=b', ' padded']) {
    assert.throws(() => defineStrategy({ name: 'x', params: { [name]: { type: 'int', default: 1 } } }), (e: unknown) => e instanceof BadInputError && e.where.startsWith('strategy "x"'), JSON.stringify(name));
  }
});

test('--param values are parsed against the declared specs', () => {
  const def = defineStrategy({
    name: 'px',
    params: {
      fast: { type: 'int', default: 5, min: 2, max: 50 },
      dev: { type: 'number', default: 2 },
      longOnly: { type: 'boolean', default: true },
      mode: { type: 'string', default: 'a', choices: ['a', 'b'] },
      note: { type: 'string' },
    },
  });
  assert.deepEqual(resolveParams(def.name, def.params, []), { fast: 5, dev: 2, longOnly: true, mode: 'a', note: undefined });
  assert.deepEqual(resolveParams(def.name, def.params, ['fast=7', 'dev=0.5', 'longOnly=off', 'mode=b', 'note=hi']), { fast: 7, dev: 0.5, longOnly: false, mode: 'b', note: 'hi' });
  const refused: [string, string, RegExp][] = [
    ['fast=1', '--param fast', /≥ 2/],
    ['fast=51', '--param fast', /≤ 50/],
    ['fast=2.5', '--param fast', /integer/],
    ['dev=abc', '--param dev', /number/],
    ['dev=NaN', '--param dev', /number/],
    ['longOnly=maybe', '--param longOnly', /true or false/],
    ['mode=c', '--param mode', /one of a, b/],
    ['slow=3', '--param slow', /strategy px has no parameter "slow"/],
  ];
  for (const [kv, where, reason] of refused) assert.throws(() => resolveParams(def.name, def.params, [kv]), bad(where, reason), kv);
});

test('an SDK strategy through runBacktest: ctx.ind values equal computeBatch; params reach indicators(); state from init persists', () => {
  const s = market('SYN', 31, 500);
  type Row = (number | undefined)[];
  const rows: Row[] = [];
  const inits: unknown[] = [];
  let stopped: { bars: number; symbol: string; first: unknown } | undefined;
  const def = defineStrategy({
    name: 'probe',
    params: { fast: { type: 'int', default: 5, min: 2 }, slow: { type: 'int', default: 20 }, dev: { type: 'number', default: 2 } },
    indicators: (p) => ({ fast: ind.ema(p.fast), slow: ind.sma({ period: p.slow }), bands: ind.bbands({ period: p.slow, dev: p.dev }, { history: 3 }), macd: ind.macd() }),
    // The return type is spelled out: with an unannotated `ctx` parameter TypeScript does not infer the state type.
    init(ctx): { bars: number; params: unknown; self: unknown } {
      const state = { bars: 0, params: ctx.params as unknown, self: undefined as unknown };
      state.self = state;
      inits.push(state);
      return state;
    },
    onBar(bar, ctx) {
      assert.equal(ctx.state.self, inits[0]);
      ctx.state.bars++;
      assert.equal(ctx.symbol, bar.symbol);
      rows.push([ctx.ind.fast.value, ctx.ind.slow.value, ctx.ind.bands.line('bot').value, ctx.ind.bands.line('top').at(2), ctx.ind.macd.line('hist').at(1), ctx.ind.macd.value]);
    },
    onStop(ctx) {
      stopped = { bars: ctx.state.bars, symbol: ctx.symbol, first: ctx.state.self };
    },
  });
  run(def, [s], ['fast=7', 'dev=1.5']);
  assert.equal(inits.length, 1, 'init once per run');
  assert.deepEqual((inits[0] as { params: unknown }).params, { fast: 7, slow: 20, dev: 1.5 });
  assert.deepEqual(stopped, { bars: s.length, symbol: 'SYN', first: inits[0] });
  const ref = (name: string, params: Record<string, number>): BatchLine[] => computeBatch(createIndicator(name, params, 'reference'), s);
  const [ema] = ref('ema', { period: 7 });
  const [sma] = ref('sma', { period: 20 });
  const [top, , bot] = ref('bbands', { period: 20, dev: 1.5 });
  const [macd, , hist] = ref('macd', {});
  for (let i = 0; i < s.length; i++) {
    assert.deepEqual(rows[i], [stepValue(ema, i), stepValue(sma, i), stepValue(bot, i), stepValue(top, i - 2), stepValue(hist, i - 1), stepValue(macd, i)], `bar ${i}`);
  }
  assert.ok(rows.filter((r) => r.every((v) => v !== undefined)).length > 400);
});

test('ctx.symbol and ctx.ind: the only symbol in onStart/onStop of a one-symbol run; a BadInputError naming the strategy outside symbol callbacks of a multi-symbol run', () => {
  const seen: string[] = [];
  const def = defineStrategy({
    name: 'sym-probe',
    params: { multi: { type: 'boolean', default: false } },
    indicators: () => ({ f: ind.sma(3) }),
    init(ctx): { multi: boolean } {
      return { multi: ctx.params.multi };
    },
    onStart(ctx) {
      if (!ctx.state.multi) {
        seen.push(`start ${ctx.symbol} ${String(ctx.ind.f.value)}`);
        return;
      }
      assert.throws(() => ctx.symbol, bad('ctx.symbol', /no current symbol/));
      assert.throws(() => ctx.ind, bad('ctx.symbol', /no current symbol/));
      assert.throws(() => ctx.position(), bad('ctx.symbol', /no current symbol/));
      seen.push(`start ${ctx.indicatorsOf('B').f.value} ${ctx.position('B')}`);
    },
    onBar(bar, ctx) {
      assert.equal(ctx.symbol, bar.symbol);
      assert.equal(ctx.ind, ctx.indicatorsOf(bar.symbol));
    },
    onStop(ctx) {
      if (!ctx.state.multi) seen.push(`stop ${ctx.symbol} ${ctx.ind.f.ready}`);
      else {
        assert.throws(() => ctx.symbol, bad('ctx.symbol', /no current symbol/));
        seen.push('stop multi');
      }
    },
  });
  run(def, [market('ONE', 1, 20)]);
  run(def, [market('A', 2, 20), market('B', 3, 20)], ['multi=true']);
  assert.deepEqual(seen, ['start ONE undefined', 'stop ONE true', 'start undefined 0', 'stop multi']);
});

test('snapping: size down to the lot, limit and trigger prices of a buy down and of a sell up, order types from trigger and kind', () => {
  const inst = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 });
  const snap = (side: 'buy' | 'sell', qty: number, o: Parameters<typeof snappedOrder>[3] = {}) => snappedOrder(inst, side, qty, o);
  assert.deepEqual(snap('buy', 1.23456), { symbol: 'X', side: 'buy', qty: 1.234, type: 'market', price: undefined, triggerPrice: undefined, tif: undefined, reduceOnly: undefined, reason: undefined });
  assert.equal(snap('sell', 0.0019).qty, 0.001);
  assert.equal(snap('buy', 0.3).qty, 0.3, 'on-grid size kept despite float noise');
  assert.equal(snap('buy', 0.1 + 0.2).qty, 0.3);
  assert.equal(snap('buy', 1, { price: 100.019 }).price, 100.01);
  assert.equal(snap('sell', 1, { price: 100.011 }).price, 100.02);
  assert.equal(snap('buy', 1, { price: 0.29 }).price, 0.29, 'on-grid price kept (0.29 / 0.01 is 28.999…)');
  assert.equal(snap('sell', 1, { price: 0.29 }).price, 0.29);
  assert.equal(snap('buy', 1, { price: 100.01 }).type, 'limit');
  const types = [
    [snap('buy', 1, { trigger: 105.555 }), 'stop-market', undefined, 105.55],
    [snap('sell', 1, { trigger: 95.551 }), 'stop-market', undefined, 95.56],
    [snap('buy', 1, { trigger: 105.555, price: 105.559 }), 'stop-limit', 105.55, 105.55],
    [snap('sell', 1, { trigger: 95.551, price: 95.541 }), 'stop-limit', 95.55, 95.56],
    [snap('buy', 1, { trigger: 90.009, kind: 'take-profit' }), 'take-profit', undefined, 90],
    [snap('sell', 1, { trigger: 110.001, kind: 'take-profit', price: 110.001 }), 'take-profit-limit', 110.01, 110.01],
    [snap('sell', 1, { trigger: 95.551, kind: 'stop' }), 'stop-market', undefined, 95.56],
  ] as const;
  for (const [o, type, price, trigger] of types) assert.deepEqual([o.type, o.price, o.triggerPrice], [type, price, trigger], JSON.stringify(o));
  const o = snap('sell', 2, { price: 101, tif: 'ALO', reduceOnly: true, reason: 'exit' });
  assert.deepEqual([o.tif, o.reduceOnly, o.reason], ['ALO', true, 'exit']);
  const sig = makeInstrument({ symbol: 'BTC', priceRule: { kind: 'sigfig', sigFigs: 5, maxDecimals: 1 }, lotSize: 0.00001 });
  assert.equal(snappedOrder(sig, 'buy', 1, { price: 65432.7 }).price, 65432);
  assert.equal(snappedOrder(sig, 'sell', 1, { price: 65432.2 }).price, 65433);
  assert.equal(snappedOrder(sig, 'sell', 1, { price: 1.23456 }).price, 1.3, 'maxDecimals 1 caps the five figures');
});

test('snapping refuses what it cannot place: a size below one lot, non-finite or non-positive numbers, a kind without a trigger', () => {
  const inst = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 });
  const where = (side: string): string => `${side} X`;
  assert.throws(() => snappedOrder(inst, 'buy', 0.0009, {}), bad(where('buy'), /below the lot size 0\.001/));
  for (const qty of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    assert.throws(() => snappedOrder(inst, 'sell', qty, {}), bad(where('sell'), /quantity must be a positive finite number/), String(qty));
  }
  for (const px of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => snappedOrder(inst, 'buy', 1, { price: px }), bad(where('buy'), /price must be a positive finite number/), `price ${px}`);
    assert.throws(() => snappedOrder(inst, 'sell', 1, { trigger: px }), bad(where('sell'), /trigger must be a positive finite number/), `trigger ${px}`);
  }
  assert.throws(() => snappedOrder(inst, 'buy', 1, { kind: 'take-profit' }), bad(where('buy'), /needs a trigger/));
});

// BUG: a buy price (or trigger) below one tick snaps down to 0 and is sent as a limit at price 0, where a size that snaps to 0 is refused.
test('snapping refuses a buy price that would snap to 0', () => {
  const inst = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 });
  assert.throws(() => snappedOrder(inst, 'buy', 1, { price: 0.004 }), (e: unknown) => e instanceof BadInputError && /price/.test(e.message));
});

test('buy/sell in a run: orders arrive snapped (none rejected); closePosition closes exactly and returns undefined when flat; fills carry a number fee and stringify', () => {
  const s = market('SYN', 41, 60);
  const log: string[] = [];
  const fillsSeen: string[] = [];
  const rejected: string[] = [];
  const def = defineStrategy({
    name: 'orders',
    onBar(bar, ctx) {
      const i = bar.index;
      if (i === 1) ctx.buy(0.1004);
      if (i === 2) ctx.buy(0.2, { reason: 'add' });
      if (i === 5) log.push(`close long ${ctx.position()} ${typeof ctx.closePosition()}`);
      if (i === 8) log.push(`flat ${ctx.position()} ${String(ctx.closePosition())}`);
      if (i === 10) ctx.sell(0.35, { price: bar.close - 0.005 + 0.0003 });
      if (i === 20) log.push(`close short ${ctx.position()} ${typeof ctx.closePosition({ reason: 'done' })}`);
      if (i === 30) ctx.buy(0.5, { price: bar.close / 2 + 0.0049 }); // rests far below the market
    },
    onFill(fill, ctx) {
      assert.equal(typeof fill.fee, 'number');
      fillsSeen.push(JSON.stringify(fill));
      log.push(`fill ${fill.side} ${fill.qty} ${fill.reason} → ${ctx.position()}`);
    },
    onOrderRejected(r) {
      rejected.push(r.reason);
    },
  });
  const r = run(def, [s]);
  assert.deepEqual(rejected, []);
  assert.deepEqual(log, [
    'fill buy 0.1  → 0.1',
    'fill buy 0.2 add → 0.3',
    'close long 0.3 string',
    'fill sell 0.3 close → 0',
    'flat 0 undefined',
    'fill sell 0.35  → -0.35',
    'close short -0.35 string',
    'fill buy 0.35 done → 0',
  ]);
  assert.equal(fillsSeen.length, r.fills.length);
  fillsSeen.forEach((json, k) => {
    const f = JSON.parse(json) as { fee: number; price: number; qty: number };
    assert.equal(f.fee, r.fills[k].fee);
    assert.ok(f.fee > 0);
    assert.equal(f.price, r.fills[k].price);
  });
  const sellLimit = r.fills.find((f) => f.side === 'sell' && f.qty === 0.35);
  assert.ok(sellLimit);
  assert.equal(r.openPositions.length, 0);
});

test('determinism: two runs give byte-identical fills, each run with its own state', () => {
  const s = market('SYN', 51, 800);
  const counts: number[] = [];
  const def = defineStrategy({
    name: 'det',
    params: { fast: { type: 'int', default: 8 }, slow: { type: 'int', default: 21 } },
    indicators: (p) => ({ fast: ind.ema(p.fast), slow: ind.sma(p.slow), atr: ind.atr(14) }),
    init: () => ({ bars: 0 }),
    onBar(_bar, ctx) {
      ctx.state.bars++;
      const { fast, slow, atr } = ctx.ind;
      if (fast.crossedAbove(slow) && ctx.position() <= 0) {
        ctx.closePosition();
        ctx.buy(1000 / (ctx.lastPrice() ?? 1), { reason: `atr ${atr.value?.toFixed(4)}` });
      } else if (fast.crossedBelow(slow) && ctx.position() > 0) ctx.closePosition();
    },
    onStop(ctx) {
      counts.push(ctx.state.bars);
    },
  });
  const a = run(def, [s]);
  const b = run(def, [s]);
  assert.ok(a.fills.length >= 6, `${a.fills.length} fills`);
  assert.equal(JSON.stringify(a.fills), JSON.stringify(b.fills));
  assert.deepEqual(counts, [s.length, s.length]);
});

test('declared timeframes and bar history: ctx.bars() and ctx.bars("1h") read closed bars; an undeclared timeframe is refused', () => {
  const s = market('SYN', 61, 200);
  let checked = 0;
  const def = defineStrategy({
    name: 'tf',
    timeframes: { '1h': 2 },
    barHistory: 3,
    indicators: () => ({ h: ind.sma(2, { timeframe: '1h' }) }),
    onBar(bar, ctx) {
      assert.equal(ctx.bars().close(0), bar.close);
      assert.equal(ctx.bars().length, Math.min(bar.index + 1, 3));
      const hours = ctx.bars('1h');
      if ((bar.time + MIN) % 3_600_000 === 0) {
        assert.equal(hours.time(0), bar.time + MIN - 3_600_000);
        assert.equal(hours.close(0), bar.close);
        checked++;
      }
      if (hours.length === 2) assert.equal(ctx.ind.h.value, ((hours.close(0) ?? 0) + (hours.close(1) ?? 0)) / 2);
      assert.throws(() => ctx.bars('4h'), (e: unknown) => e instanceof BadInputError && /timeframe not declared/.test(e.message));
    },
  });
  run(def, [s]);
  assert.equal(checked, 3);
});

test('a state loaded before the start (a daemon resuming a bot) is kept: init runs only when there is none', () => {
  const def = defineStrategy({
    name: 'counter',
    summary: 'counts bars',
    params: {},
    init: () => ({ bars: 0 }),
    onBar: (_bar, ctx) => void (ctx.state.bars += 1),
  });
  const inst = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 });
  const started = (saved: unknown): unknown => {
    const strategy = def.create(resolveParams(def.name, def.params, []), {});
    if (saved !== undefined) strategy.loadState?.(saved);
    const port = { submit: () => undefined, cancel: () => undefined, setLeverage: () => undefined };
    new Kernel('counter', strategy, new ManualClock(T0), new Ledger(), [inst], () => port).start();
    return strategy.saveState?.();
  };
  assert.deepEqual(started(undefined), { bars: 0 });
  assert.deepEqual(started({ bars: 41 }), { bars: 41 }, 'the resumed state was replaced by init');
});

// Declared indicators through the kernel: values equal computeBatch at every bar, closed-only timeframes, sharing, errors, custom, bars, per-symbol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarSeriesBuilder, type BarSeries } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { computeBatch, type BatchLine, type Indicator, createIndicator } from '../indicators/index.js';
import type { BacktestResult } from './backtest-result.js';
import { runBacktest } from './backtest-runner.js';
import { syntheticBars } from '../sim/synthetic-market.js';
import type { IndicatorRequest, StrategyNeeds } from '../strategy/needs.js';
import type { BarView, Strategy, StrategyContext, StrategyDefinition } from '../strategy/strategy.js';
import { IndicatorHub } from '../engine/indicator-hub.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1, 0, 7);

function market(symbol: string, seed: number, bars: number, start = T0): BarSeries {
  return syntheticBars({ symbol, bars, start, intervalMs: MIN, startPrice: 100, tick: 0.01, volatility: 0.8 }, createRng(seed));
}

/** `s` without a random ~5 % of its bars (the interval stays 1m). */
function withGaps(s: BarSeries, seed: number): BarSeries {
  const rng = createRng(seed);
  const b = new BarSeriesBuilder(s.symbol, s.length);
  for (let i = 0; i < s.length; i++) if (rng.next() >= 0.05) b.push(s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
  return b.finish(s.symbol, s.intervalMs, s.priceDecimals);
}

/** The innermost BadInputError along `cause` (the kernel may wrap what a strategy callback threw). */
function innermost(e: unknown): BadInputError | undefined {
  let found: BadInputError | undefined;
  for (let x = e; x instanceof Error; x = x.cause) if (x instanceof BadInputError) found = x;
  return found;
}

/** Runs `strategy` as a one-off definition through the backtest runner (zero fees and slippage). */
function run(strategy: Strategy, series: readonly BarSeries[]): BacktestResult {
  const def: StrategyDefinition = { name: 'probe', summary: '', params: [], create: () => strategy };
  return runBacktest({ strategy: def, params: {}, series, cash: 1e6, fillModel: 'next-open', makerFeeBps: 0, takerFeeBps: 0, feePerUnit: 0, multiplier: 1, slippageBps: 0 });
}

/** The value streaming step `i` of `line` (plotted at i + shift) shows, undefined before it is valid; null: not visible in batch output. */
function batchStep(line: BatchLine, shift: number, i: number): number | undefined | null {
  if (i < 0) return undefined;
  const at = i + shift;
  if (at < 0) return null;
  return at >= line.first && at < line.end ? line.values[at] : undefined;
}

function batchOf(req: IndicatorRequest, s: BarSeries): { lines: BatchLine[]; shifts: readonly number[] } {
  const ind = createIndicator(req.name, req.params ?? {}, 'reference');
  return { shifts: ind.shifts, lines: computeBatch(ind, s) };
}

/** A naive hourly group-by of `s` (hours on epoch multiples), as a series. */
function hourly(s: BarSeries): BarSeries {
  const b = new BarSeriesBuilder(s.symbol);
  let cur = Number.NaN;
  let o = 0;
  let h = 0;
  let l = 0;
  let c = 0;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const start = Math.floor(s.time[i] / HOUR) * HOUR;
    if (start !== cur) {
      if (cur === cur) b.push(cur, o, h, l, c, v);
      cur = start;
      o = s.open[i];
      h = s.high[i];
      l = s.low[i];
      v = 0;
    }
    h = Math.max(h, s.high[i]);
    l = Math.min(l, s.low[i]);
    c = s.close[i];
    v += s.volume[i];
  }
  if (cur === cur) b.push(cur, o, h, l, c, v);
  return b.finish(s.symbol, HOUR);
}

/** Hours closed once base bar `i` is delivered: every earlier hour, and its own when it is the hour's last minute. */
function hoursClosed(s: BarSeries, hours: BarSeries, i: number): number {
  const t = s.time[i];
  const own = Math.floor(t / HOUR) * HOUR;
  let k = 0;
  while (k < hours.length && hours.time[k] < own) k++;
  return t + MIN === own + HOUR ? k + 1 : k;
}

const CATALOGUE: readonly IndicatorRequest[] = [
  { name: 'sma', params: { period: 10 }, history: 3 },
  { name: 'ema', history: 3 },
  { name: 'atr', params: { period: 5 }, history: 3 },
  { name: 'macd', history: 3 },
  { name: 'bbands', params: { period: 20, dev: 1.5 }, history: 3 },
  { name: 'stoch', params: { period: 9, k: 3, d: 4 }, history: 3 },
  { name: 'ichimoku', params: { tenkan: 5, kijun: 10, senkou: 20, displacement: 7 }, history: 3 },
];

test('sma, ema, atr, macd, bbands, stoch, ichimoku: every line, at(0…2), ready and lines equal computeBatch at every bar', () => {
  const s = market('SYN', 3, 400);
  // seen[handle][line][bar] = [at(0), at(1), at(2), at(3), ready, value-through-the-view]
  const seen: unknown[][][][] = CATALOGUE.map(() => []);
  const lineNames: (readonly string[])[] = [];
  run(
    {
      needs: { indicators: CATALOGUE },
      onBar(bar, ctx) {
        CATALOGUE.forEach((_, h) => {
          const view = ctx.indicator(h, bar.symbol);
          lineNames[h] = view.lines;
          view.lines.forEach((name, j) => {
            const line = view.line(name);
            (seen[h][j] ??= []).push([line.at(0), line.at(1), line.at(2), line.at(3), line.ready, j === 0 ? view.value : line.value]);
          });
        });
      },
    },
    [s],
  );
  CATALOGUE.forEach((req, h) => {
    const ref = batchOf(req, s);
    assert.deepEqual(lineNames[h], ref.lines.map((l) => l.name), `${req.name} lines`);
    let compared = 0;
    ref.lines.forEach((line, j) => {
      for (let i = 0; i < s.length; i++) {
        const [a0, a1, a2, a3, ready, value] = seen[h][j][i] as [number | undefined, number | undefined, number | undefined, number | undefined, boolean, number | undefined];
        const label = `${req.name}.${line.name} bar ${i}`;
        const want = [batchStep(line, ref.shifts[j], i), batchStep(line, ref.shifts[j], i - 1), batchStep(line, ref.shifts[j], i - 2)];
        [a0, a1, a2].forEach((got, k) => {
          if (want[k] === null) return; // chikou's first steps are plotted before the series starts
          assert.equal(got, want[k], `${label} at(${k})`);
          if (got !== undefined) compared++;
        });
        assert.equal(a3, undefined, `${label}: at(3) is beyond history 3`);
        assert.equal(value, a0, `${label}: value = at(0)`);
        assert.equal(ready, a0 !== undefined, `${label}: ready`);
      }
    });
    assert.ok(compared > 300, `${req.name}: ${compared} values compared`);
  });
});

test('crossedAbove / crossedBelow match the crosses of the batch lines, against a line and a constant', () => {
  const s = market('SYN', 4, 600);
  const fast: IndicatorRequest = { name: 'ema', params: { period: 5 } };
  const slow: IndicatorRequest = { name: 'sma', params: { period: 12 } };
  const got: [boolean, boolean, boolean, boolean][] = [];
  run(
    {
      needs: { indicators: [fast, slow] },
      onBar(bar, ctx) {
        const f = ctx.indicator(0, bar.symbol);
        const sl = ctx.indicator(1, bar.symbol);
        got.push([f.crossedAbove(sl), f.crossedBelow(sl), f.crossedAbove(100), f.crossedBelow(100)]);
      },
    },
    [s],
  );
  const [f] = batchOf(fast, s).lines;
  const [sl] = batchOf(slow, s).lines;
  const at = (l: BatchLine, i: number): number | undefined => (i >= l.first && i < l.end ? l.values[i] : undefined);
  const crosses = (a0?: number, a1?: number, b0?: number, b1?: number): [boolean, boolean] =>
    a0 === undefined || a1 === undefined || b0 === undefined || b1 === undefined ? [false, false] : [a1 <= b1 && a0 > b0, a1 >= b1 && a0 < b0];
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const [up, down] = crosses(at(f, i), at(f, i - 1), at(sl, i), at(sl, i - 1));
    const [upC, downC] = crosses(at(f, i), at(f, i - 1), 100, 100);
    assert.deepEqual(got[i], [up, down, upC, downC], `bar ${i}`);
    if (up || down) n++;
  }
  assert.ok(n >= 4, `${n} crosses`);
});

test('an indicator on 1h bars equals computeBatch over an independently resampled series, showing only the last closed hour at every 1m bar', () => {
  const s = withGaps(market('GAP', 8, 60 * 40), 9);
  const hours = hourly(s);
  const reqs: IndicatorRequest[] = [
    { name: 'sma', params: { period: 5 }, timeframeMs: HOUR },
    { name: 'macd', params: { fast: 3, slow: 6, signal: 2 }, timeframeMs: HOUR, history: 2 },
  ];
  const seen: { v: (number | undefined)[]; prev: (number | undefined)[]; bars: (number | undefined)[] }[] = [];
  run(
    {
      needs: { indicators: reqs, timeframes: [{ timeframeMs: HOUR, history: 3 }] },
      onBar(bar, ctx) {
        const b = ctx.bars(bar.symbol, HOUR);
        seen.push({
          v: [ctx.indicator(0, bar.symbol).value, ctx.indicator(1, bar.symbol).line('signal').value],
          prev: [ctx.indicator(0, bar.symbol).at(1), ctx.indicator(1, bar.symbol).line('signal').at(1)],
          bars: [0, 1, 2, 3].flatMap((k) => [b.time(k), b.open(k), b.high(k), b.low(k), b.close(k), b.volume(k)]),
        });
      },
    },
    [s],
  );
  const sma = batchOf(reqs[0], hours).lines[0];
  const signal = batchOf(reqs[1], hours).lines[1];
  let valued = 0;
  for (let i = 0; i < s.length; i++) {
    const k = hoursClosed(s, hours, i);
    const label = `1m bar ${i} (${new Date(s.time[i]).toISOString()}), ${k} hours closed`;
    assert.deepEqual(seen[i].v, [batchStep(sma, 0, k - 1), batchStep(signal, 0, k - 1)], label);
    assert.deepEqual(seen[i].prev, [batchStep(sma, 0, k - 2), batchStep(signal, 0, k - 2)], `${label}: at(1)`);
    const expectBars = [0, 1, 2, 3].flatMap((ago) => {
      const j = k - 1 - ago;
      return ago < 3 && j >= 0 ? [hours.time[j], hours.open[j], hours.high[j], hours.low[j], hours.close[j], hours.volume[j]] : [undefined, undefined, undefined, undefined, undefined, undefined];
    });
    assert.deepEqual(seen[i].bars, expectBars, `${label}: bars(1h)`);
    if (seen[i].v[1] !== undefined) valued++;
  }
  assert.ok(valued > 1000, `${valued} bars with a 1h value`);
});

test('equal requests share one instance per symbol (defaults filled in, numeric text read as a number); others do not', () => {
  const hub = new IndicatorHub(new Map([['A', MIN], ['B', MIN]]));
  const handles = [
    hub.register({ name: 'sma', params: { period: 30 } }, 'h0'),
    hub.register({ name: 'sma' }, 'h1'),
    hub.register({ name: 'sma', params: { period: '30' }, history: 5 }, 'h2'),
    hub.register({ name: 'sma', params: { period: 31 } }, 'h3'),
    hub.register({ name: 'sma', params: { period: 30 }, timeframeMs: HOUR }, 'h4'),
    hub.register({ name: 'ema', params: { period: 30, seed: 'sma' } }, 'h5'),
    hub.register({ name: 'ema' }, 'h6'),
    hub.register({ name: 'ema', params: { seed: 'first' } }, 'h7'),
  ];
  assert.deepEqual(handles, [0, 1, 2, 3, 4, 5, 6, 7]);
  hub.build();
  for (const sym of ['A', 'B']) {
    const v = handles.map((h) => hub.indicator(h, sym));
    assert.ok(v[0] === v[1] && v[1] === v[2], 'sma 30 = sma default = sma "30"');
    assert.ok(v[3] !== v[0] && v[4] !== v[0] && v[4] !== v[3], 'other period, other timeframe');
    assert.ok(v[5] === v[6] && v[7] !== v[5], 'ema defaults shared, other seed not');
    const feed = hub.feed(sym);
    assert.ok(feed);
    assert.equal(feed.slots.length, 4, 'base slots: sma 30, sma 31, ema 30, ema first');
    assert.equal(feed.frames.length, 1);
    assert.equal(feed.frames[0].slots.length, 1);
  }
  assert.notEqual(hub.indicator(0, 'A'), hub.indicator(0, 'B'), 'per symbol');
});

test('a shared instance keeps the longest history asked for, and every sharer reads it', () => {
  const hub = new IndicatorHub(new Map([['A', MIN]]));
  hub.register({ name: 'sma', params: { period: 2 } }, 'a');
  hub.register({ name: 'sma', params: { period: '2' }, history: 4 }, 'b');
  hub.build();
  const feed = hub.feed('A');
  assert.ok(feed);
  for (let i = 0; i < 6; i++) feed.onBar({ symbol: 'A', time: T0 + i * MIN, open: i, high: i, low: i, close: i, volume: 1 });
  // closes 0..5, sma(2) = 0.5, 1.5, …, 4.5 from bar 1
  for (const h of [0, 1]) assert.deepEqual([0, 1, 2, 3, 4].map((k) => hub.indicator(h, 'A').at(k)), [4.5, 3.5, 2.5, 1.5, undefined]);
});

test('unknown indicators, bad or unknown parameters, bad timeframes and histories: BadInputError naming the strategy and the declaration', () => {
  const s = market('SYN', 1, 50);
  const cases: [StrategyNeeds, RegExp, RegExp][] = [
    [{ indicators: [{ name: 'sma' }, { name: 'smaa' }] }, /^strategy probe: indicator 1 \(smaa\)$/, /unknown indicator "smaa"/],
    [{ indicators: [{ name: 'sma', params: { period: 0 } }] }, /^strategy probe: indicator 0 \(sma\)/, /period/],
    [{ indicators: [{ name: 'sma', params: { period: 'ten' } }] }, /^strategy probe: indicator 0 \(sma\)/, /period must be a number/],
    [{ indicators: [{ name: 'sma', params: { perod: 10 } }] }, /^strategy probe: indicator 0 \(sma\)/, /unknown parameter "perod"/],
    [{ indicators: [{ name: 'ema', params: { seed: 'last' } }] }, /^strategy probe: indicator 0 \(ema\)/, /seed/],
    [{ indicators: [{ name: 'sma', history: 0 }] }, /^strategy probe: indicator 0 \(sma\): history$/, /whole number/],
    [{ indicators: [{ name: 'sma', timeframeMs: 90_000 }] }, /timeframe/, /whole multiple/],
    [{ timeframes: [{ timeframeMs: 30_000 }] }, /timeframe/, /whole multiple/],
    [{ timeframes: [{ timeframeMs: HOUR, history: 1.5 }] }, /^strategy probe: timeframe: history$/, /whole number/],
    [{ barHistory: -1 }, /^strategy probe: barHistory$/, /whole number/],
  ];
  for (const [needs, where, reason] of cases) {
    assert.throws(
      () => run({ needs }, [s]),
      (e: unknown) => e instanceof BadInputError && where.test(e.where) && reason.test(e.message),
      JSON.stringify(needs),
    );
  }
});

test('a timeframe on a series whose bar interval is unknown: BadInputError naming the symbol', () => {
  const b = new BarSeriesBuilder('ONE');
  b.push(T0, 1, 1, 1, 1, 1);
  const one = b.finish('one bar');
  assert.equal(one.intervalMs, undefined);
  assert.throws(
    () => run({ needs: { timeframes: [{ timeframeMs: HOUR }] } }, [one]),
    (e: unknown) => e instanceof BadInputError && e.message.includes('ONE') && e.message.includes('interval'),
  );
});

// BUG: a request equal (by key) to an earlier one is never built, so its own parameters are never checked.
test('an unknown parameter is refused even when an equal-looking request came first', () => {
  const s = market('SYN', 1, 50);
  assert.throws(
    () => run({ needs: { indicators: [{ name: 'sma' }, { name: 'sma', params: { perod: 10 } }] } }, [s]),
    (e: unknown) => e instanceof BadInputError && /indicator 1/.test(e.where) && /perod/.test(e.message),
  );
});

/** Sum of (high − low) over the last 3 bars: a custom indicator. */
class Range3 implements Indicator {
  readonly name = 'range3';
  readonly lines = ['', 'last'];
  readonly shifts = [0, 0];
  private readonly r: number[] = [];
  update(_o: number, high: number, low: number): void {
    this.r.push(high - low);
    if (this.r.length > 3) this.r.shift();
  }
  get ready(): boolean {
    return this.r.length === 3;
  }
  value(line: number): number {
    return line === 0 ? this.r[0] + this.r[1] + this.r[2] : this.r[this.r.length - 1];
  }
  lineReady(line: number): boolean {
    return line === 0 ? this.r.length === 3 : this.r.length > 0;
  }
}

test('custom indicators: one instance per symbol and id+params, values as computed, lines by name; a catalogue name is refused', () => {
  const a = market('A', 1, 100);
  const b = market('B', 2, 100);
  let created = 0;
  const create = (): Indicator => (created++, new Range3());
  const got = new Map<string, [number | undefined, number | undefined][]>();
  run(
    {
      needs: { indicators: [{ name: 'range3', create }, { name: 'range3', create }, { name: 'range3', params: { x: 1 }, create }] },
      onBar(bar, ctx) {
        const v = ctx.indicator(0, bar.symbol);
        assert.equal(v, ctx.indicator(1, bar.symbol));
        assert.notEqual(v, ctx.indicator(2, bar.symbol));
        assert.deepEqual(v.lines, ['', 'last']);
        (got.get(bar.symbol) ?? got.set(bar.symbol, []).get(bar.symbol))?.push([v.value, v.line('last').value]);
      },
    },
    [a, b],
  );
  assert.equal(created, 4, 'two distinct custom requests × two symbols');
  for (const s of [a, b]) {
    const seen = got.get(s.symbol) ?? [];
    for (let i = 0; i < s.length; i++) {
      const r = (j: number): number => s.high[j] - s.low[j];
      assert.deepEqual(seen[i], [i >= 2 ? r(i - 2) + r(i - 1) + r(i) : undefined, r(i)], `${s.symbol} bar ${i}`);
    }
  }
  assert.throws(
    () => run({ needs: { indicators: [{ name: 'sma', create }] } }, [a]),
    (e: unknown) => e instanceof BadInputError && /indicator 0/.test(e.where) && /catalogue name/.test(e.message),
  );
  assert.throws(
    () =>
      run(
        {
          needs: { indicators: [{ name: 'range3', create }] },
          onBar: (bar, ctx) => void ctx.indicator(0, bar.symbol).line('nope'),
        },
        [a],
      ),
    (e: unknown) => e instanceof BadInputError && /no such line "nope"/.test(e.message) && /"last"/.test(e.message),
  );
});

test('ctx.bars(symbol) keeps the declared number of closed bars, newest first; undeclared timeframes and unknown symbols are refused', () => {
  const s = market('SYN', 5, 30);
  const seen: (number | undefined)[][] = [];
  run(
    {
      needs: { barHistory: 4 },
      onBar(bar, ctx) {
        const b = ctx.bars(bar.symbol);
        assert.equal(b.length, Math.min(bar.index + 1, 4));
        seen.push([0, 1, 2, 3, 4].flatMap((k) => [b.time(k), b.open(k), b.high(k), b.low(k), b.close(k), b.volume(k)]));
        assert.equal(b.close(1.5), undefined);
        assert.equal(b.close(-1), undefined);
      },
    },
    [s],
  );
  for (let i = 0; i < s.length; i++) {
    const want = [0, 1, 2, 3, 4].flatMap((k) => (k < 4 && i - k >= 0 ? [s.time[i - k], s.open[i - k], s.high[i - k], s.low[i - k], s.close[i - k], s.volume[i - k]] : Array<undefined>(6).fill(undefined)));
    assert.deepEqual(seen[i], want, `bar ${i}`);
  }
  assert.throws(
    () => run({ needs: { barHistory: 3 }, onBar: (bar, ctx) => void ctx.bars(bar.symbol, HOUR) }, [s]),
    (e: unknown) => e instanceof BadInputError && /timeframe not declared/.test(e.message),
  );
  assert.throws(
    () => run({ needs: { barHistory: 3 }, onBar: (_bar, ctx) => void ctx.bars('NOPE') }, [s]),
    (e: unknown) => innermost(e)?.where === 'symbol NOPE',
  );
});

test('several symbols: each symbol has its own indicators, updated only by its own bars', () => {
  const a = market('BBB', 21, 300);
  const b = withGaps(market('AAA', 22, 280, T0 + 15 * MIN), 23);
  const req: IndicatorRequest[] = [{ name: 'atr', params: { period: 4 } }, { name: 'bbands', params: { period: 6 } }];
  const ref = new Map([a, b].map((s) => [s.symbol, req.map((r) => batchOf(r, s).lines)]));
  const delivered = new Map<string, number>();
  let symbolsSeen: readonly string[] = [];
  let checks = 0;
  run(
    {
      needs: { indicators: req },
      onStart(ctx) {
        symbolsSeen = ctx.symbols();
      },
      onBar(bar, ctx) {
        delivered.set(bar.symbol, bar.index);
        for (const [sym, i] of delivered) {
          const lines = ref.get(sym) ?? [];
          assert.equal(ctx.indicator(0, sym).value, batchStep(lines[0][0], 0, i), `${sym} atr at its bar ${i} during ${bar.symbol}`);
          assert.equal(ctx.indicator(1, sym).line('bot').at(1), batchStep(lines[1][2], 0, i - 1), `${sym} bbands.bot at(1)`);
          checks++;
        }
      },
    },
    [a, b],
  );
  assert.deepEqual(symbolsSeen, ['AAA', 'BBB']);
  assert.ok(checks > 500);
});

/** Buys on every 20th bar and sells ten bars later: trading that depends on nothing but the bar index. */
function clockwork(needs: StrategyNeeds | undefined): Strategy {
  return {
    needs,
    onBar(bar: BarView, ctx: StrategyContext) {
      if (bar.index % 20 === 0) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 1, type: 'market' });
      if (bar.index % 20 === 10) ctx.submit({ symbol: bar.symbol, side: 'sell', qty: 1, type: 'market' });
    },
  };
}

test('a strategy that declares nothing leaves the hub inactive, and declaring unused indicators does not change its trading', () => {
  const hub = new IndicatorHub(new Map([['A', MIN]]));
  hub.build();
  assert.equal(hub.active, false);
  const s = market('SYN', 6, 300);
  const plain = run(clockwork(undefined), [s]);
  const empty = run(clockwork({}), [s]);
  const declared = run(clockwork({ indicators: [{ name: 'macd' }], timeframes: [{ timeframeMs: HOUR }], barHistory: 10 }), [s]);
  assert.ok(plain.fills.length >= 20);
  assert.equal(JSON.stringify(empty.fills), JSON.stringify(plain.fills));
  assert.equal(JSON.stringify(declared.fills), JSON.stringify(plain.fills));
  assert.deepEqual(Array.from(declared.equity), Array.from(plain.equity));
});

// BUG: with nothing declared the hub is inactive, so ctx.bars(symbol) stays empty instead of holding the documented default of 2 bars.
test('ctx.bars(symbol) holds the last 2 closed bars by default when a strategy declares needs, even none', () => {
  const s = market('SYN', 6, 10);
  const lengths: number[] = [];
  run({ needs: {}, onBar: (bar, ctx) => void lengths.push(ctx.bars(bar.symbol).length) }, [s]);
  assert.deepEqual(lengths, [1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
});

test('ctx.bars(symbol) of a strategy without needs is an error that says what to declare (its bars are not kept)', () => {
  assert.throws(
    () => run({ onBar: (bar, ctx) => void ctx.bars(bar.symbol) }, [market('SYN', 6, 3)]),
    (e: unknown) => e instanceof BadInputError && /declares no `needs`/.test(e.message),
  );
});

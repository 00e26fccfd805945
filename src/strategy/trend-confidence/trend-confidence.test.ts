// The strategy driven through a fake context on a small synthetic series: phase 1/2 wiring, fills, PESC, flips, state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import { roundQty, makeInstrument } from '../../core/instrument.js';
import { EXIT_REASONS } from './exit-reasons.js';
import { FakeContext, barsFromCloses, type FakeFill } from '../../testkit/strategy/trend-confidence-context.js';
import { fixtureConfig } from '../../testkit/strategy/trend-confidence-configs.js';
import { trendConfidence } from './trend-confidence.js';
import { TrendConfidenceStrategy } from './trend-confidence-strategy.js';

// A 40-bar random walk (step ±3, rounded to 0.1) that exercises entries both ways, EMA-cross exits, a
// Signal Flip, a PESC-delayed re-entry, a trailing stop and the end-of-backtest close.
const CLOSES = [
  100.2, 98.5, 100.3, 102.2, 101.4, 99.9, 99.4, 100.5, 100.5, 99.1, 99.5, 102.2, 103.5, 102, 101.6, 99.8, 99.2, 100.3, 100.9, 101.5,
  99.9, 101.8, 99.6, 102, 104.4, 101.5, 104.5, 106.8, 105.9, 106.6, 106.4, 107.4, 104.5, 105.1, 103.8, 103.2, 101, 99.9, 100.5, 100,
];
const H = 3_600_000;
const BARS = barsFromCloses(CLOSES, 0, H, 0.5);
const SMALL = { indicators: { ema_fast_window: 3, ema_slow_window: 5, adx_window: 3, atr_window: 3, rsi_window: 3, vol_sma_window: 3 } };
const LOOKBACK = 6;

function run(extra: Parameters<typeof fixtureConfig>[0] = {}, series: Record<string, typeof BARS> = { ETH: BARS }): { ctx: FakeContext; s: TrendConfidenceStrategy } {
  const cfg = fixtureConfig({ ...SMALL, ...extra, indicators: SMALL.indicators });
  const s = new TrendConfidenceStrategy(cfg, LOOKBACK);
  const ctx = new FakeContext(s, { feeBps: 3.5, exitSlippageBps: 0.5 });
  ctx.run(series);
  return { ctx, s };
}

const brief = (f: FakeFill): string => `${f.time / H} ${f.side} ${f.reason}`;
const isEntry = (f: FakeFill): boolean => f.reason.endsWith(' entry');

test('no proposal before bar `lookback`; the first entry fills at that bar close with the tier leverage and equity × 10 % × 3 / close', () => {
  const { ctx } = run();
  assert.ok(ctx.proposals.every((p) => p.time >= (LOOKBACK - 1) * H));
  const first = ctx.fills[0];
  assert.equal(brief(first), '5 sell Medium entry');
  assert.equal(first.price, CLOSES[5]); // slippage_bps 0: the close itself
  const lot = makeInstrument({ symbol: 'ETH', lotSize: 1e-12 });
  assert.equal(first.qty, roundQty(lot, (10_000 * 0.1 * 3) / CLOSES[5]));
  assert.equal(ctx.leverage.get('ETH'), 3);
});

test('the trade sequence: EMA-cross exits, opposite re-entries on the exit bar, a Signal Flip, the end-of-backtest close', () => {
  const { ctx } = run();
  assert.deepEqual(ctx.fills.map(brief), [
    '5 sell Medium entry',
    '8 buy Trend Breakdown (EMA Cross)',
    '10 sell Medium entry', // PESC: the same-side re-entry at bar 9 is blocked
    '11 buy Trend Breakdown (EMA Cross)',
    '11 buy Medium entry', // the opposite side is never blocked
    '15 sell Trend Breakdown (EMA Cross)',
    '15 sell Medium entry',
    '19 buy Trend Breakdown (EMA Cross)',
    '19 buy Medium entry',
    '20 sell Signal Flip', // a weak cross at ADX > 25 spares the breakdown exit; the sell signal closes the long
    '20 sell Medium entry', // … and the short opens in phase 2 of the same bar
    '21 buy Trend Breakdown (EMA Cross)',
    '21 buy Medium entry',
    '22 sell Trend Breakdown (EMA Cross)',
    '22 sell Medium entry',
    '23 buy Trend Breakdown (EMA Cross)',
    '23 buy Medium entry',
    '32 sell Trailing Stop',
    '32 sell Medium entry',
    '39 buy End of Backtest',
  ]);
  for (const f of ctx.fills.filter((x) => !isEntry(x))) assert.ok((EXIT_REASONS as readonly string[]).includes(f.reason), f.reason);
});

test('exits fill at the close moved 0.5 bps against the position and close the whole size', () => {
  const { ctx } = run();
  const [entry, exit] = ctx.fills;
  assert.equal(exit.qty, entry.qty);
  assert.equal(exit.price, CLOSES[8] * (1 + 0.5 / 10_000)); // closing a short buys above the close
  const end = ctx.fills[ctx.fills.length - 1];
  assert.equal(end.price, CLOSES[39] * (1 + 0.5 / 10_000));
  assert.equal(ctx.position('ETH'), 0);
});

test('a position is first checked for exits on the bar after its entry', () => {
  const { ctx } = run();
  const entries = ctx.fills.filter(isEntry);
  for (const e of entries) {
    const next = ctx.fills.find((f) => !isEntry(f) && f.time >= e.time && f.side !== e.side);
    assert.ok(next === undefined || next.time > e.time, `${brief(e)} closed on its own bar`);
  }
});

test('PESC off: the same-side re-entry happens one bar after the exit', () => {
  const { ctx } = run({ trade: { reentry_cooldown_minutes: 0 } });
  assert.deepEqual(ctx.fills.slice(1, 3).map(brief), ['8 buy Trend Breakdown (EMA Cross)', '9 sell Medium entry']);
});

test('phase 2: ranked by score then symbol, max_open_positions caps, equity is read once per step for all candidates', () => {
  const { ctx } = run({ trade: { max_open_positions: 2 } }, { CCC: BARS, AAA: BARS, BBB: BARS });
  const firstStep = ctx.fills.filter((f) => f.time === 5 * H);
  assert.deepEqual(firstStep.map((f) => `${f.symbol} ${f.reason}`), ['AAA Medium entry', 'BBB Medium entry']);
  // Same equity for both: the fee of AAA's entry is not subtracted before sizing BBB.
  assert.equal(firstStep[0].qty, firstStep[1].qty);
  assert.equal(ctx.equityReads, ctx.proposals.length);
  assert.deepEqual(ctx.proposals[0].ranked.map((c) => c.symbol), ['AAA', 'BBB', 'CCC']);
  assert.ok(ctx.fills.every((f) => f.symbol !== 'CCC' || f.time > 5 * H));
});

test('the score is confidence_rank × 100 + trunc(ADX)', () => {
  const { ctx, s } = run();
  const p = ctx.proposals[0].ranked[0];
  const adx = (p.data as { adx: number }).adx;
  assert.equal(p.score, 100 + Math.trunc(adx));
  assert.equal(s.position('ETH'), undefined);
});

test('saveState/loadState: a run split in two through JSON gives the same fills', () => {
  const whole = run().ctx.fills;
  const cfg = fixtureConfig(SMALL);
  const s1 = new TrendConfidenceStrategy(cfg, LOOKBACK);
  const ctx = new FakeContext(s1, { feeBps: 3.5, exitSlippageBps: 0.5 });
  ctx.run({ ETH: BARS.slice(0, 21) }, false);
  const saved = JSON.parse(JSON.stringify(s1.saveState())) as unknown;
  const s2 = new TrendConfidenceStrategy(cfg, LOOKBACK);
  s2.loadState(saved);
  ctx.strategy = s2;
  ctx.run({ ETH: BARS.slice(21) });
  assert.deepEqual(ctx.fills, whole);
  const other = new TrendConfidenceStrategy(fixtureConfig({ ...SMALL, trade: { sl_atr_mult: 3 } }), LOOKBACK);
  assert.throws(() => other.loadState(saved), BadInputError);
});

test('pyramiding (when on): adds of cash × 10 % × 0.5 at the position leverage, ≥ 60 min apart, at most 2; the exit closes all', () => {
  const { ctx } = run({ trade: { enable_pyramiding: true, add_min_confidence: 'low' } });
  const lot = makeInstrument({ symbol: 'ETH', lotSize: 1e-12 });
  const adds = ctx.fills.filter((f) => f.reason.startsWith('Pyramid'));
  assert.deepEqual(adds.map(brief), ['12 buy Pyramid #1', '24 buy Pyramid #1', '26 buy Pyramid #2', '36 sell Pyramid #1', '37 sell Pyramid #2']);
  for (const a of adds) assert.equal(a.qty, roundQty(lot, (a.cashBefore * 0.1 * 0.5 * 3) / a.price));
  const entry = ctx.fills.find((f) => f.time === 11 * H && f.reason === 'Medium entry') as FakeFill;
  const exit = ctx.fills.find((f) => f.time === 15 * H && f.side === 'sell' && !isEntry(f)) as FakeFill;
  assert.equal(exit.qty, entry.qty + adds[0].qty);
});

test('partial take profit (when on): half at the TP level, the rest left to the other exits', () => {
  const { ctx } = run({ trade: { enable_partial_tp: true, tp_atr_mult: 1.5, tp_partial_min_notional_usd: 0 } });
  const lot = makeInstrument({ symbol: 'ETH', lotSize: 1e-12 });
  const partial = ctx.fills.filter((f) => f.reason === 'Take Profit (Partial)');
  assert.deepEqual(partial.map(brief), ['27 sell Take Profit (Partial)', '37 buy Take Profit (Partial)']);
  const entry = ctx.fills.find((f) => f.time === 23 * H && isEntry(f)) as FakeFill;
  assert.equal(partial[0].qty, roundQty(lot, entry.qty * 0.5));
  const rest = ctx.fills.find((f) => f.time === 32 * H && !isEntry(f)) as FakeFill;
  assert.equal(rest.reason, 'Trailing Stop');
  assert.ok(Math.abs(rest.qty - (entry.qty - partial[0].qty)) < 1e-9);
});

test('the definition: name, lookback parameter, venue defaults with the config entry slippage', () => {
  assert.equal(trendConfidence.name, 'trend-confidence');
  assert.deepEqual(trendConfidence.params.map((p) => [p.name, p.default]), [['lookback', 200]]);
  assert.deepEqual(trendConfidence.simDefaults, { fillModel: 'close', exitSlippageBps: 0.5, takerFeeBps: 3.5, tick: 1e-12, lot: 1e-12 });
  assert.equal(trendConfidence.simDefaultsFor({ config: { global: { trade: { slippage_bps: 2 } } } }).slippageBps, 2);
  assert.equal(trendConfidence.simDefaultsFor({}).slippageBps, 10);
  assert.throws(() => trendConfidence.create({ lookback: 0 }, {}), /--param lookback: expected an integer ≥ 1/);
  assert.throws(() => trendConfidence.create({ lookback: 200 }, { config: { global: { trade: { bogus: 1 } } }, configSource: 'x.yaml' }), /x\.yaml: global\.trade\.bogus/);
});

// Benchmark of a strategy written with the public API: declared indicators (one on a longer timeframe) and
// declared exits kept as venue orders, through the full engine on the 1M-bar file.
import type { BarSeries } from '../src/core/bars.js';
import { runBacktest } from '../src/research/backtest-runner.js';
import { defineStrategy, indicators as ind } from '../src/sdk/index.js';
import { resolveParams } from '../src/strategy/params.js';

const emaTrend = defineStrategy({
  name: 'bench-ema-trend',
  params: { fast: { type: 'int', default: 10 }, slow: { type: 'int', default: 30 } },
  indicators: (p) => ({ fast: ind.ema(p.fast), slow: ind.ema(p.slow), trend: ind.sma(20, { timeframe: '1w' }) }),
  exits: { stopLoss: { atr: 3 }, trailingStop: { start: 0.02, distance: 0.02 } },
  onBar(bar, ctx) {
    const { fast, slow, trend } = ctx.ind;
    if (trend.value === undefined || ctx.position() !== 0 || ctx.hasOpenOrders()) return;
    if (fast.crossedAbove(slow) && bar.close > trend.value) ctx.buy(100, { reason: 'entry' });
  },
});

export function benchSdkStrategy(series: BarSeries[], best: (n: number, f: () => void) => number): Record<string, number> {
  const bars = series[0].length;
  const o = {
    strategy: emaTrend,
    params: resolveParams(emaTrend.name, emaTrend.params, []),
    series,
    cash: 1_000_000,
    fillModel: 'next-open' as const,
    makerFeeBps: 10,
    takerFeeBps: 10,
    feePerUnit: 0,
    multiplier: 1,
    slippageBps: 0,
    checkInvariants: false,
  };
  let fills = 0;
  const ms = best(3, () => void (fills = runBacktest(o).fills.length));
  return { sdk_strategy_bars_per_s: Math.round(bars / (ms / 1000)), sdk_strategy_fills: fills };
}

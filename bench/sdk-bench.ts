// Benchmark of a strategy written with the public API: declared indicators (one on a longer timeframe) and
// declared exits kept as venue orders, through the full engine on the 1M-bar file.
import { runBacktest, type BacktestOptions } from '../src/research/backtest-runner.js';
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

/** `base`: the engine benchmark's options (cash, fees, fill model) for the same series. */
export function benchSdkStrategy(base: BacktestOptions, best: (n: number, f: () => void) => number): Record<string, number> {
  const bars = base.series[0].length;
  const o: BacktestOptions = { ...base, strategy: emaTrend, params: resolveParams(emaTrend.name, emaTrend.params, []) };
  let fills = 0;
  const ms = best(3, () => void (fills = runBacktest(o).fills.length));
  return { sdk_strategy_bars_per_s: Math.round(bars / (ms / 1000)), sdk_strategy_fills: fills };
}

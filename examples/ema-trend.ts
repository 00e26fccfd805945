// ema-trend: EMA crossovers taken only in the direction of the higher-timeframe trend, with an ATR stop and a
// trailing stop kept by the engine. An example of indicators, a longer timeframe and declarative exits.
//
//   sextant backtest --strategy examples/ema-trend.ts --data ../shared/data/aiquant/candles_1h.json --fees hyperliquid
import { defineStrategy, indicators as ind } from 'sextant';

export default defineStrategy({
  name: 'ema-trend',
  summary: 'EMA crossover with the daily trend, ATR stop, trailing stop',
  params: {
    fast: { type: 'int', default: 12, min: 2, max: 200, help: 'fast EMA period, bars' },
    slow: { type: 'int', default: 48, min: 3, max: 500, help: 'slow EMA period, bars' },
    trend: { type: 'string', default: '1d', choices: ['4h', '1d'], help: 'timeframe of the trend filter' },
    trendPeriod: { type: 'int', default: 20, min: 2, max: 200, help: 'EMA period of the trend filter, in trend bars' },
    stake: { type: 'number', default: 0.3, min: 0.01, max: 3, help: 'position notional as a fraction of equity' },
    stopAtr: { type: 'number', default: 2.5, min: 0.5, max: 10, help: 'initial stop, ATRs from the entry' },
    trailStart: { type: 'number', default: 0.03, min: 0, max: 1, help: 'profit that arms the trailing stop, fraction' },
    trailDistance: { type: 'number', default: 0.02, min: 0.001, max: 0.5, help: 'trailing distance behind the best price, fraction' },
  },
  indicators: (p) => ({
    fast: ind.ema(p.fast),
    slow: ind.ema(p.slow),
    // Computed on closed daily (or 4-hour) bars built from the run's own bars: no look-ahead.
    trend: ind.ema(p.trendPeriod, { timeframe: p.trend }),
  }),
  exits: (p) => ({
    stopLoss: { atr: p.stopAtr, period: 14 },
    trailingStop: { start: p.trailStart, distance: p.trailDistance },
  }),
  onBar(bar, ctx) {
    const { fast, slow, trend } = ctx.ind;
    if (trend.value === undefined || ctx.position() !== 0 || ctx.hasOpenOrders()) return;
    const qty = (ctx.equity() * ctx.params.stake) / bar.close;
    if (fast.crossedAbove(slow) && bar.close > trend.value) ctx.buy(qty, { reason: 'trend long' });
    else if (fast.crossedBelow(slow) && bar.close < trend.value) ctx.sell(qty, { reason: 'trend short' });
  },
});

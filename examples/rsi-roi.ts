// rsi-roi: a freqtrade-style mean-reversion strategy. Buys oversold dips in an up-trend; exits by freqtrade's
// ROI table (minutes since entry → profit ratio after fees) and its fixed stoploss, both kept by the engine.
//
//   sextant backtest --strategy examples/rsi-roi.ts --data ../shared/data/freqtrade/... --fees binance-futures
import { defineStrategy, indicators as ind } from 'sextant';

export default defineStrategy({
  name: 'rsi-roi',
  summary: 'RSI dip buying above the 200-bar average, freqtrade minimal_roi and stoploss',
  params: {
    rsiPeriod: { type: 'int', default: 14, min: 2, max: 100, help: 'RSI period, bars' },
    buyBelow: { type: 'number', default: 30, min: 1, max: 50, help: 'buy when RSI crosses up through this level' },
    stake: { type: 'number', default: 0.25, min: 0.01, max: 1, help: 'position notional as a fraction of equity' },
  },
  indicators: (p) => ({
    rsi: ind.rsi(p.rsiPeriod),
    trend: ind.sma(200),
  }),
  // The same table a freqtrade strategy declares as minimal_roi, and its stoploss.
  exits: {
    roi: { '0': 0.06, '120': 0.03, '360': 0.015, '720': 0 },
    stoploss: -0.08,
  },
  onBar(bar, ctx) {
    const { rsi, trend } = ctx.ind;
    if (trend.value === undefined || ctx.position() !== 0 || ctx.hasOpenOrders()) return;
    if (bar.close > trend.value && rsi.crossedAbove(ctx.params.buyBelow)) {
      ctx.buy((ctx.equity() * ctx.params.stake) / bar.close, { reason: 'rsi dip' });
    }
  },
});

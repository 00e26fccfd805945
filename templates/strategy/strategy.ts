// __NAME__: a trend-following strategy written with Sextant's strategy API.
//
//   sextant backtest --strategy ./__NAME__.ts --data candles.csv --param fast=10
//   sextant test                      # runs __NAME__.test.ts
//   sextant check                     # type-checks this folder (backtest does it before every run)
//
// The engine calls onBar once per closed bar of every symbol, in time order, after it has updated the
// indicators declared below. Orders sent in onBar fill from the next bar on (see the README's fill models).
import { defineStrategy, indicators as ind } from 'sextant';

export default defineStrategy({
  name: '__NAME__',
  summary: 'EMA crossover, long and short, sized to a fraction of equity, with an ATR stop and a trailing stop',

  // Parameters: typed, with defaults and ranges. `--param fast=8` sets one; sweeps read the ranges.
  params: {
    fast: { type: 'int', default: 12, min: 2, max: 200, help: 'fast EMA period, bars' },
    slow: { type: 'int', default: 26, min: 3, max: 400, help: 'slow EMA period, bars' },
    stake: { type: 'number', default: 0.5, min: 0.01, max: 5, help: 'position notional as a fraction of equity' },
    stopAtr: { type: 'number', default: 3, min: 0.5, max: 20, help: 'initial stop distance in ATRs' },
    trailStart: { type: 'number', default: 0.02, min: 0, max: 1, help: 'profit that arms the trailing stop, fraction' },
    trailDistance: { type: 'number', default: 0.015, min: 0.001, max: 0.5, help: 'trailing distance behind the best price, fraction' },
    shorts: { type: 'boolean', default: true, help: 'also trade short' },
  },

  // Indicators, per symbol, computed by the engine (shared when two strategies ask for the same one).
  // Read them as ctx.ind.fast.value (undefined while warming up), ctx.ind.fast.at(1) (one bar ago), and
  // ctx.ind.fast.crossedAbove(ctx.ind.slow). `{ timeframe: '4h' }` computes one on 4-hour bars built from
  // the run's own bars (closed bars only, so no look-ahead).
  indicators: (p) => ({
    fast: ind.ema(p.fast),
    slow: ind.ema(p.slow),
  }),

  // Exits the engine keeps on every position as reduce-only orders at the venue, in every mode: an initial
  // stop `stopAtr` ATRs from the entry, then a trailing stop once the position is `trailStart` in profit.
  // Also available: takeProfit, breakeven, timeStop, and freqtrade's roi table and stoploss (see the README).
  exits: (p) => ({
    stopLoss: { atr: p.stopAtr, period: 14 },
    trailingStop: { start: p.trailStart, distance: p.trailDistance },
  }),

  onBar(bar, ctx) {
    const { fast, slow } = ctx.ind;
    const pos = ctx.position();
    // Exit on the opposite cross (the engine cancels the stop once the position is closed).
    if ((pos > 0 && fast.crossedBelow(slow)) || (pos < 0 && fast.crossedAbove(slow))) {
      ctx.closePosition({ reason: 'ema cross' });
      return;
    }
    if (pos !== 0 || ctx.hasOpenOrders()) return;
    // Size: a fraction of equity at this close; buy/sell round it down to the lot size.
    const qty = (ctx.equity() * ctx.params.stake) / bar.close;
    if (fast.crossedAbove(slow)) ctx.buy(qty, { reason: 'entry long' });
    else if (ctx.params.shorts && fast.crossedBelow(slow)) ctx.sell(qty, { reason: 'entry short' });
  },

  onOrderRejected(rejection, ctx) {
    // Rejections are also counted by reason in the run's summary; log them while developing.
    console.warn(`${new Date(ctx.now()).toISOString()} rejected ${rejection.clientId}: ${rejection.reason}`);
  },
});

// Exit reason strings, as the reference engine names them (the fixed part, without its numeric detail).
//
// The reference appends live numbers to some smart-exit reasons, e.g. "Trend Exhaustion (ADX < 18)" or
// "Stagnation Exit (Low Vol: 1.23 < 4.56)". Sextant reports the stable prefix only, so reasons group and
// compare across runs; the numbers are derivable from the bar.

export const EXIT_REASON = {
  stopLoss: 'Stop Loss',
  trailingStop: 'Trailing Stop',
  takeProfit: 'Take Profit',
  takeProfitPartial: 'Take Profit (Partial)',
  trendBreakdown: 'Trend Breakdown (EMA Cross)',
  trendExhaustion: 'Trend Exhaustion',
  macroBreakdown: 'EMA Macro Breakdown',
  macroBreakout: 'EMA Macro Breakout',
  stagnation: 'Stagnation Exit',
  fundingHeadwind: 'Funding Headwind Exit',
  tsme: 'Trend Saturation Momentum Exhaustion',
  mmde: 'MACD Persistent Divergence',
  rsiOverbought: 'RSI Overbought',
  rsiOversold: 'RSI Oversold',
  signalFlip: 'Signal Flip',
  endOfBacktest: 'End of Backtest',
} as const;

export type ExitReason = (typeof EXIT_REASON)[keyof typeof EXIT_REASON];

/** Every reason trend-confidence can put on an exit fill. */
export const EXIT_REASONS: readonly ExitReason[] = Object.values(EXIT_REASON);

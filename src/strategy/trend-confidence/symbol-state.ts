// Per-symbol state of trend-confidence: indicators, bar count, open position, PESC memory and cooldown clocks.
import { AqIndicators } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';
import type { LastClose } from './pesc.js';
import type { TcPosition } from './position.js';
import { RingWindow } from './ring-window.js';

export class SymbolState {
  readonly ind: AqIndicators;
  /** EMA-slow history for the slow-drift slope; only kept when slow-drift entries are on. */
  readonly emaSlowHist: RingWindow | undefined;
  /** Bars seen (the first bar makes it 1). */
  bars = 0;
  pos: TcPosition | undefined = undefined;
  lastClose: LastClose | undefined = undefined;
  lastEntryMs: number | undefined = undefined;
  lastExitMs: number | undefined = undefined;

  constructor(
    readonly symbol: string,
    cfg: TrendConfidenceConfig,
  ) {
    const i = cfg.indicators;
    const e = cfg.thresholds.entry;
    this.ind = new AqIndicators({
      emaFast: i.ema_fast_window,
      emaSlow: i.ema_slow_window,
      emaMacro: i.ema_macro_window,
      adx: i.adx_window,
      atr: i.atr_window,
      rsi: i.rsi_window,
      volSma: i.vol_sma_window,
      volTrend: i.vol_trend_window,
      bbWindow: i.bb_window,
      bbWidthAvgWindow: i.bb_width_avg_window,
      avgAtrWindow: e.ave_avg_atr_window,
      stochRsiWindow: i.stoch_rsi_window,
      stochRsiSmooth1: i.stoch_rsi_smooth1,
      stochRsiSmooth2: i.stoch_rsi_smooth2,
      withBollinger: cfg.filters.enable_ranging_filter || cfg.trade.enable_vol_buffered_trailing,
      withStochRsi: cfg.filters.use_stoch_rsi_filter,
      withAvgAtr: e.ave_enabled,
    });
    this.emaSlowHist = e.enable_slow_drift_entries ? new RingWindow(e.slow_drift_slope_window) : undefined;
  }

  /** (EMA slow now − EMA slow window−1 bars ago) / close, or 0 before the window is full. */
  emaSlowSlopePct(close: number): number {
    const h = this.emaSlowHist;
    if (h === undefined || !h.full || close <= 0) return 0;
    return (h.at(h.length - 1) - h.at(0)) / close;
  }
}

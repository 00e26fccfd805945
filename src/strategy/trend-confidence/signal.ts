// The Mei Alpha v1 entry signal (semantics doc §4): gate flags, DRE RSI limits, then standard → pullback → slow-drift modes.
//
// Reference conventions kept on purpose:
// - A disabled gate passes; `ADX > effective_min_adx` is strict; TMC caps the effective minimum at 25
//   when adx_slope > 0.5; AVE multiplies it when atr/avg_atr > ave_atr_ratio_gt.
// - DRE interpolates with the *raw* min_adx, not the effective one.
// - Standard mode: once the long precondition (bullish alignment and close > EMA fast) holds, the
//   short branch is not tried even if RSI/MACD/StochRSI/BTC reject the long (Python if/elif).
// - Standard mode yields Medium or High (volume > vol_sma × high_conf_volume_mult), never Low.
// - The entry ADX threshold returned with a signal is what the exhaustion exit compares against.
import type { AqSnapshot } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';
import { confidenceRank, HIGH, LOW, MEDIUM, type ConfidenceRank } from './confidence.js';

/** 1 buy, −1 sell, 0 none. */
export type SignalSide = 1 | -1 | 0;

export interface GateResult {
  isRanging: boolean;
  isAnomaly: boolean;
  isExtended: boolean;
  volConfirm: boolean;
  isTrendingUp: boolean;
  adxAboveMin: boolean;
  bullishAlignment: boolean;
  bearishAlignment: boolean;
  btcOkLong: boolean;
  btcOkShort: boolean;
  effectiveMinAdx: number;
  rsiLongLimit: number;
  rsiShortLimit: number;
  allGatesPass: boolean;
}

export interface SignalResult {
  side: SignalSide;
  confidence: ConfidenceRank;
  /** ADX threshold of the mode that fired (0 when none). */
  entryAdxThreshold: number;
}

export function emptyGates(): GateResult {
  return {
    isRanging: false, isAnomaly: false, isExtended: false, volConfirm: true, isTrendingUp: true, adxAboveMin: false,
    bullishAlignment: false, bearishAlignment: false, btcOkLong: true, btcOkShort: true,
    effectiveMinAdx: 0, rsiLongLimit: 0, rsiShortLimit: 0, allGatesPass: false,
  };
}

export function emptySignal(): SignalResult {
  return { side: 0, confidence: LOW, entryAdxThreshold: 0 };
}

/**
 * Evaluates the gates into `g`. `btcBullish` is undefined when no BTC series exists yet;
 * `emaSlowSlopePct` is (ema_slow now − ema_slow slope_window−1 bars ago) / close, or 0.
 */
export function evaluateGates(s: AqSnapshot, cfg: TrendConfidenceConfig, symbol: string, btcBullish: boolean | undefined, emaSlowSlopePct: number, g: GateResult): GateResult {
  const f = cfg.filters;
  const th = cfg.thresholds;
  const e = th.entry;

  g.isRanging = false;
  if (f.enable_ranging_filter) {
    const r = th.ranging;
    // Counted without branches here and below: each comparison is a coin flip on market data, and a
    // mispredicted branch costs more than the arithmetic.
    const votes = +(s.adx < r.adx_below) + +(s.bbWidthRatio < r.bb_width_ratio_below) + (+(s.rsi > r.rsi_low) & +(s.rsi < r.rsi_high));
    g.isRanging = votes >= Math.max(1, r.min_signals);
  }

  // Distance of the close from EMA fast, read by both the anomaly and the extension filter.
  const emaDev = s.emaFast > 0 ? Math.abs(s.close - s.emaFast) / s.emaFast : 0;
  g.isAnomaly = false;
  if (f.enable_anomaly_filter) {
    const priceChange = s.prevClose > 0 ? Math.abs(s.close - s.prevClose) / s.prevClose : 0;
    g.isAnomaly = (+(priceChange > th.anomaly.price_change_pct_gt) | +(emaDev > th.anomaly.ema_fast_dev_pct_gt)) === 1;
  }

  g.isExtended = false;
  if (f.enable_extension_filter) g.isExtended = emaDev > e.max_dist_ema_fast;

  // The reference has no previous-bar volume in its snapshot and uses vol_trend as the "recent bars" proxy.
  g.volConfirm = !f.require_volume_confirmation || (f.vol_confirm_include_prev ? s.volume > s.volSma || s.volTrend : s.volume > s.volSma && s.volTrend);
  g.isTrendingUp = !f.require_adx_rising || (+(s.adxSlope > 0) | +(s.adx > f.adx_rising_saturation)) === 1;

  let minAdx = e.min_adx;
  if (s.adxSlope > 0.5) minAdx = Math.min(minAdx, 25);
  if (e.ave_enabled && s.avgAtr > 0 && s.atr / s.avgAtr > e.ave_atr_ratio_gt) minAdx *= e.ave_adx_mult > 0 ? e.ave_adx_mult : 1;
  g.effectiveMinAdx = minAdx;
  g.adxAboveMin = s.adx > minAdx;

  g.bullishAlignment = s.emaFast > s.emaSlow;
  g.bearishAlignment = s.emaFast < s.emaSlow;
  if (f.require_macro_alignment) {
    g.bullishAlignment = g.bullishAlignment && s.emaSlow > s.emaMacro;
    g.bearishAlignment = g.bearishAlignment && s.emaSlow < s.emaMacro;
  }

  // The symbol test comes last: it allocates a string whenever the name is not already upper case.
  const exempt = !f.require_btc_alignment || btcBullish === undefined || s.adx > e.btc_adx_override || symbol.toUpperCase() === 'BTC';
  g.btcOkLong = exempt || btcBullish === true;
  g.btcOkShort = exempt || btcBullish === false;

  if (e.enable_slow_drift_entries && g.isRanging && Math.abs(emaSlowSlopePct) >= e.slow_drift_min_slope_pct) g.isRanging = false;

  const tp = th.tp_and_momentum;
  const adxMax = tp.adx_strong_gt > e.min_adx ? tp.adx_strong_gt : e.min_adx + 1;
  const w = Math.min(1, Math.max(0, (s.adx - e.min_adx) / (adxMax - e.min_adx)));
  g.rsiLongLimit = tp.rsi_long_weak + w * (tp.rsi_long_strong - tp.rsi_long_weak);
  g.rsiShortLimit = tp.rsi_short_weak + w * (tp.rsi_short_strong - tp.rsi_short_weak);

  g.allGatesPass = (+g.adxAboveMin & +!g.isRanging & +!g.isAnomaly & +!g.isExtended & +g.volConfirm & +g.isTrendingUp) === 1;
  return g;
}

function macdOk(mode: string, side: 1 | -1, hist: number, prev: number): boolean {
  if (mode === 'sign') return side === 1 ? hist > 0 : hist < 0;
  if (mode === 'none') return true;
  return side === 1 ? hist > prev : hist < prev;
}

function set(out: SignalResult, side: SignalSide, conf: ConfidenceRank, thr: number): SignalResult {
  out.side = side;
  out.confidence = conf;
  out.entryAdxThreshold = thr;
  return out;
}

/** Standard trend mode; writes a signal or leaves `out.side` 0. */
function standard(s: AqSnapshot, g: GateResult, cfg: TrendConfidenceConfig, out: SignalResult): void {
  const e = cfg.thresholds.entry;
  const stochOn = cfg.filters.use_stoch_rsi_filter;
  const conf = s.volume > s.volSma * e.high_conf_volume_mult ? HIGH : MEDIUM;
  if (g.bullishAlignment && s.close > s.emaFast) {
    if (s.rsi > g.rsiLongLimit && macdOk(e.macd_hist_entry_mode, 1, s.macdHist, s.prevMacdHist)) {
      const stochOk = !stochOn || s.stochK < cfg.thresholds.stoch_rsi.block_long_if_k_gt;
      if (stochOk && g.btcOkLong) set(out, 1, conf, g.effectiveMinAdx);
    }
  } else if (g.bearishAlignment && s.close < s.emaFast) {
    if (s.rsi < g.rsiShortLimit && macdOk(e.macd_hist_entry_mode, -1, s.macdHist, s.prevMacdHist)) {
      const stochOk = !stochOn || s.stochK > cfg.thresholds.stoch_rsi.block_short_if_k_lt;
      if (stochOk && g.btcOkShort) set(out, -1, conf, g.effectiveMinAdx);
    }
  }
}

/** Pullback continuation: a close crossing EMA fast in the trend's direction. */
function pullback(s: AqSnapshot, g: GateResult, cfg: TrendConfidenceConfig, out: SignalResult): void {
  const e = cfg.thresholds.entry;
  const conf = confidenceRank(e.pullback_confidence);
  const crossUp = s.prevClose <= s.prevEmaFast && s.close > s.emaFast;
  const crossDown = s.prevClose >= s.prevEmaFast && s.close < s.emaFast;
  if (crossUp && g.bullishAlignment && g.btcOkLong) {
    if ((!e.pullback_require_macd_sign || s.macdHist > 0) && s.rsi >= e.pullback_rsi_long_min) set(out, 1, conf, e.pullback_min_adx);
  } else if (crossDown && g.bearishAlignment && g.btcOkShort) {
    if ((!e.pullback_require_macd_sign || s.macdHist < 0) && s.rsi <= e.pullback_rsi_short_max) set(out, -1, conf, e.pullback_min_adx);
  }
}

/** Slow drift: a grinding EMA-slow slope; always Low confidence. */
function slowDrift(s: AqSnapshot, g: GateResult, cfg: TrendConfidenceConfig, slope: number, out: SignalResult): void {
  const e = cfg.thresholds.entry;
  const min = e.slow_drift_min_slope_pct;
  if (g.bullishAlignment && s.close > s.emaSlow && g.btcOkLong && slope >= min) {
    if ((!e.slow_drift_require_macd_sign || s.macdHist > 0) && s.rsi >= e.slow_drift_rsi_long_min) set(out, 1, LOW, e.slow_drift_min_adx);
  } else if (g.bearishAlignment && s.close < s.emaSlow && g.btcOkShort && slope <= -min) {
    if ((!e.slow_drift_require_macd_sign || s.macdHist < 0) && s.rsi <= e.slow_drift_rsi_short_max) set(out, -1, LOW, e.slow_drift_min_adx);
  }
}

/** The gate subset the pullback and slow-drift modes require. */
function subsetOk(s: AqSnapshot, g: GateResult, minAdx: number): boolean {
  return !g.isAnomaly && !g.isExtended && !g.isRanging && g.volConfirm && s.adx >= minAdx;
}

/** The signal of this bar into `out`: the first mode that fires, in priority order. */
export function generateSignal(s: AqSnapshot, g: GateResult, cfg: TrendConfidenceConfig, emaSlowSlopePct: number, out: SignalResult): SignalResult {
  set(out, 0, LOW, 0);
  const e = cfg.thresholds.entry;
  if (g.allGatesPass) {
    standard(s, g, cfg, out);
    if (out.side !== 0) return out;
  }
  if (e.enable_pullback_entries && subsetOk(s, g, e.pullback_min_adx)) {
    pullback(s, g, cfg, out);
    if (out.side !== 0) return out;
  }
  if (e.enable_slow_drift_entries && subsetOk(s, g, e.slow_drift_min_adx)) slowDrift(s, g, cfg, emaSlowSlopePct, out);
  return out;
}

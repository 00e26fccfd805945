// The full Mei Alpha v1 config: every key of the reference engine with its built-in default and allowed range.
//
// Ranges reject what cannot work (windows < 1, negative sizes, fees or cooldowns, fractions above 1)
// but not thresholds that are only compared against indicators: the reference's own fixtures use
// values such as min_adx −1 to mean "always passes".
//
// Defaults are the reference engine's (`_DEFAULT_STRATEGY_CONFIG` / bt-core `StrategyConfig::default`),
// not the golden fixture's: the fixture YAML is a partial overlay and several omitted defaults are
// live (PESC, trailing 1.0/0.8, exhaustion < 18, MACD `accel`, the 2.5× volume High upgrade).
import { bool, confidence, fraction, int, level, macdMode, nonneg, num, positive, str, window, type ConfigOf } from './config-rules.js';

const TRADE = {
  // Core sizing. `leverage` is traded only with enable_dynamic_leverage off; otherwise the tier decides.
  allocation_pct: num(0.03, { gt: 0, max: 1 }),
  sl_atr_mult: positive(2.0),
  tp_atr_mult: positive(4.0),
  leverage: positive(3.0),

  // REEF (RSI entry extreme filter).
  enable_reef_filter: bool(true),
  reef_long_rsi_block_gt: level(70),
  reef_short_rsi_block_lt: level(30),
  reef_adx_threshold: level(45),
  reef_long_rsi_extreme_gt: level(75),
  reef_short_rsi_extreme_lt: level(25),

  // Leverage by confidence tier; leverage_max_cap 0 = no cap.
  enable_dynamic_leverage: bool(true),
  leverage_low: num(1, { min: 1 }),
  leverage_medium: num(3, { min: 1 }),
  leverage_high: num(5, { min: 1 }),
  leverage_max_cap: nonneg(0),

  // Execution.
  slippage_bps: nonneg(10),
  use_bbo_for_fills: bool(true),
  min_notional_usd: nonneg(10),
  bump_to_min_notional: bool(false),
  max_total_margin_pct: positive(0.6),

  // Dynamic sizing.
  enable_dynamic_sizing: bool(true),
  confidence_mult_high: nonneg(1.0),
  confidence_mult_medium: nonneg(0.7),
  confidence_mult_low: nonneg(0.5),
  adx_sizing_min_mult: fraction(0.6),
  adx_sizing_full_adx: nonneg(40),
  vol_baseline_pct: nonneg(0.01),
  vol_scalar_min: nonneg(0.5),
  vol_scalar_max: nonneg(1.0),

  // Pyramiding.
  enable_pyramiding: bool(true),
  max_adds_per_symbol: int(2),
  add_fraction_of_base_margin: nonneg(0.5),
  add_cooldown_minutes: int(60),
  add_min_profit_atr: num(0.5),
  add_min_confidence: confidence('medium'),
  entry_min_confidence: confidence('high'),

  // Partial take profit; tp_partial_atr_mult 0 = at the full TP level.
  enable_partial_tp: bool(true),
  tp_partial_pct: fraction(0.5),
  tp_partial_min_notional_usd: nonneg(10),
  tp_partial_atr_mult: nonneg(0),
  trailing_start_atr: nonneg(1.0),
  trailing_distance_atr: nonneg(0.8),

  // SSF and breakeven.
  enable_ssf_filter: bool(true),
  enable_breakeven_stop: bool(true),
  breakeven_start_atr: nonneg(0.7),
  breakeven_buffer_atr: nonneg(0.05),

  // Low-confidence overrides (0 = use the general value).
  trailing_start_atr_low_conf: nonneg(0),
  trailing_distance_atr_low_conf: nonneg(0),
  smart_exit_adx_exhaustion_lt: nonneg(18),
  smart_exit_adx_exhaustion_lt_low_conf: nonneg(0),

  // RSI overextension exit.
  enable_rsi_overextension_exit: bool(true),
  rsi_exit_profit_atr_switch: nonneg(1.5),
  rsi_exit_ub_lo_profit: level(80),
  rsi_exit_ub_hi_profit: level(70),
  rsi_exit_lb_lo_profit: level(20),
  rsi_exit_lb_hi_profit: level(30),
  rsi_exit_ub_lo_profit_low_conf: level(0),
  rsi_exit_ub_hi_profit_low_conf: level(0),
  rsi_exit_lb_lo_profit_low_conf: level(0),
  rsi_exit_lb_hi_profit_low_conf: level(0),

  // PESC (post-exit same-direction cooldown); reentry_cooldown_minutes 0 = off.
  reentry_cooldown_minutes: int(60),
  reentry_cooldown_min_mins: int(45),
  reentry_cooldown_max_mins: int(180),

  enable_vol_buffered_trailing: bool(true),

  // TSME (trend saturation momentum exit).
  tsme_min_profit_atr: num(1.0),
  tsme_require_adx_slope_negative: bool(true),

  // ATR floor, signal reversal, glitch guard.
  min_atr_pct: nonneg(0.003),
  reverse_entry_signal: bool(false),
  block_exits_on_extreme_dev: bool(false),
  glitch_price_dev_pct: nonneg(0.4),
  glitch_atr_mult: nonneg(12),

  // Capacity and cooldowns.
  max_open_positions: int(20),
  entry_cooldown_s: int(20),
  exit_cooldown_s: int(15),
  max_entry_orders_per_loop: int(6),
} as const;

const INDICATORS = {
  ema_slow_window: window(50),
  ema_fast_window: window(20),
  ema_macro_window: window(200),
  adx_window: window(14),
  bb_window: window(20),
  bb_width_avg_window: window(30),
  atr_window: window(14),
  rsi_window: window(14),
  vol_sma_window: window(20),
  vol_trend_window: window(5),
  stoch_rsi_window: window(14),
  stoch_rsi_smooth1: window(3),
  stoch_rsi_smooth2: window(3),
  // Accepted for compatibility; the reference reads thresholds.entry.ave_avg_atr_window (its single source).
  ave_avg_atr_window: window(50),
} as const;

const FILTERS = {
  enable_ranging_filter: bool(true),
  enable_anomaly_filter: bool(true),
  enable_extension_filter: bool(true),
  require_adx_rising: bool(true),
  adx_rising_saturation: level(40),
  require_volume_confirmation: bool(false),
  vol_confirm_include_prev: bool(true),
  use_stoch_rsi_filter: bool(true),
  require_btc_alignment: bool(true),
  require_macro_alignment: bool(false),
} as const;

const MARKET_REGIME = {
  enable_regime_filter: bool(false),
  breadth_block_short_above: level(90),
  breadth_block_long_below: level(10),
  enable_auto_reverse: bool(false),
  auto_reverse_breadth_low: level(10),
  auto_reverse_breadth_high: level(90),
} as const;

const THRESHOLDS = {
  entry: {
    min_adx: level(22),
    high_conf_volume_mult: nonneg(2.5),
    btc_adx_override: level(40),
    max_dist_ema_fast: nonneg(0.04),
    ave_enabled: bool(true),
    ave_atr_ratio_gt: nonneg(1.5),
    ave_adx_mult: nonneg(1.25),
    ave_avg_atr_window: window(50),
    macd_hist_entry_mode: macdMode('accel'),
    enable_pullback_entries: bool(false),
    pullback_confidence: confidence('low'),
    pullback_min_adx: level(22),
    pullback_rsi_long_min: level(50),
    pullback_rsi_short_max: level(50),
    pullback_require_macd_sign: bool(true),
    enable_slow_drift_entries: bool(false),
    slow_drift_slope_window: window(20),
    slow_drift_min_slope_pct: nonneg(0.0006),
    slow_drift_min_adx: level(10),
    slow_drift_rsi_long_min: level(50),
    slow_drift_rsi_short_max: level(50),
    slow_drift_require_macd_sign: bool(true),
  },
  ranging: {
    min_signals: int(2, 1),
    adx_below: level(21),
    bb_width_ratio_below: nonneg(0.8),
    rsi_low: level(47),
    rsi_high: level(53),
  },
  anomaly: {
    price_change_pct_gt: nonneg(0.1),
    ema_fast_dev_pct_gt: nonneg(0.5),
  },
  tp_and_momentum: {
    adx_strong_gt: level(40),
    adx_weak_lt: level(30),
    tp_mult_strong: level(7),
    tp_mult_weak: level(3),
    rsi_long_strong: level(52),
    rsi_long_weak: level(56),
    rsi_short_strong: level(48),
    rsi_short_weak: level(44),
  },
  stoch_rsi: {
    block_long_if_k_gt: level(0.85),
    block_short_if_k_lt: level(0.15),
  },
} as const;

// Sub-bar mode (entry/exit intervals) needs sub-bar candles, which Sextant does not feed to a strategy:
// these keys are accepted and validated but do not change behaviour (see config.ts).
const ENGINE = {
  interval: str('1h'),
  entry_interval: str(''),
  exit_interval: str(''),
  loop_target_s: int(60),
  signal_on_candle_close: bool(true),
} as const;

/** The schema: one source for defaults, types and ranges. */
export const TREND_CONFIDENCE_SCHEMA = {
  trade: TRADE,
  indicators: INDICATORS,
  filters: FILTERS,
  market_regime: MARKET_REGIME,
  thresholds: THRESHOLDS,
  engine: ENGINE,
} as const;

export type TrendConfidenceConfig = ConfigOf<typeof TREND_CONFIDENCE_SCHEMA>;
export type TradeConfig = TrendConfidenceConfig['trade'];

// Test support: configs and snapshots for the trend-confidence unit tests.
import { emptySnapshot, type AqSnapshot } from '../../strategy/trend-confidence/aiquant-indicators.js';
import { resolveTrendConfidenceConfig, type TrendConfidenceConfig } from '../../strategy/trend-confidence/config.js';

/** The golden fixture's `global:` overlay (strategy.yaml): every gate filter off, PESC and smart exits at defaults. */
export const FIXTURE_GLOBAL = {
  trade: {
    allocation_pct: 0.1, sl_atr_mult: 2.0, tp_atr_mult: 4.0, leverage: 1.0, max_open_positions: 3, max_total_margin_pct: 1.0,
    slippage_bps: 0.0, use_bbo_for_fills: false, min_notional_usd: 0.0, bump_to_min_notional: false,
    enable_reef_filter: false, enable_dynamic_sizing: false, enable_pyramiding: false, enable_partial_tp: false, enable_ssf_filter: false,
    enable_breakeven_stop: false, enable_rsi_overextension_exit: false, enable_vol_buffered_trailing: false, tsme_require_adx_slope_negative: false,
    min_atr_pct: 0.0, entry_min_confidence: 'low',
  },
  filters: {
    enable_ranging_filter: false, enable_anomaly_filter: false, enable_extension_filter: false, require_adx_rising: false,
    require_volume_confirmation: false, use_stoch_rsi_filter: false, require_btc_alignment: false, require_macro_alignment: false,
  },
  thresholds: { entry: { min_adx: 0.0, max_dist_ema_fast: 1.0, ave_enabled: false } },
  engine: { interval: '1h', entry_interval: '', exit_interval: '' },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = v !== null && typeof v === 'object' && cur !== null && typeof cur === 'object' ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** The fixture config with `extra` merged over its global section. */
export function fixtureConfig(extra: DeepPartial<TrendConfidenceConfig> = {}): TrendConfidenceConfig {
  return resolveTrendConfidenceConfig({ global: merge(FIXTURE_GLOBAL, extra as Record<string, unknown>) }, 'test.yaml');
}

/** A snapshot with neutral values and the given overrides. */
export function snap(over: Partial<AqSnapshot> = {}): AqSnapshot {
  return Object.assign(emptySnapshot(), { close: 100, emaFast: 100, emaSlow: 100, emaMacro: 100, atr: 1, volSma: 1, volume: 1, adx: 30 }, over);
}

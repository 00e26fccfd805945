// Exit evaluation (semantics doc §5): glitch guard, stop loss, trailing stop, take profit, smart exits — first hit wins.
//
// Reference conventions kept on purpose:
// - Everything tests the bar's close (never high/low) against levels in *entry* ATR units (A),
//   with A = 0.5 % of entry when the entry ATR is not positive.
// - Stop multiplier chain, in order: ×0.8 if adx_slope < 0 and underwater (ASE); ×1.15 if ADX > 40
//   and profit > 0.5 A (DASE); ×1.10 if ADX > 45 (SLB). Breakeven lifts the stop to E ± buffer·A.
// - The trailing stop is stored on the position and only ratchets in the trade's favour; it is
//   updated (and stored) only when the stop loss did not fire; a stored stop keeps firing even on
//   bars where profit is below the start threshold.
// - The gates' "dynamic TP multiplier" (7/3 by ADX) is computed upstream but never used for exits.
// - Funding headwind never fires: no funding rate reaches the snapshot (the reference backtester's
//   snapshot rate is always 0 as well), so that ladder is not implemented.
import type { AqSnapshot } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';
import { LOW } from './confidence.js';
import { EXIT_REASON, type ExitReason } from './exit-reasons.js';
import { effectiveAtr, isUnderwater, profitAtr, type TcPosition } from './position.js';

export interface ExitDecision {
  readonly reason: ExitReason;
  /** 1 closes the position; below 1 is a partial close of that fraction. */
  readonly fraction: number;
}

const full = (reason: ExitReason): ExitDecision => ({ reason, fraction: 1 });

/** Stop-loss price with the dynamic multiplier chain and breakeven. */
export function stopLossPrice(p: TcPosition, s: AqSnapshot, cfg: TrendConfidenceConfig): number {
  const t = cfg.trade;
  const a = effectiveAtr(p);
  const e = p.entryPrice;
  let m = t.sl_atr_mult;
  if (s.adxSlope < 0 && isUnderwater(p, s.close)) m *= 0.8;
  if (s.adx > 40) {
    const pa = (p.side === 1 ? s.close - e : e - s.close) / a;
    if (pa > 0.5) m *= 1.15;
  }
  if (s.adx > 45) m *= 1.1;
  let sl = p.side === 1 ? e - a * m : e + a * m;
  if (t.enable_breakeven_stop && t.breakeven_start_atr > 0) {
    const start = a * t.breakeven_start_atr;
    const buffer = a * t.breakeven_buffer_atr;
    if (p.side === 1 && s.close - e >= start) sl = Math.max(sl, e + buffer);
    if (p.side === -1 && e - s.close >= start) sl = Math.min(sl, e - buffer);
  }
  return sl;
}

/** The trailing distance in ATR units for this bar (before the activation check). */
export function trailingDistance(p: TcPosition, s: AqSnapshot, cfg: TrendConfidenceConfig, pa: number): number {
  const t = cfg.trade;
  const base = p.confidence === LOW && t.trailing_distance_atr_low_conf > 0 ? t.trailing_distance_atr_low_conf : t.trailing_distance_atr;
  const floor = (p.side === 1 && s.rsi > 60) || (p.side === -1 && s.rsi < 40) ? 0.7 : 0.5;
  let d = base;
  if (t.enable_vol_buffered_trailing && s.bbWidthRatio > 1.2) d *= 1.25;
  if (pa > 2) {
    const mult = s.adx > 35 && s.adxSlope > 0 ? 1.0 : s.atrSlope > 0 ? 0.75 : 0.5;
    d = base * mult;
  } else if (s.adx < 25) {
    d = base * 0.7;
  }
  return Math.max(d, floor);
}

/** Ratchets and returns the stored trailing stop (null while never activated). */
export function updateTrailing(p: TcPosition, s: AqSnapshot, cfg: TrendConfidenceConfig, pa: number): number | null {
  const t = cfg.trade;
  const start = p.confidence === LOW && t.trailing_start_atr_low_conf > 0 ? t.trailing_start_atr_low_conf : t.trailing_start_atr;
  const d = trailingDistance(p, s, cfg, pa);
  if (pa < start) return p.trailingSl;
  const a = effectiveAtr(p);
  const candidate = p.side === 1 ? s.close - a * d : s.close + a * d;
  const old = p.trailingSl;
  p.trailingSl = old === null ? candidate : p.side === 1 ? Math.max(candidate, old) : Math.min(candidate, old);
  return p.trailingSl;
}

function takeProfit(p: TcPosition, s: AqSnapshot, cfg: TrendConfidenceConfig): ExitDecision | undefined {
  const t = cfg.trade;
  const a = effectiveAtr(p);
  const hit = (mult: number): boolean => (p.side === 1 ? s.close >= p.entryPrice + a * mult : s.close <= p.entryPrice - a * mult);
  if (t.enable_partial_tp) {
    if (!p.tp1Taken) {
      const partialMult = t.tp_partial_atr_mult > 0 ? t.tp_partial_atr_mult : t.tp_atr_mult;
      if (hit(partialMult)) {
        const pct = Math.min(1, Math.max(0, t.tp_partial_pct));
        if (pct > 0 && pct < 1) {
          // Too small a remainder: hold rather than close everything (the reference's choice).
          if (p.size * (1 - pct) * s.close < t.tp_partial_min_notional_usd) return undefined;
          return { reason: EXIT_REASON.takeProfitPartial, fraction: pct };
        }
      } else if (t.tp_partial_atr_mult <= 0) {
        return undefined;
      }
    } else {
      // After TP1 only a separate partial level leaves room for a full TP; otherwise trailing manages.
      return t.tp_partial_atr_mult > 0 && hit(t.tp_atr_mult) ? full(EXIT_REASON.takeProfit) : undefined;
    }
  }
  return hit(t.tp_atr_mult) ? full(EXIT_REASON.takeProfit) : undefined;
}

function smartExit(p: TcPosition, s: AqSnapshot, cfg: TrendConfidenceConfig, symbol: string, pa: number): ExitDecision | undefined {
  const t = cfg.trade;
  const long = p.side === 1;
  const a = effectiveAtr(p);

  const emaDev = s.emaSlow > 0 ? Math.abs(s.emaFast - s.emaSlow) / s.emaSlow : 0;
  const weakCross = emaDev < 0.001 && s.adx > 25;
  if (!weakCross && (long ? s.emaFast < s.emaSlow : s.emaFast > s.emaSlow)) return full(EXIT_REASON.trendBreakdown);

  const lowConfOverride = p.confidence === LOW && t.smart_exit_adx_exhaustion_lt_low_conf > 0;
  const exhaustionLt = Math.max(0, p.entryAdxThreshold > 0 ? p.entryAdxThreshold : lowConfOverride ? t.smart_exit_adx_exhaustion_lt_low_conf : t.smart_exit_adx_exhaustion_lt);
  if (exhaustionLt > 0 && s.adx < exhaustionLt) return full(EXIT_REASON.trendExhaustion);

  if (cfg.filters.require_macro_alignment && s.emaMacro > 0) {
    if (long && s.close < s.emaMacro) return full(EXIT_REASON.macroBreakdown);
    if (!long && s.close > s.emaMacro) return full(EXIT_REASON.macroBreakout);
  }

  // PAXG (tokenised gold) is exempt upstream: its volatility is structurally low.
  if (s.atr < a * 0.7 && isUnderwater(p, s.close) && symbol.toUpperCase() !== 'PAXG') return full(EXIT_REASON.stagnation);

  if (s.adx > 50 && pa >= t.tsme_min_profit_atr && (!t.tsme_require_adx_slope_negative || s.adxSlope < 0)) {
    const fading = long ? s.macdHist < s.prevMacdHist && s.prevMacdHist < s.prev2MacdHist : s.macdHist > s.prevMacdHist && s.prevMacdHist > s.prev2MacdHist;
    if (fading) return full(EXIT_REASON.tsme);
  }

  if (pa > 1.5 && s.adx > 35) {
    const diverging = long
      ? s.macdHist < s.prevMacdHist && s.prevMacdHist < s.prev2MacdHist && s.prev2MacdHist < s.prev3MacdHist
      : s.macdHist > s.prevMacdHist && s.prevMacdHist > s.prev2MacdHist && s.prev2MacdHist > s.prev3MacdHist;
    if (diverging) return full(EXIT_REASON.mmde);
  }

  if (t.enable_rsi_overextension_exit) {
    const low = p.confidence === LOW;
    const pick = (general: number, lowConf: number): number => (low && lowConf > 0 ? lowConf : general);
    const loProfit = pa < Math.max(0, t.rsi_exit_profit_atr_switch);
    const ub = loProfit ? pick(t.rsi_exit_ub_lo_profit, t.rsi_exit_ub_lo_profit_low_conf) : pick(t.rsi_exit_ub_hi_profit, t.rsi_exit_ub_hi_profit_low_conf);
    const lb = loProfit ? pick(t.rsi_exit_lb_lo_profit, t.rsi_exit_lb_lo_profit_low_conf) : pick(t.rsi_exit_lb_hi_profit, t.rsi_exit_lb_hi_profit_low_conf);
    if (long && s.rsi > ub) return full(EXIT_REASON.rsiOverbought);
    if (!long && s.rsi < lb) return full(EXIT_REASON.rsiOversold);
  }
  return undefined;
}

/**
 * Evaluates the exits of an open position on this bar's snapshot, in the reference's fixed order.
 * Mutates `p.trailingSl` (the ratchet). Returns the first exit that fires, or undefined to hold.
 */
export function evaluateExits(p: TcPosition, s: AqSnapshot, cfg: TrendConfidenceConfig, symbol: string): ExitDecision | undefined {
  const t = cfg.trade;
  if (t.block_exits_on_extreme_dev && s.prevClose > 0) {
    const move = Math.abs(s.close - s.prevClose);
    if (move / s.prevClose > t.glitch_price_dev_pct || (s.atr > 0 && move > s.atr * t.glitch_atr_mult)) return undefined;
  }
  const sl = stopLossPrice(p, s, cfg);
  if (p.side === 1 ? s.close <= sl : s.close >= sl) return full(EXIT_REASON.stopLoss);

  const pa = profitAtr(p, s.close);
  const tsl = updateTrailing(p, s, cfg, pa);
  if (tsl !== null && (p.side === 1 ? s.close <= tsl : s.close >= tsl)) return full(EXIT_REASON.trailingStop);

  return takeProfit(p, s, cfg) ?? smartExit(p, s, cfg, symbol, pa);
}

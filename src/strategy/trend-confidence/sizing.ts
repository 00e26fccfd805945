// Entry and pyramid sizing (semantics doc §6, §6.2): margin from equity, leverage by confidence tier, headroom and minimum notional.
//
// Reference conventions kept on purpose:
// - margin = equity × allocation_pct (× confidence, ADX and volatility multipliers with dynamic sizing);
//   leverage = the confidence tier's (leverage_low/medium/high, capped by leverage_max_cap), *not*
//   trade.leverage, unless enable_dynamic_leverage is off; size = margin × leverage / close.
// - Margin is never deducted from cash; it only counts against headroom =
//   equity × max_total_margin_pct − Σ open margins. A margin above the headroom scales size and
//   margin down to it; a non-positive headroom blocks the entry.
// - Below min_notional_usd an entry is skipped, or bumped to the minimum if bump_to_min_notional.
import type { TradeConfig } from './config.js';
import { HIGH, MEDIUM, type ConfidenceRank } from './confidence.js';

export interface EntrySize {
  readonly size: number;
  readonly marginUsed: number;
  readonly leverage: number;
  readonly notional: number;
}

export interface EntrySizingInput {
  readonly equity: number;
  readonly price: number;
  /** Entry ATR (after the min_atr_pct floor). */
  readonly atr: number;
  readonly adx: number;
  readonly confidence: ConfidenceRank;
  /** The instrument's maximum leverage (the venue's tiers cap the configured one); default: no cap. */
  readonly maxLeverage?: number;
}

/** Leverage of a confidence tier. */
export function tierLeverage(t: TradeConfig, c: ConfidenceRank): number {
  if (!t.enable_dynamic_leverage) return t.leverage;
  const base = c === HIGH ? t.leverage_high : c === MEDIUM ? t.leverage_medium : t.leverage_low;
  return t.leverage_max_cap > 0 ? Math.min(base, t.leverage_max_cap) : base;
}

/** Size before the headroom and minimum-notional checks. */
export function baseEntrySize(t: TradeConfig, x: EntrySizingInput): EntrySize {
  let margin = x.equity * t.allocation_pct;
  if (t.enable_dynamic_sizing) {
    const confMult = x.confidence === HIGH ? t.confidence_mult_high : x.confidence === MEDIUM ? t.confidence_mult_medium : t.confidence_mult_low;
    const adxMult = t.adx_sizing_full_adx > 0 ? Math.min(1, Math.max(t.adx_sizing_min_mult, x.adx / t.adx_sizing_full_adx)) : t.adx_sizing_min_mult;
    const volRatio = t.vol_baseline_pct > 0 && x.price > 0 ? x.atr / x.price / t.vol_baseline_pct : 1;
    const volRaw = volRatio > 0 ? 1 / volRatio : 1;
    const volScalar = Math.min(t.vol_scalar_max, Math.max(t.vol_scalar_min, volRaw));
    margin *= confMult * adxMult * volScalar;
  }
  const leverage = Math.min(tierLeverage(t, x.confidence), x.maxLeverage ?? Infinity);
  const notional = margin * leverage;
  return { size: x.price > 0 ? notional / x.price : 0, marginUsed: margin, leverage, notional };
}

/** Margin headroom: equity × max_total_margin_pct − Σ open margins. */
export function marginHeadroom(t: TradeConfig, equity: number, totalMargin: number): number {
  return equity * t.max_total_margin_pct - totalMargin;
}

/**
 * The full entry sizing: base size, scaled down to `headroom` when its margin exceeds it, then the
 * minimum-notional rule. Undefined when the entry must be skipped (headroom ≤ 0, below minimum
 * without bump, or a non-positive result).
 */
export function sizeEntry(t: TradeConfig, x: EntrySizingInput, headroom: number): EntrySize | undefined {
  if (headroom <= 0) return undefined;
  const base = baseEntrySize(t, x);
  let { size, marginUsed } = base;
  const leverage = base.leverage;
  if (marginUsed > headroom) {
    size *= headroom / marginUsed;
    marginUsed = headroom;
  }
  let notional = size * x.price;
  if (notional < t.min_notional_usd) {
    if (!(t.bump_to_min_notional && x.price > 0)) return undefined;
    size = t.min_notional_usd / x.price;
    marginUsed = (size * x.price) / leverage;
    notional = size * x.price;
  }
  if (!(size > 0 && marginUsed > 0 && leverage > 0)) return undefined;
  return { size, marginUsed, leverage, notional };
}

/**
 * A pyramid add: margin = cash × allocation_pct × add_fraction_of_base_margin at the position's
 * leverage (the reference prices open positions at entry here, so its "equity" is the cash balance).
 * Undefined below the minimum notional without bump, or when the margin cap (inclusive) is exceeded.
 */
export function sizeAdd(t: TradeConfig, cash: number, price: number, leverage: number, totalMargin: number): EntrySize | undefined {
  if (!(price > 0)) return undefined;
  const marginUsed = cash * t.allocation_pct * t.add_fraction_of_base_margin;
  let notional = marginUsed * leverage;
  let size = notional / price;
  if (notional < t.min_notional_usd) {
    if (!t.bump_to_min_notional) return undefined;
    notional = t.min_notional_usd;
    size = notional / price;
  }
  if (cash * t.max_total_margin_pct - (totalMargin + marginUsed) < 0) return undefined;
  if (!(size > 0 && marginUsed > 0)) return undefined;
  return { size, marginUsed, leverage, notional };
}

// The risk section as written (partial overrides per layer) and its merge into RiskLimits: defaults ← global ← per symbol ← per mode.
import type { KillLevel, PctRange, RiskLimits, RiskRates } from './risk-config.js';
import type { Mode } from './sextant-config.js';

/** A range override: a number sets that end, `null` removes it (unbounded), absent keeps the lower layer's. */
export interface PctRangeOverride {
  readonly min?: number | null;
  readonly max?: number | null;
}

/**
 * One layer of risk settings: every key optional (absent = the lower layer's value). `null`
 * removes an optional limit ("no limit") that a lower layer set.
 */
export interface RiskOverrides {
  readonly maxOrderNotional?: number;
  readonly maxSymbolNotional?: number;
  readonly maxAccountNotional?: number;
  readonly maxLeverage?: number;
  readonly maxOpenPositions?: number;
  readonly minOrderNotional?: number;
  readonly stopLossPct?: PctRangeOverride;
  readonly takeProfitPct?: PctRangeOverride;
  readonly requireStopLoss?: boolean;
  readonly minRewardRisk?: number | null;
  readonly maxSlippageBps?: number;
  readonly rates?: Partial<RiskRates>;
  readonly maxDailyLoss?: number | null;
  readonly maxDrawdownPct?: number | null;
  readonly drawdownPeakReset?: RiskLimits['drawdownPeakReset'];
  readonly onBreach?: Exclude<KillLevel, 'off'>;
}

/** `risk:` in sextant.yaml: `global`, `per_symbol.<SYMBOL>`, `per_mode.<mode>`. */
export interface RiskSection {
  readonly global: RiskOverrides;
  readonly perSymbol: Readonly<Record<string, RiskOverrides>>;
  readonly perMode: Readonly<Partial<Record<Mode, RiskOverrides>>>;
}

export const EMPTY_RISK_SECTION: RiskSection = { global: {}, perSymbol: {}, perMode: {} };

/**
 * The built-in limits (the lowest layer). Sized for the paper account of the local venue
 * (10 000 USDC); token buckets as issue 10 gives them; Hyperliquid's 10 USD minimum order value.
 */
export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  maxOrderNotional: 5_000,
  maxSymbolNotional: 10_000,
  maxAccountNotional: 30_000,
  maxLeverage: 5,
  maxOpenPositions: 5,
  minOrderNotional: 10,
  stopLossPct: Object.freeze({}),
  takeProfitPct: Object.freeze({}),
  requireStopLoss: false,
  maxSlippageBps: 50,
  rates: Object.freeze({ entriesPerMin: 30, entriesPerSymbolPerMin: 6, exitsPerMin: 120, cancelsPerMin: 120 }),
  maxDrawdownPct: 25,
  drawdownPeakReset: 'never',
  onBreach: 'close_only',
});

function mergeRange(base: PctRange, o: PctRangeOverride | undefined): PctRange {
  if (o === undefined) return base;
  const out: { min?: number; max?: number } = { ...base };
  for (const end of ['min', 'max'] as const) {
    const v = o[end];
    if (v === null) delete out[end];
    else if (v !== undefined) out[end] = v;
  }
  return out;
}

/** `base` with the layer `o` on top, key by key (nested `rates` and ranges key by key too; `null` removes a key). */
export function mergeRisk(base: RiskLimits, o: RiskOverrides): RiskLimits {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else if (k === 'stopLossPct' || k === 'takeProfitPct') out[k] = mergeRange(base[k], v as PctRangeOverride);
    else if (k === 'rates') out[k] = { ...base.rates, ...(v as Partial<RiskRates>) };
    else out[k] = v;
  }
  return out as unknown as RiskLimits;
}

/** The layers that apply to (mode, symbol), lowest first, with their YAML names. */
export function riskLayers(section: RiskSection, mode: Mode, symbol: string | undefined): { readonly name: string; readonly overrides: RiskOverrides }[] {
  const layers = [{ name: 'risk.global', overrides: section.global }];
  const sym = symbol === undefined ? undefined : section.perSymbol[symbol];
  if (sym !== undefined) layers.push({ name: `risk.per_symbol.${symbol}`, overrides: sym });
  const m = section.perMode[mode];
  if (m !== undefined) layers.push({ name: `risk.per_mode.${mode}`, overrides: m });
  return layers;
}

/**
 * The limits for `symbol` in `mode`: DEFAULT_RISK_LIMITS ← risk.global ← risk.per_symbol[symbol]
 * ← risk.per_mode[mode]. A later layer wins for each key it sets, so a per-mode value beats a
 * per-symbol one (live: max_leverage 3 caps BTC at 3 even if per_symbol.BTC says 10). `symbol`
 * undefined: a symbol with no per-symbol layer.
 */
export function resolveRiskLimits(section: RiskSection, mode: Mode, symbol: string | undefined, defaults: RiskLimits = DEFAULT_RISK_LIMITS): RiskLimits {
  let out = defaults;
  for (const layer of riskLayers(section, mode, symbol)) out = mergeRisk(out, layer.overrides);
  return out;
}

/** Contradictions within merged limits (YAML key names), e.g. `stop_loss_pct.min 5 is above stop_loss_pct.max 3`. */
export function riskLimitProblems(l: RiskLimits): string[] {
  const out: string[] = [];
  for (const [name, r] of [['stop_loss_pct', l.stopLossPct], ['take_profit_pct', l.takeProfitPct]] as const) {
    if (r.min !== undefined && r.max !== undefined && r.min > r.max) out.push(`${name}.min ${r.min} is above ${name}.max ${r.max}`);
  }
  if (l.minOrderNotional > l.maxOrderNotional) out.push(`min_order_notional ${l.minOrderNotional} is above max_order_notional ${l.maxOrderNotional}: no order could pass`);
  return out;
}

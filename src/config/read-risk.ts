// Reads `risk:` of sextant.yaml (global, per_symbol, per_mode) into RiskOverrides layers, every key checked.
import type { ConfigPath, IssueList } from './config-issues.js';
import { readBoolean, readChoice, readMapping, readNumber, type Mapping, type NumberRule } from './read-values.js';
import type { PctRangeOverride, RiskOverrides, RiskSection } from './risk-overrides.js';
import { MODES, type Mode } from './sextant-config.js';

type NumberKey = 'maxOrderNotional' | 'maxSymbolNotional' | 'maxAccountNotional' | 'maxLeverage' | 'maxOpenPositions' | 'minOrderNotional' | 'maxSlippageBps' | 'minRewardRisk' | 'maxDailyLoss' | 'maxDrawdownPct';

/** Numeric limits: YAML key, typed key, range, and whether `null` (no limit) is allowed. */
const NUMBERS: readonly (readonly [string, NumberKey, NumberRule, boolean])[] = [
  ['max_order_notional', 'maxOrderNotional', { above: 0 }, false],
  ['max_symbol_notional', 'maxSymbolNotional', { above: 0 }, false],
  ['max_account_notional', 'maxAccountNotional', { above: 0 }, false],
  // Hyperliquid's highest leverage on any perp is 50.
  ['max_leverage', 'maxLeverage', { min: 1, max: 50 }, false],
  ['max_open_positions', 'maxOpenPositions', { integer: true, min: 1, max: 1000 }, false],
  ['min_order_notional', 'minOrderNotional', { min: 0 }, false],
  ['max_slippage_bps', 'maxSlippageBps', { min: 0, max: 10_000 }, false],
  ['min_reward_risk', 'minRewardRisk', { above: 0 }, true],
  ['max_daily_loss', 'maxDailyLoss', { above: 0 }, true],
  ['max_drawdown_pct', 'maxDrawdownPct', { above: 0, max: 100 }, true],
];

const RATE_KEYS = [
  ['entries_per_min', 'entriesPerMin'],
  ['entries_per_symbol_per_min', 'entriesPerSymbolPerMin'],
  ['exits_per_min', 'exitsPerMin'],
  ['cancels_per_min', 'cancelsPerMin'],
] as const;

const RANGES = [
  ['stop_loss_pct', 'stopLossPct', { min: 0, max: 100 }],
  ['take_profit_pct', 'takeProfitPct', { min: 0, max: 1000 }],
] as const;

/** Every key a risk layer may hold. */
export const RISK_KEYS: readonly string[] = [...NUMBERS.map((n) => n[0]), ...RANGES.map((r) => r[0]), 'require_stop_loss', 'rates', 'drawdown_peak_reset', 'on_breach'];

function readRange(v: unknown, path: ConfigPath, issues: IssueList, rule: NumberRule): PctRangeOverride | undefined {
  const m = readMapping(v, path, issues, { keys: ['min', 'max'] });
  if (m === undefined) return undefined;
  const out: { min?: number | null; max?: number | null } = {};
  for (const end of ['min', 'max'] as const) {
    const x = m[end];
    if (x === null) out[end] = null;
    else if (x !== undefined) {
      const n = readNumber(x, [...path, end], issues, rule);
      if (n !== undefined) out[end] = n;
    }
  }
  return out;
}

/** One layer (`risk.global`, `risk.per_symbol.BTC`, `risk.per_mode.live`). */
export function readRiskOverrides(v: unknown, path: ConfigPath, issues: IssueList): RiskOverrides {
  const m = readMapping(v, path, issues, { keys: RISK_KEYS });
  if (m === undefined) return {};
  const out: Record<string, unknown> = {};
  for (const [yamlKey, key, rule, nullable] of NUMBERS) {
    const x = m[yamlKey];
    if (x === undefined) continue;
    if (x === null && nullable) out[key] = null;
    else {
      const n = readNumber(x, [...path, yamlKey], issues, rule);
      if (n !== undefined) out[key] = n;
    }
  }
  for (const [yamlKey, key, rule] of RANGES) {
    if (m[yamlKey] === undefined) continue;
    const r = readRange(m[yamlKey], [...path, yamlKey], issues, rule);
    if (r !== undefined) out[key] = r;
  }
  if (m.require_stop_loss !== undefined) {
    const b = readBoolean(m.require_stop_loss, [...path, 'require_stop_loss'], issues);
    if (b !== undefined) out.requireStopLoss = b;
  }
  if (m.drawdown_peak_reset !== undefined) {
    const c = readChoice(m.drawdown_peak_reset, [...path, 'drawdown_peak_reset'], issues, ['never', 'daily', 'on_resume'] as const);
    if (c !== undefined) out.drawdownPeakReset = c;
  }
  if (m.on_breach !== undefined) {
    const c = readChoice(m.on_breach, [...path, 'on_breach'], issues, ['close_only', 'halt_all', 'hard', 'flatten'] as const);
    if (c !== undefined) out.onBreach = c;
  }
  if (m.rates !== undefined) {
    const rp = [...path, 'rates'];
    const rm = readMapping(m.rates, rp, issues, { keys: RATE_KEYS.map((r) => r[0]) });
    if (rm !== undefined) {
      const rates: Record<string, number> = {};
      for (const [yamlKey, key] of RATE_KEYS) {
        if (rm[yamlKey] === undefined) continue;
        const n = readNumber(rm[yamlKey], [...rp, yamlKey], issues, { integer: true, min: 1, max: 100_000 });
        if (n !== undefined) rates[key] = n;
      }
      out.rates = rates;
    }
  }
  return out as RiskOverrides;
}

/** Symbol names: Hyperliquid coins (BTC, kPEPE) and builder-deployed ones (xyz:TSLA). */
export const SYMBOL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}$/;

/** `risk:` as a whole. */
export function readRiskSection(v: unknown, path: ConfigPath, issues: IssueList): RiskSection {
  const m = readMapping(v, path, issues, { keys: ['global', 'per_symbol', 'per_mode'] });
  if (m === undefined) return { global: {}, perSymbol: {}, perMode: {} };
  const global = readRiskOverrides(m.global, [...path, 'global'], issues);
  const perSymbol: Record<string, RiskOverrides> = {};
  const ps = m.per_symbol;
  if (ps !== undefined && ps !== null) {
    const psPath = [...path, 'per_symbol'];
    const sm = mappingOfNames(ps, psPath, issues, 'a mapping from symbol (BTC, ETH, …) to risk settings');
    for (const [sym, layer] of Object.entries(sm ?? {})) {
      if (!SYMBOL_PATTERN.test(sym)) issues.add([...psPath, sym], 'expected a symbol name like BTC, ETH or kPEPE (letters, digits, . _ : / -)');
      else perSymbol[sym] = readRiskOverrides(layer, [...psPath, sym], issues);
    }
  }
  const perMode: Partial<Record<Mode, RiskOverrides>> = {};
  if (m.per_mode !== undefined) {
    const pm = readMapping(m.per_mode, [...path, 'per_mode'], issues, { keys: MODES });
    for (const mode of MODES) if (pm?.[mode] !== undefined) perMode[mode] = readRiskOverrides(pm[mode], [...path, 'per_mode', mode], issues);
  }
  return { global, perSymbol, perMode };
}

function mappingOfNames(v: unknown, path: ConfigPath, issues: IssueList, expectation: string): Mapping | undefined {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Mapping;
  issues.expected(path, expectation, v);
  return undefined;
}

// Resolving the trend-confidence config: built-in defaults deep-merged with the YAML `global:` overlay, validated once.
//
// Conventions (the reference engine's `load_config`, with stricter checking):
// - Effective config = defaults ← `global:`. Mappings merge key by key; any other value (scalar or
//   array) replaces; an explicit `null` keeps the default, as in the reference.
// - `symbols:` (per-symbol overlays) and `live:` (live-mode overlay) are keys of the reference file
//   format. Its CPU backtester loads the config with no symbol and not live, so neither changes a
//   backtest; here both are validated like `global:` (typos still fail) and then ignored.
// - `engine.entry_interval`/`exit_interval`/`signal_on_candle_close`/`loop_target_s` and
//   `trade.use_bbo_for_fills` are accepted and ignored: they select sub-bar candles, the live loop or
//   BBO fills, none of which reaches a Sextant strategy. `indicators.ave_avg_atr_window` is ignored
//   because the reference reads `thresholds.entry.ave_avg_atr_window`.
// - Unknown keys, wrong types and out-of-range values throw BadInputError naming `<file>: <path>`.
import { BadInputError } from '../../core/errors.js';
import { checkLeaf, describeRule, isLeaf, type LeafRule, type SchemaSection } from './config-rules.js';
import { TREND_CONFIDENCE_SCHEMA, type TrendConfidenceConfig } from './config-schema.js';
import { quoteJson } from '../../core/quote-input.js';
import { editDistance } from '../../core/edit-distance.js';

export type { TrendConfidenceConfig, TradeConfig } from './config-schema.js';

const TOP_LEVEL_KEYS = ['global', 'symbols', 'live'] as const;

type Plain = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function defaultsOf(section: SchemaSection): Plain {
  const out: Plain = {};
  for (const [k, node] of Object.entries(section)) out[k] = isLeaf(node) ? node.default : defaultsOf(node);
  // Dozens of keyed stores leave V8 holding `out` as a hash table, and the strategy reads these sections on
  // every bar. A spread copy has the same keys in the same order with fast (inline-cached) properties.
  return { ...out };
}

/** The built-in defaults (a fresh object each call). */
export function defaultTrendConfidenceConfig(): TrendConfidenceConfig {
  return defaultsOf(TREND_CONFIDENCE_SCHEMA) as unknown as TrendConfidenceConfig;
}


function unknownKeyReason(key: string, known: readonly string[], what: string): string {
  const best = known.map((k) => [k, editDistance(key, k)] as const).sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))[0];
  const hint = best && best[1] <= Math.max(2, Math.floor(key.length / 4)) ? ` (did you mean ${JSON.stringify(best[0])}?)` : '';
  return `unknown key ${JSON.stringify(key)} in ${what}${hint}`;
}

/** Merges `overlay` into a copy of `base`, checking every key against `schema`. */
function mergeSection(schema: SchemaSection, base: Plain, overlay: unknown, src: string, path: string): Plain {
  const out: Plain = { ...base };
  if (overlay === null || overlay === undefined) return out;
  if (!isPlainObject(overlay)) throw new BadInputError(`${src}: ${path}`, `expected a mapping of keys, got ${quoteJson(overlay)}`);
  for (const [key, value] of Object.entries(overlay)) {
    const where = `${src}: ${path}.${key}`;
    const node = (schema as Record<string, LeafRule | SchemaSection | undefined>)[key];
    if (node === undefined) throw new BadInputError(where, unknownKeyReason(key, Object.keys(schema), path));
    if (value === null) continue;
    if (isLeaf(node)) {
      const r = checkLeaf(node, value);
      if (!r.ok) throw new BadInputError(where, r.reason);
      out[key] = r.value;
    } else {
      out[key] = mergeSection(node, base[key] as Plain, value, src, `${path}.${key}`);
    }
  }
  return out;
}

function crossChecks(cfg: TrendConfidenceConfig, src: string): void {
  const t = cfg.trade;
  if (t.vol_scalar_min > t.vol_scalar_max) {
    throw new BadInputError(`${src}: global.trade.vol_scalar_min`, `must be ≤ trade.vol_scalar_max (${t.vol_scalar_max}), got ${t.vol_scalar_min}`);
  }
  if (t.reentry_cooldown_min_mins > t.reentry_cooldown_max_mins) {
    throw new BadInputError(`${src}: global.trade.reentry_cooldown_min_mins`, `must be ≤ trade.reentry_cooldown_max_mins (${t.reentry_cooldown_max_mins}), got ${t.reentry_cooldown_min_mins}`);
  }
  if (!t.enable_dynamic_leverage && t.leverage < 1) {
    throw new BadInputError(`${src}: global.trade.leverage`, `must be ≥ 1 when trade.enable_dynamic_leverage is false (it is then the traded leverage), got ${t.leverage}`);
  }
  if (t.leverage_max_cap !== 0 && t.leverage_max_cap < 1) {
    throw new BadInputError(`${src}: global.trade.leverage_max_cap`, `expected 0 (no cap) or a number ≥ 1, got ${t.leverage_max_cap}`);
  }
}

/**
 * Resolves the effective config from the parsed YAML document (`unknown`: whatever the YAML parser
 * returned; undefined or an empty document means all defaults). `source` names the file in errors.
 */
export function resolveTrendConfidenceConfig(doc: unknown, source = 'strategy config'): TrendConfidenceConfig {
  const defaults = defaultsOf(TREND_CONFIDENCE_SCHEMA);
  if (doc === undefined || doc === null) return defaults as unknown as TrendConfidenceConfig;
  if (!isPlainObject(doc)) {
    throw new BadInputError(source, `expected a YAML mapping with a global: section (the AI Quant strategy file format), got ${Array.isArray(doc) ? 'a list' : JSON.stringify(doc)}`);
  }
  for (const key of Object.keys(doc)) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue;
    const section = key in TREND_CONFIDENCE_SCHEMA ? ` (sections go under global:, e.g. global.${key})` : '';
    throw new BadInputError(`${source}: ${key}`, `unknown top-level key ${quoteJson(key)}; expected ${TOP_LEVEL_KEYS.join(', ')}${section}`);
  }
  const merged = mergeSection(TREND_CONFIDENCE_SCHEMA, defaults, doc.global, source, 'global') as unknown as TrendConfidenceConfig;
  // Validated for typos, then ignored (see the header): the reference backtester never applies them.
  const symbols = doc.symbols;
  if (symbols !== undefined && symbols !== null) {
    if (!isPlainObject(symbols)) throw new BadInputError(`${source}: symbols`, `expected a mapping of symbol → overlay, got ${quoteJson(symbols)}`);
    for (const [sym, overlay] of Object.entries(symbols)) mergeSection(TREND_CONFIDENCE_SCHEMA, defaults, overlay, source, `symbols.${sym}`);
  }
  mergeSection(TREND_CONFIDENCE_SCHEMA, defaults, doc.live, source, 'live');
  crossChecks(merged, source);
  return merged;
}

/** What a leaf at `path` (e.g. "trade.sl_atr_mult") accepts; undefined for unknown paths. For docs and tests. */
export function describeConfigKey(path: string): string | undefined {
  let node: LeafRule | SchemaSection | undefined = TREND_CONFIDENCE_SCHEMA;
  for (const part of path.split('.')) {
    if (node === undefined || isLeaf(node)) return undefined;
    node = (node as Record<string, LeafRule | SchemaSection | undefined>)[part];
  }
  return node !== undefined && isLeaf(node) ? describeRule(node) : undefined;
}

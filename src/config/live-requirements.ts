// What a config must hold before real money moves: explicit risk settings and a daily loss limit for live.
import type { ConfigIssue } from './config-issues.js';
import { resolveRiskLimits } from './risk-overrides.js';
import type { SextantConfig } from './sextant-config.js';

/**
 * Problems that make `config` unfit for live trading (empty when fit). The built-in defaults are
 * sized for a paper account, so live needs its own risk settings (`risk.global` or
 * `risk.per_mode.live`) and a daily loss limit in every live symbol's merged limits.
 */
export function liveConfigProblems(config: SextantConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const r = config.risk;
  if (Object.keys(r.global).length === 0 && Object.keys(r.perMode.live ?? {}).length === 0) {
    out.push({ path: ['risk'], message: 'live trading needs explicit risk settings in risk.global or risk.per_mode.live (the built-in defaults are sized for a paper account)' });
  }
  const symbols = [...new Set([...config.bots.filter((b) => b.enabled).flatMap((b) => b.symbols), ...Object.keys(r.perSymbol)])].sort();
  const without = [undefined, ...symbols].filter((s) => resolveRiskLimits(r, 'live', s).maxDailyLoss === undefined).map((s) => s ?? '(other symbols)');
  if (without.length > 0) out.push({ path: ['risk', 'per_mode', 'live', 'max_daily_loss'], message: `live trading needs a daily loss limit; none applies to ${without.join(', ')} (set risk.per_mode.live.max_daily_loss or risk.global.max_daily_loss)` });
  return out;
}

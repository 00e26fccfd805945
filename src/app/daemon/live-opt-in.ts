// The gate in front of live mode: an environment flag, the confirmation phrase and a healthy risk section.
import { BadInputError } from '../../core/errors.js';
import type { RiskLimits } from '../../config/risk-config.js';

export const LIVE_FLAG_ENV = 'SEXTANT_LIVE';
export const LIVE_CONFIRM_ENV = 'SEXTANT_LIVE_CONFIRM';
export const LIVE_CONFIRM_PHRASE = 'I understand this trades real money';

/**
 * What live mode needs before anything connects: `SEXTANT_LIVE=1`, the exact phrase in
 * `SEXTANT_LIVE_CONFIRM`, a risk section written in the file (not only defaults), and limits that
 * bound losses (a daily loss or drawdown limit, finite notional caps). All problems are named at once.
 */
export function checkLiveOptIn(env: Readonly<Record<string, string | undefined>>, riskWritten: boolean, limits: readonly { readonly symbol: string; readonly limits: RiskLimits }[]): void {
  const problems: string[] = [];
  if (env[LIVE_FLAG_ENV] !== '1') problems.push(`set ${LIVE_FLAG_ENV}=1 (got ${env[LIVE_FLAG_ENV] === undefined ? 'nothing' : JSON.stringify(env[LIVE_FLAG_ENV])})`);
  if (env[LIVE_CONFIRM_ENV] !== LIVE_CONFIRM_PHRASE) problems.push(`set ${LIVE_CONFIRM_ENV}="${LIVE_CONFIRM_PHRASE}" (exactly)`);
  if (!riskWritten) problems.push('write a risk section in the config file: live mode does not trade on default limits');
  for (const { symbol, limits: l } of limits) {
    if (l.maxDailyLoss === undefined && l.maxDrawdownPct === undefined) problems.push(`risk for ${symbol}: set max_daily_loss or max_drawdown_pct (nothing bounds losses)`);
    if (!Number.isFinite(l.maxAccountNotional) || !Number.isFinite(l.maxSymbolNotional) || !Number.isFinite(l.maxOrderNotional)) problems.push(`risk for ${symbol}: notional limits must be finite`);
  }
  if (problems.length > 0) throw new BadInputError('live mode', `refused to start:\n  - ${problems.join('\n  - ')}`);
}

// The risk layer's public face: the risk manager, its intents, view port, verdicts, kill levels and state.
export { RiskManager, FLATTEN_BOT_ID, type RiskManagerOptions } from './risk-manager.js';
export { deriveAction, isCancel, isEntry, type CancelIntent, type OrderIntent, type RiskAction, type RiskIntent } from './risk-intent.js';
export { DAY_MS, utcDayStart, type RiskBook, type RiskDailyPnl, type RiskOpenOrders, type RiskPosition, type RiskView } from './risk-view.js';
export { KILL_SOURCES, type KillChange, type KillSource, type RuleCode, type Verdict, type VerdictInputs } from './verdict.js';
export { KILL_COLUMNS, KILL_ENV, killAllows, killLevelFromEnv, killSeverity, parseKillLevel, type KillColumn } from './kill-level.js';
export { DEFAULT_MAX_BOOK_AGE_MS, validateLimitSet, type RiskLimitSet } from './risk-limits.js';
export { parseRiskState, RISK_STATE_VERSION, type RiskStateSnapshot } from './risk-state.js';
export { StaticRiskView, type StaticRiskViewData } from './static-view.js';

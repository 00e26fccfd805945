// The risk manager's answers: a verdict per intent and a record per kill-level change, both journaled by the caller.
import type { KillLevel } from '../config/risk-config.js';
import type { UnixMs } from '../core/clock.js';
import type { RiskAction } from './risk-intent.js';

/** Stable rule codes (README "Risk manager" lists what each checks). */
export type RuleCode =
  | 'ok'
  | 'kill_level'
  | 'action_mismatch'
  | 'nothing_to_reduce'
  | 'no_equity'
  | 'daily_pnl_stale'
  | 'book_missing'
  | 'book_stale'
  | 'book_invalid'
  | 'stop_loss_required'
  | 'stop_loss_side'
  | 'stop_loss_distance'
  | 'take_profit_side'
  | 'take_profit_distance'
  | 'reward_risk'
  | 'min_notional'
  | 'max_order_notional'
  | 'max_symbol_notional'
  | 'max_account_notional'
  | 'max_leverage'
  | 'max_symbol_leverage'
  | 'max_open_positions'
  | 'slippage'
  | 'rate_entries'
  | 'rate_entries_symbol'
  | 'rate_exits'
  | 'rate_cancels';

export type VerdictInputs = Readonly<Record<string, number | string | boolean>>;

export interface Verdict {
  readonly ts: UnixMs;
  readonly botId: string;
  readonly symbol: string;
  readonly action: RiskAction;
  readonly allowed: boolean;
  readonly rule: RuleCode;
  readonly reason: string;
  /** The numbers the deciding rule used (for a pass: the order's main figures). */
  readonly inputs: VerdictInputs;
  /** Kill-level changes this check caused (a breached daily loss or drawdown); usually empty. */
  readonly killChanges: readonly KillChange[];
}

/** Who set a kill level. `rule`: a breached daily-loss or drawdown limit (latched until resumed). */
export type KillSource = 'env' | 'file' | 'api' | 'rule';

export const KILL_SOURCES: readonly KillSource[] = ['env', 'file', 'api', 'rule'];

export interface KillChange {
  readonly ts: UnixMs;
  readonly source: KillSource;
  /** The level the source now asks for. */
  readonly level: KillLevel;
  readonly reason: string;
  /** The effective level (most severe over sources) before and after. */
  readonly previous: KillLevel;
  readonly effective: KillLevel;
  /** True when the effective level just became `flatten`: the caller should take `flattenIntents` and send them. */
  readonly flatten: boolean;
  /** For a rule: the breached rule's numbers. */
  readonly inputs?: VerdictInputs;
}

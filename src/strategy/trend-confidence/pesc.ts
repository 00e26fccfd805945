// PESC, the post-exit same-direction cooldown (semantics doc §6.1), and the per-symbol entry/exit cooldowns.
import type { TradeConfig } from './config.js';
import { EXIT_REASON } from './exit-reasons.js';

/** The last close of a symbol (partial closes count), as PESC remembers it. */
export interface LastClose {
  readonly time: number;
  /** Side of the position that was closed: 1 long, −1 short. */
  readonly side: 1 | -1;
  readonly reason: string;
}

/**
 * Cooldown in minutes for the current bar's ADX: min_mins at ADX ≥ 40, max_mins at ADX ≤ 25, linear
 * between (the reference hard-codes the 25/40 band).
 */
export function pescCooldownMinutes(t: TradeConfig, adx: number): number {
  const min = t.reentry_cooldown_min_mins;
  const max = t.reentry_cooldown_max_mins;
  if (adx >= 40) return min;
  if (adx <= 25) return max;
  return max + ((adx - 25) / 15) * (min - max);
}

/**
 * True when PESC blocks a new entry on `side` at `now`: PESC on (reentry_cooldown_minutes ≠ 0), the
 * last close was not a Signal Flip, was on the same side, and `now − close time < trunc(minutes × 60 000)`
 * (strict). So a same-direction re-entry on the exit bar itself is always blocked.
 */
export function pescBlocked(t: TradeConfig, last: LastClose | undefined, side: 1 | -1, now: number, adx: number): boolean {
  if (t.reentry_cooldown_minutes === 0 || last === undefined) return false;
  if (last.reason === EXIT_REASON.signalFlip) return false;
  if (last.side !== side) return false;
  const cooldownMs = Math.trunc(pescCooldownMinutes(t, adx) * 60_000);
  return now - last.time < cooldownMs;
}

/** True while `now − last < seconds × 1000` (never with seconds ≤ 0 or no previous event). */
export function cooldownActive(last: number | undefined, now: number, seconds: number): boolean {
  if (seconds <= 0 || last === undefined) return false;
  return now - last < seconds * 1000;
}

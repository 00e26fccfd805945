// Wiring the kill sources into the risk manager: SEXTANT_KILL at start, and the kill file's events while running.
import type { KillChange, RiskManager } from '../risk/index.js';
import { KILL_ENV, killLevelFromEnv } from '../risk/index.js';
import type { KillFileEvent } from './kill-file.js';

/**
 * Applies `SEXTANT_KILL` at start (a bad value throws a BadInputError naming it). Unset, it clears
 * the environment's level a restored state may still hold from the previous run.
 */
export function applyKillEnv(risk: RiskManager, env: Readonly<Record<string, string | undefined>>): KillChange {
  const level = killLevelFromEnv(env);
  return level === undefined ? risk.setKill('env', 'off', `${KILL_ENV} unset`) : risk.setKill('env', level, `${KILL_ENV}=${level}`);
}

/**
 * Applies a kill-file event: its level becomes the file's source level. Writing `off` (or removing
 * the file) after start is an operator's resume: it also clears a level a breached rule set. An
 * error changes nothing (the caller logs it).
 */
export function applyKillFileEvent(risk: RiskManager, event: KillFileEvent): KillChange[] {
  if (event.type === 'error') return [];
  const out = [risk.setKill('file', event.level, `kill file ${event.path}: ${event.level}`)];
  if (event.level === 'off' && event.cause !== 'start') {
    const resumed = risk.resume(`kill file ${event.path} set to off`);
    if (resumed !== undefined) out.push(resumed);
  }
  return out;
}

// Kill levels: parsing them from text and the environment, their severity, and what each allows.
import type { KillLevel } from '../config/risk-config.js';
import { KILL_LEVELS } from '../config/risk-config.js';
import { BadInputError, unreachable } from '../core/errors.js';
import { quoteInput } from '../core/quote-input.js';

/** The environment variable that sets a kill level at start. */
export const KILL_ENV = 'SEXTANT_KILL';

/**
 * What an order is, as far as the kill switch cares: entries (`open`, `add`), exits marked
 * reduce-only (protective stops and closes that can never flip a position), other exits, and cancels.
 */
export type KillColumn = 'open' | 'add' | 'exit_reduce_only' | 'exit' | 'cancel';

export const KILL_COLUMNS: readonly KillColumn[] = ['open', 'add', 'exit_reduce_only', 'exit', 'cancel'];

/**
 * Severity for combining sources and for escalation: the most severe source wins. `hard` ranks
 * above `flatten` so that no source (a breached rule included) can turn an operator's freeze into
 * a burst of closing orders.
 */
const SEVERITY: Readonly<Record<KillLevel, number>> = { off: 0, close_only: 1, halt_all: 2, flatten: 3, hard: 4 };

export function killSeverity(level: KillLevel): number {
  return SEVERITY[level];
}

/** The kill matrix (README "Kill levels"): whether `level` lets an order of `column` through. */
export function killAllows(level: KillLevel, column: KillColumn): boolean {
  switch (level) {
    case 'off':
      return true;
    case 'close_only':
      return column === 'exit_reduce_only' || column === 'exit' || column === 'cancel';
    case 'halt_all':
    case 'flatten':
      // No new orders, except reduce-only exits (which cannot open anything) and cancels.
      return column === 'exit_reduce_only' || column === 'cancel';
    case 'hard':
      // Nothing leaves: a cancel can remove a protective stop, so it is blocked too.
      return false;
    default:
      return unreachable(level, 'kill level');
  }
}

/** `text` (surrounding whitespace ignored) as a kill level, or a BadInputError naming `where`, the value and the valid levels. */
export function parseKillLevel(text: string, where: string): KillLevel {
  const t = text.trim();
  if ((KILL_LEVELS as readonly string[]).includes(t)) return t as KillLevel;
  throw new BadInputError(where, `${quoteInput(t)} is not a kill level (expected one of ${KILL_LEVELS.join(', ')})`);
}

/** The level `SEXTANT_KILL` sets, or undefined when it is unset or empty. */
export function killLevelFromEnv(env: Readonly<Record<string, string | undefined>>): KillLevel | undefined {
  const raw = env[KILL_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  return parseKillLevel(raw, KILL_ENV);
}

// Named points on the daemon's order path where the crash harness makes the process kill itself (SIGKILL), set by SEXTANT_CRASH_AT.
import { BadInputError } from '../../core/errors.js';

export const CRASH_ENV = 'SEXTANT_CRASH_AT';

/** The points, in the order an order passes them. */
export const CRASH_POINTS = [
  /** The intent and its `created` transition are stored; nothing was sent. */
  'after-intent-stored',
  /** The venue answered the order; the answer is not stored yet. */
  'after-venue-answer',
  /** A transition (an answer, a cancel, a fill's move) was stored. */
  'after-transition-stored',
  /** A fill was stored in the OMS; the bot's kernel has not taken it yet. */
  'after-fill-stored',
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

/** `point` or `point:n` (the n-th pass, 1-based; default the first). */
export function parseCrashAt(text: string): { readonly point: CrashPoint; readonly n: number } {
  const [name, count] = text.split(':');
  if (!(CRASH_POINTS as readonly string[]).includes(name)) throw new BadInputError(CRASH_ENV, `unknown crash point ${JSON.stringify(name)} (known: ${CRASH_POINTS.join(', ')})`);
  const n = count === undefined ? 1 : Number(count);
  if (!Number.isSafeInteger(n) || n < 1) throw new BadInputError(CRASH_ENV, `the pass number must be a whole number ≥ 1, got ${JSON.stringify(count)}`);
  return { point: name as CrashPoint, n };
}

/** Counts passes; at the chosen pass the process kills itself at once (no handlers, no flush: a crash). */
export class CrashPoints {
  private passes = 0;

  constructor(private readonly at: { readonly point: CrashPoint; readonly n: number } | undefined) {}

  pass(point: CrashPoint): void {
    if (this.at === undefined || this.at.point !== point) return;
    if (++this.passes === this.at.n) process.kill(process.pid, 'SIGKILL');
  }
}

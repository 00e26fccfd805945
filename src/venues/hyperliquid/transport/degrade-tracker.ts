// Counts bad-data occurrences per reason and rate-limits their reports, so a garbage flood yields a few events, not thousands.
import type { DegradedReason } from './health-events.js';

export class DegradeTracker {
  /** Occurrences per reason since the stream (or socket) was created. */
  readonly counts: Partial<Record<DegradedReason, number>> = {};
  /** Degraded until this time (scheduler ms). */
  until = -Infinity;
  private readonly reported = new Map<DegradedReason, { at: number; count: number }>();

  constructor(private readonly windowMs: number) {}

  /**
   * Records one occurrence at `now`. Returns what to report (total count, occurrences not reported
   * since the last report) or undefined when this reason was reported less than a window ago.
   */
  record(reason: DegradedReason, now: number): { count: number; unreported: number } | undefined {
    const count = (this.counts[reason] ?? 0) + 1;
    this.counts[reason] = count;
    this.until = now + this.windowMs;
    const last = this.reported.get(reason);
    if (last !== undefined && now - last.at < this.windowMs) return undefined;
    this.reported.set(reason, { at: now, count });
    return { count, unreported: last === undefined ? 0 : count - last.count - 1 };
  }

  active(now: number): boolean {
    return now < this.until;
  }
}

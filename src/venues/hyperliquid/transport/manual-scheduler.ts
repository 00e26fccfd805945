// A hand-driven Scheduler for tests: time moves only in advance(), due callbacks fire in (time, order set) order.
import { InvariantError } from '../../../core/errors.js';
import type { UnixMs } from '../../../core/clock.js';
import type { Scheduler, TimerHandle } from './scheduler.js';

interface Pending {
  readonly id: number;
  readonly at: UnixMs;
  readonly callback: () => void;
}

export class ManualScheduler implements Scheduler {
  private t: UnixMs;
  private nextId = 1;
  /** Sorted by (at, id); a few dozen at most, so an array is enough. */
  private pending: Pending[] = [];

  constructor(start: UnixMs = 0) {
    this.t = start;
  }

  now(): UnixMs {
    return this.t;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const p: Pending = { id: this.nextId++, at: this.t + Math.max(0, delayMs), callback };
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1].at > p.at) i--;
    this.pending.splice(i, 0, p);
    return { id: p.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.pending.findIndex((p) => p.id === handle.id);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** Number of callbacks waiting. */
  get size(): number {
    return this.pending.length;
  }

  /** Time of the next callback, or undefined when none is pending. */
  nextAt(): UnixMs | undefined {
    return this.pending[0]?.at;
  }

  /**
   * Moves time forward by `ms`, firing every callback due on the way at its own time (a callback
   * that schedules another inside the window sees it fire too). Returns how many fired.
   */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new InvariantError(`ManualScheduler.advance: ms must be ≥ 0, got ${ms}`);
    return this.advanceTo(this.t + ms);
  }

  /** Moves time to `t` (never backwards), firing due callbacks in order. */
  advanceTo(t: UnixMs): number {
    if (t < this.t) throw new InvariantError(`ManualScheduler: time ran backwards: ${t} < ${this.t}`);
    let fired = 0;
    while (this.pending.length > 0 && this.pending[0].at <= t) {
      const p = this.pending.shift() as Pending;
      this.t = p.at;
      fired++;
      p.callback();
    }
    this.t = t;
    return fired;
  }
}

// ManualClock: the caller-driven implementation of the time port, for the kernel in every mode and for tests.
//
// It offers two kinds of timer on one timeline, because its two users want different things:
//  - named timers (setTimer/cancelTimer) for the kernel: never fired by the clock; stepTo(t) says
//    whether any came due and takeDue() hands them over in (time, name) order. This path allocates
//    nothing per step (a boolean, no array), which the kernel's hot loop depends on.
//  - callbacks (the Scheduler port: setTimeout/clearTimeout) for transports and supervisors under
//    test: every move of time (advance, advanceTo, stepTo) fires the due ones at their own time, in
//    (time, order set) order, a callback set inside the window included.
// A separate class per kind would be two manual clocks with two notions of "now"; one class keeps one.
import { InvariantError } from './errors.js';
import type { Scheduler, TimerFired, TimerHandle, UnixMs } from './clock.js';

interface Pending {
  readonly id: number;
  readonly at: UnixMs;
  readonly callback: () => void;
}

export class ManualClock implements Scheduler {
  private t: UnixMs;
  /** Named timers sorted by (at, name). Few in practice, so an array beats a heap. */
  private timers: TimerFired[] = [];
  /** Callbacks sorted by (at, id); a few dozen at most. */
  private pending: Pending[] = [];
  private nextId = 1;

  constructor(start: UnixMs = 0) {
    this.t = start;
  }

  now(): UnixMs {
    return this.t;
  }

  // ---- named timers (the kernel) ----

  /** Schedules (or replaces) the timer `name` at time `at` (≥ now). */
  setTimer(name: string, at: UnixMs): void {
    if (at < this.t) throw new InvariantError(`timer ${name} set in the past: ${at} < ${this.t}`);
    this.cancelTimer(name);
    const timer: TimerFired = Object.freeze({ type: 'timer.fired', name, at });
    let i = this.timers.length;
    while (i > 0 && compareTimers(this.timers[i - 1], timer) > 0) i--;
    this.timers.splice(i, 0, timer);
  }

  cancelTimer(name: string): void {
    const i = this.timers.findIndex((x) => x.name === name);
    if (i >= 0) this.timers.splice(i, 1);
  }

  hasTimers(): boolean {
    return this.timers.length > 0;
  }

  /**
   * Moves time to `t` (never backwards), firing due callbacks on the way; true when named timers
   * are due (collect them with `takeDue`). The per-step form: a boolean, no array.
   */
  stepTo(t: UnixMs): boolean {
    if (t < this.t) timeRanBackwards(t, this.t);
    if (this.pending.length !== 0 && this.pending[0].at <= t) this.fireCallbacks(t);
    this.t = t;
    return this.timers.length > 0 && this.timers[0].at <= t;
  }

  /** The named timers due at the current time, in (time, name) order, removed from the schedule. */
  takeDue(): TimerFired[] {
    let k = 0;
    while (k < this.timers.length && this.timers[k].at <= this.t) k++;
    return this.timers.splice(0, k);
  }

  // ---- callbacks (the Scheduler port) ----

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
    if (!(ms >= 0)) throw new InvariantError(`ManualClock.advance: ms must be ≥ 0, got ${ms}`);
    return this.advanceTo(this.t + ms);
  }

  /** Moves time to `t` (never backwards), firing due callbacks in order; returns how many fired. */
  advanceTo(t: UnixMs): number {
    if (t < this.t) timeRanBackwards(t, this.t);
    const fired = this.fireCallbacks(t);
    this.t = t;
    return fired;
  }

  private fireCallbacks(t: UnixMs): number {
    let fired = 0;
    while (this.pending.length > 0 && this.pending[0].at <= t) {
      const p = this.pending.shift() as Pending;
      this.t = p.at;
      fired++;
      p.callback();
    }
    return fired;
  }
}

function timeRanBackwards(t: UnixMs, now: UnixMs): never {
  throw new InvariantError(`time ran backwards: ${t} < ${now}`);
}

function compareTimers(a: TimerFired, b: TimerFired): number {
  return a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

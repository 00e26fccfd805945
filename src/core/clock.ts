// Clocks: the injected source of time. SimClock moves only when told and fires due timers in (time, name) order.
import { InvariantError } from './errors.js';

/** Milliseconds since the Unix epoch, UTC. */
export type UnixMs = number;

export interface TimerFired {
  readonly type: 'timer.fired';
  readonly name: string;
  readonly at: UnixMs;
}

export interface Clock {
  now(): UnixMs;
}

/** A clock driven by the caller; used by backtests and by the kernel in every mode. */
export class SimClock implements Clock {
  private t: UnixMs;
  /** Pending timers sorted by (at, name). Few in practice, so an array beats a heap. */
  private timers: TimerFired[] = [];
  private static readonly NONE: readonly TimerFired[] = Object.freeze([]);

  constructor(start: UnixMs = 0) {
    this.t = start;
  }

  now(): UnixMs {
    return this.t;
  }

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
   * Moves time to `t` (never backwards) and returns the timers due at or before it, in (time, name)
   * order. Returns a shared empty array when none are due, so the common case allocates nothing.
   */
  /**
   * Moves time to `t` (never backwards); true when timers are due (collect them with `takeDue`).
   * The per-step form: a boolean, no array.
   */
  advance(t: UnixMs): boolean {
    if (t < this.t) timeRanBackwards(t, this.t);
    this.t = t;
    return this.timers.length > 0 && this.timers[0].at <= t;
  }

  /** The timers due at the current time, in (time, name) order, removed from the schedule. */
  takeDue(): TimerFired[] {
    let k = 0;
    while (k < this.timers.length && this.timers[k].at <= this.t) k++;
    return this.timers.splice(0, k);
  }

  advanceTo(t: UnixMs): readonly TimerFired[] {
    if (t < this.t) throw new InvariantError(`time ran backwards: ${t} < ${this.t}`);
    this.t = t;
    if (this.timers.length === 0 || this.timers[0].at > t) return SimClock.NONE;
    let k = 0;
    while (k < this.timers.length && this.timers[k].at <= t) k++;
    return this.timers.splice(0, k);
  }
}

function timeRanBackwards(t: UnixMs, now: UnixMs): never {
  throw new InvariantError(`time ran backwards: ${t} < ${now}`);
}

function compareTimers(a: TimerFired, b: TimerFired): number {
  return a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The wall clock. Only live transports and the live composition root may use it. */
export class LiveClock implements Clock {
  now(): UnixMs {
    return Date.now();
  }
}

/** ISO-8601 UTC text for a ms timestamp (for reports and errors). */
export function isoTime(t: UnixMs): string {
  return new Date(t).toISOString();
}

/** isoTime without milliseconds when they are zero: `2021-01-01T01:25:00Z`. */
export function isoShort(t: UnixMs): string {
  return isoTime(t).replace('.000Z', 'Z');
}

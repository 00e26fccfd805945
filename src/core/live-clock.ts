// LiveClock: the wall clock and Node's timers; the only implementation of the time port that reads real time.
import type { Scheduler, TimerHandle, UnixMs } from './clock.js';

export interface LiveClockOptions {
  /**
   * Timers hold the process open (default false: unref'd, so a forgotten supervisor never does).
   * A command whose work awaits these timers needs it: with nothing else pending during a backoff
   * sleep, Node would exit with the command's promise unsettled (status 13).
   */
  readonly keepAlive?: boolean;
}

/** Only live transports and the live composition roots may use it. */
export class LiveClock implements Scheduler {
  private nextId = 1;
  private readonly live = new Map<number, NodeJS.Timeout>();
  private readonly keepAlive: boolean;

  constructor(options: LiveClockOptions = {}) {
    this.keepAlive = options.keepAlive ?? false;
  }

  now(): UnixMs {
    return Date.now();
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    const t = globalThis.setTimeout(() => {
      this.live.delete(id);
      callback();
    }, Math.max(0, delayMs));
    if (!this.keepAlive) t.unref();
    this.live.set(id, t);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const t = this.live.get(handle.id);
    if (t === undefined) return;
    globalThis.clearTimeout(t);
    this.live.delete(handle.id);
  }
}

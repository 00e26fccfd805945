// The timer port of the transports: now, setTimeout, clearTimeout; the live one is the only wall-clock user here.
import type { UnixMs } from '../../../core/clock.js';

/** An opaque handle of a scheduled callback. */
export type TimerHandle = { readonly id: number };

/**
 * Time and timers, injected so tests advance time by hand (see ManualScheduler) and never sleep.
 * Callbacks run once; clearing an unknown or fired handle is a no-op.
 */
export interface Scheduler {
  now(): UnixMs;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface LiveSchedulerOptions {
  /**
   * Timers hold the process open (default false: unref'd, so a forgotten supervisor never does).
   * A command whose work awaits these timers needs it: with nothing else pending during a backoff
   * sleep, Node would exit with the command's promise unsettled (status 13).
   */
  readonly keepAlive?: boolean;
}

/** The wall clock and Node's timers. */
export class LiveScheduler implements Scheduler {
  private nextId = 1;
  private readonly live = new Map<number, NodeJS.Timeout>();
  private readonly keepAlive: boolean;

  constructor(options: LiveSchedulerOptions = {}) {
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

/**
 * Resolves after `ms` on `scheduler`, or rejects with the signal's reason when it aborts first.
 * The timer is cleared on abort, so an aborted wait leaves nothing behind.
 */
export function sleep(scheduler: Scheduler, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      scheduler.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = scheduler.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// The time port: Clock (now) and Scheduler (now + one-shot timers), injected everywhere; sleep on a Scheduler.
// The implementations: ManualClock (manual-clock.ts, driven by the caller) and LiveClock (live-clock.ts).

/** Milliseconds since the Unix epoch, UTC. */
export type UnixMs = number;

/** A named timer of the kernel that came due (see ManualClock.setTimer). */
export interface TimerFired {
  readonly type: 'timer.fired';
  readonly name: string;
  readonly at: UnixMs;
}

export interface Clock {
  now(): UnixMs;
}

/** An opaque handle of a scheduled callback. */
export type TimerHandle = { readonly id: number };

/**
 * Time and timers, injected so tests advance time by hand (ManualClock) and never sleep.
 * Callbacks run once; clearing an unknown or fired handle is a no-op.
 */
export interface Scheduler extends Clock {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
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

/** ISO-8601 UTC text for a ms timestamp (for reports and errors). */
export function isoTime(t: UnixMs): string {
  return new Date(t).toISOString();
}

/** isoTime without milliseconds when they are zero: `2021-01-01T01:25:00Z`. */
export function isoShort(t: UnixMs): string {
  return isoTime(t).replace('.000Z', 'Z');
}

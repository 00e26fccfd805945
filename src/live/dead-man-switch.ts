// The venue-side dead man's switch: scheduleCancel kept armed a lead time ahead while live, re-armed on a timer, cleared on a clean stop.
import type { Clock } from '../core/clock.js';
import type { Scheduler, TimerHandle } from '../core/clock.js';
import type { ExecutionClient } from './execution-client.js';
import type { LiveEventSink } from './live-events.js';

export interface DeadMansSwitchOptions {
  readonly client: ExecutionClient;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Open orders are cancelled this long after the last re-arm if the process stops re-arming (default 60 s). */
  readonly leadMs?: number;
  /** Re-armed this often (default 15 s; must be well under the lead). */
  readonly everyMs?: number;
  readonly onEvent?: LiveEventSink;
}

export class DeadMansSwitch {
  private timer: TimerHandle | undefined;
  private stopped = true;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly opts: DeadMansSwitchOptions) {}

  /** Arms now and keeps re-arming; a venue without scheduleCancel makes this a no-op. */
  async start(): Promise<void> {
    if (!this.opts.client.supportsScheduleCancel) return;
    this.stopped = false;
    await this.beat();
  }

  /** Settles once the arm in flight (if any) is done: for an orderly stop and for tests. */
  whenIdle(): Promise<void> {
    return this.inFlight;
  }

  /** Stops re-arming and clears the switch at the venue (a clean stop leaves orders alone). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.opts.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.opts.client.supportsScheduleCancel) await this.opts.client.scheduleCancel(undefined);
  }

  private beat(): Promise<void> {
    this.inFlight = this.arm();
    return this.inFlight;
  }

  private async arm(): Promise<void> {
    const now = this.opts.clock.now();
    const cancelAt = now + (this.opts.leadMs ?? 60_000);
    try {
      const r = await this.opts.client.scheduleCancel(cancelAt);
      if (r.status === 'ok') this.opts.onEvent?.({ type: 'dms.armed', cancelAt, ts: now });
      else this.opts.onEvent?.({ type: 'dms.failed', error: r.status === 'rejected' ? r.message : r.error.message, ts: now });
    } catch (e) {
      // Retried at the next beat; the previous arm still stands until its time.
      this.opts.onEvent?.({ type: 'dms.failed', error: e instanceof Error ? e.message : String(e), ts: now });
    }
    if (!this.stopped) this.timer = this.opts.scheduler.setTimeout(() => void this.beat(), this.opts.everyMs ?? 15_000);
  }
}

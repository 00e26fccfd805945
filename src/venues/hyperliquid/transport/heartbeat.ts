// Pings on a fixed interval and calls the timeout when a pong is late (the venue's idle close is 60 s; a dead socket can stay "open").
import type { Scheduler, TimerHandle } from '../../../core/clock.js';

export class Heartbeat {
  private pingTimer: TimerHandle | undefined;
  private pongTimer: TimerHandle | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly everyMs: number,
    private readonly timeoutMs: number,
    private readonly sendPing: () => void,
    private readonly onTimeout: (waitedMs: number) => void,
  ) {}

  /** Whether a ping is waiting for its pong. */
  get awaitingPong(): boolean {
    return this.pongTimer !== undefined;
  }

  start(): void {
    this.stop();
    this.schedule();
  }

  stop(): void {
    if (this.pingTimer !== undefined) this.scheduler.clearTimeout(this.pingTimer);
    if (this.pongTimer !== undefined) this.scheduler.clearTimeout(this.pongTimer);
    this.pingTimer = undefined;
    this.pongTimer = undefined;
  }

  pong(): void {
    if (this.pongTimer !== undefined) this.scheduler.clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private schedule(): void {
    this.pingTimer = this.scheduler.setTimeout(() => {
      this.pingTimer = undefined;
      if (this.pongTimer === undefined) {
        this.pongTimer = this.scheduler.setTimeout(() => {
          this.pongTimer = undefined;
          this.stop();
          this.onTimeout(this.timeoutMs);
        }, this.timeoutMs);
      }
      this.schedule();
      this.sendPing();
    }, this.everyMs);
  }
}

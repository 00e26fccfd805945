// A bounded outbound queue for one alert channel: never blocks the caller, honours retry-after, counts and reports every drop.
import { RetryableError } from '../core/errors.js';
import { describeError, type AlertLog } from './alert-log.js';

export interface SendQueueOptions<T> {
  /** Names the channel in log lines (`discord`, `telegram`). */
  readonly name: string;
  /** Items waiting at most; a push beyond it is dropped (and counted). */
  readonly capacity: number;
  /**
   * Delivers one item. Throw RetryableError (with retryAfterMs when the server said) to try
   * again; any other error gives the item up (counted as failed and logged).
   */
  readonly send: (item: T) => Promise<void>;
  /** The item that tells the channel's readers how many alerts were dropped. */
  readonly dropNotice: (dropped: number) => T;
  readonly log: AlertLog;
  /** Waits `ms` (real timers in the daemon: this is a transport). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Tries per item (default 5). */
  readonly maxAttempts?: number;
  /** Wait before retry `attempt` (1, 2, ...) when the server named none (default 500 ms × 2^(attempt−1), at most 30 s). */
  readonly backoffMs?: (attempt: number) => number;
  /** Secrets to keep out of log lines. */
  readonly secrets?: readonly string[];
}

export interface SendQueueStats {
  readonly queued: number;
  readonly sent: number;
  readonly dropped: number;
  readonly failed: number;
  readonly retried: number;
}

export class SendQueue<T> {
  private readonly items: T[] = [];
  private sent = 0;
  private dropped = 0;
  private failed = 0;
  private retried = 0;
  /** Drops not yet told to the channel's readers. */
  private untold = 0;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly o: SendQueueOptions<T>) {}

  /** Queues `item` and returns at once: false when the queue was full and the item was dropped. */
  push(item: T): boolean {
    if (this.closed) return this.drop('the channel is closed');
    if (this.items.length >= this.o.capacity) return this.drop(`queue full (capacity ${this.o.capacity})`);
    this.items.push(item);
    if (this.running === undefined) this.running = this.work();
    return true;
  }

  stats(): SendQueueStats {
    return { queued: this.items.length, sent: this.sent, dropped: this.dropped, failed: this.failed, retried: this.retried };
  }

  /** Resolves once everything queued was sent or given up. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** Refuses further items (counted as dropped) and waits for the queued ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private drop(why: string): false {
    this.dropped++;
    this.untold++;
    this.o.log('warn', `${this.o.name}: alert dropped, ${why}; ${this.dropped} dropped so far`);
    return false;
  }

  private async work(): Promise<void> {
    try {
      while (this.items.length > 0) {
        if (this.untold > 0) {
          const n = this.untold;
          this.untold = 0;
          await this.deliver(this.o.dropNotice(n), true);
        }
        await this.deliver(this.items.shift() as T, false);
      }
    } finally {
      // In the same step as the empty check: a push after it starts a new worker.
      this.running = undefined;
    }
  }

  private async deliver(item: T, notice: boolean): Promise<void> {
    const max = this.o.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.o.send(item);
        if (!notice) this.sent++;
        return;
      } catch (e) {
        const why = describeError(e, this.o.secrets ?? []);
        if (!(e instanceof RetryableError) || attempt >= max) {
          this.failed++;
          this.o.log('error', `${this.o.name}: alert not delivered after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${why}`);
          return;
        }
        const wait = e.retryAfterMs ?? (this.o.backoffMs ?? defaultBackoff)(attempt);
        this.retried++;
        this.o.log('warn', `${this.o.name}: retrying in ${wait} ms (attempt ${attempt + 1} of ${max}): ${why}`);
        await this.o.sleep(wait);
      }
    }
  }
}

const defaultBackoff = (attempt: number): number => Math.min(30_000, 500 * 2 ** (attempt - 1));

/** Real-timer sleep for the live channels. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

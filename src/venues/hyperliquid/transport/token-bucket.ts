// A token bucket on an injected clock: tokens refill continuously up to a capacity; debits may go into debt.
import { BadInputError } from '../../../core/errors.js';
import { type Scheduler, sleep } from '../../../core/clock.js';

export interface TokenBucketConfig {
  /** The burst: most tokens the bucket holds. */
  readonly capacity: number;
  /** Tokens added per millisecond. */
  readonly refillPerMs: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly config: TokenBucketConfig,
    private readonly scheduler: Pick<Scheduler, 'now'>,
  ) {
    if (!(config.capacity > 0)) throw new BadInputError('tokenBucket.capacity', `must be > 0, got ${config.capacity}`);
    if (!(config.refillPerMs >= 0)) throw new BadInputError('tokenBucket.refillPerMs', `must be ≥ 0, got ${config.refillPerMs}`);
    this.tokens = config.capacity;
    this.at = scheduler.now();
  }

  /** Tokens available now (negative while in debt). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /**
   * Takes `n` tokens if at least `reserve` would remain afterwards; false (and nothing taken)
   * otherwise. `reserve` keeps headroom for a more important class (cancels).
   */
  tryTake(n: number, reserve = 0): boolean {
    this.refill();
    if (this.tokens - n < reserve) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes `n` tokens unconditionally (the venue charged them already, e.g. per-row weight): may leave a debt. */
  debit(n: number): void {
    this.refill();
    this.tokens -= n;
  }

  /** Sets the level directly (e.g. from the venue's own count), clamped to the capacity. */
  set(tokens: number): void {
    this.tokens = Math.min(this.config.capacity, tokens);
    this.at = this.scheduler.now();
  }

  /** Milliseconds until `tryTake(n, reserve)` can succeed: 0 when it can now, Infinity when it never can. */
  msUntil(n: number, reserve = 0): number {
    this.refill();
    const missing = n + reserve - this.tokens;
    if (missing <= 0) return 0;
    if (n + reserve > this.config.capacity || this.config.refillPerMs === 0) return Infinity;
    return Math.ceil(missing / this.config.refillPerMs);
  }

  /** Waits (on the scheduler) until `n` tokens can be taken, then takes them; rejects when the signal aborts or it never can. */
  async take(n: number, scheduler: Scheduler, signal?: AbortSignal, reserve = 0): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.tryTake(n, reserve)) return;
      const wait = this.msUntil(n, reserve);
      if (wait === Infinity) throw new BadInputError('tokenBucket.take', `${n} tokens (+ reserve ${reserve}) exceed the capacity ${this.config.capacity}`);
      await sleep(scheduler, wait, signal);
    }
  }

  private refill(): void {
    const now = this.scheduler.now();
    const dt = now - this.at;
    if (dt <= 0) return;
    this.at = now;
    if (this.tokens < this.config.capacity) this.tokens = Math.min(this.config.capacity, this.tokens + dt * this.config.refillPerMs);
  }
}

// The per-address action budget (hyperliquid.md §7): 10 000 + 1 per USDC traded, then 1 action per 10 s; cancels get more room.
import { BadInputError } from '../../../core/errors.js';
import type { Scheduler } from '../../../core/clock.js';
import { TokenBucket } from './token-bucket.js';

export interface AddressBudgetConfig {
  /** Requests allowed before any volume (the venue's initial 10 000). */
  readonly initialRequests: number;
  /** Once exhausted, one action per this many ms (the venue: 10 s). */
  readonly exhaustedEveryMs: number;
}

export const DEFAULT_ADDRESS_BUDGET: AddressBudgetConfig = Object.freeze({ initialRequests: 10_000, exhaustedEveryMs: 10_000 });

/** The venue's `userRateLimit` answer, the ground truth to re-sync from. */
export interface UserRateLimit {
  readonly nRequestsUsed: number;
  readonly nRequestsCap: number;
}

export class AddressBudget {
  private used = 0;
  private cap: number;
  /** The trickle once the cap is reached. */
  private readonly trickle: TokenBucket;

  constructor(
    scheduler: Pick<Scheduler, 'now'>,
    readonly config: AddressBudgetConfig = DEFAULT_ADDRESS_BUDGET,
  ) {
    if (!(config.initialRequests >= 0)) throw new BadInputError('hyperliquid.rateLimits.address.initialRequests', `must be ≥ 0, got ${config.initialRequests}`);
    if (!(config.exhaustedEveryMs > 0)) throw new BadInputError('hyperliquid.rateLimits.address.exhaustedEveryMs', `must be > 0, got ${config.exhaustedEveryMs}`);
    this.cap = config.initialRequests;
    this.trickle = new TokenBucket({ capacity: 1, refillPerMs: 1 / config.exhaustedEveryMs }, scheduler);
  }

  /** Replaces our count with the venue's (other processes signing for the same address spend it too). */
  sync(limit: UserRateLimit): void {
    this.used = limit.nRequestsUsed;
    this.cap = limit.nRequestsCap;
  }

  /** Every USDC traded adds one request. */
  creditVolume(usdc: number): void {
    if (usdc > 0) this.cap += usdc;
  }

  /** Requests left before the trickle: for cancels the venue allows min(cap + 100 000, 2 × cap). */
  remaining(kind: 'action' | 'cancel'): number {
    const limit = kind === 'cancel' ? Math.min(this.cap + 100_000, 2 * this.cap) : this.cap;
    return Math.max(0, limit - this.used);
  }

  /**
   * Spends `n` requests (a batch of n counts n here, unlike the IP weight) and returns 0, or
   * returns how many ms to wait without spending. Once exhausted each action takes one trickle
   * slot whatever its size; a batch the venue then refuses comes back as a rate-limit error.
   */
  tryTake(n: number, kind: 'action' | 'cancel'): number {
    if (this.remaining(kind) >= n) {
      this.used += n;
      return 0;
    }
    if (this.trickle.tryTake(1)) {
      this.used += n;
      return 0;
    }
    return this.trickle.msUntil(1);
  }
}

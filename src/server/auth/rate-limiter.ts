// Token buckets per key (an IP address, a user) on the injected clock: take one, or learn how long until one is back.
import type { Clock } from '../../core/clock.js';
import { InvariantError } from '../../core/errors.js';

export interface BucketRule {
  /** Tokens a full bucket holds: the burst allowed. */
  readonly capacity: number;
  /** Tokens added per second, up to capacity. */
  readonly perSecond: number;
}

/** `n` per minute, all of them at once allowed. */
export const perMinute = (n: number): BucketRule => ({ capacity: n, perSecond: n / 60 });

interface Bucket {
  tokens: number;
  at: number;
}

/** undefined: allowed; a number: ms until a token is back. */
export type Take = number | undefined;

/**
 * Buckets keyed by string, created full on first sight. Memory is bounded: past `maxKeys` buckets,
 * the ones already refilled (indistinguishable from new) are dropped, then the oldest.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly clock: Clock,
    private readonly rule: BucketRule,
    private readonly maxKeys = 10_000,
  ) {
    if (!(rule.capacity >= 1) || !(rule.perSecond > 0) || !Number.isFinite(rule.capacity) || !Number.isFinite(rule.perSecond)) {
      throw new InvariantError(`bad bucket rule: capacity ${rule.capacity}, ${rule.perSecond}/s`);
    }
  }

  /** Takes one token for `key`; when none is left, the ms until one is. */
  take(key: string): Take {
    const b = this.refill(key);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return this.waitMs(b);
  }

  /** Whether `key` has a token, without taking it (e.g. before a password check that costs only on failure). */
  peek(key: string): Take {
    const b = this.buckets.get(key);
    if (b === undefined) return undefined;
    this.topUp(b);
    return b.tokens >= 1 ? undefined : this.waitMs(b);
  }

  /** Gives back one token taken for `key` (up to capacity), e.g. when the attempt it paid for succeeded. */
  refund(key: string): void {
    const b = this.buckets.get(key);
    if (b === undefined) return;
    this.topUp(b);
    b.tokens = Math.min(this.rule.capacity, b.tokens + 1);
  }

  /** Forgets `key` (a full bucket again), e.g. after a successful login. */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string): Bucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      if (this.buckets.size >= this.maxKeys) this.prune();
      b = { tokens: this.rule.capacity, at: this.clock.now() };
      this.buckets.set(key, b);
      return b;
    }
    this.topUp(b);
    return b;
  }

  private topUp(b: Bucket): void {
    const now = this.clock.now();
    if (now > b.at) {
      b.tokens = Math.min(this.rule.capacity, b.tokens + ((now - b.at) / 1000) * this.rule.perSecond);
      b.at = now;
    }
  }

  private waitMs(b: Bucket): number {
    return Math.ceil(((1 - b.tokens) / this.rule.perSecond) * 1000);
  }

  private prune(): void {
    for (const [k, b] of this.buckets) {
      this.topUp(b);
      if (b.tokens >= this.rule.capacity) this.buckets.delete(k);
    }
    // Still full of active keys: drop the oldest tenth (Map iterates in insertion order).
    let drop = this.buckets.size >= this.maxKeys ? Math.ceil(this.maxKeys / 10) : 0;
    for (const k of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(k);
    }
  }
}

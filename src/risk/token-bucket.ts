// A token bucket on an injected time: `perMin` tokens a minute, bursts up to `perMin`; checking and taking are separate.
import type { UnixMs } from '../core/clock.js';

const MINUTE_MS = 60_000;

export interface BucketState {
  readonly tokens: number;
  readonly at: UnixMs;
}

export class TokenBucket {
  private tokens: number;
  private at: UnixMs;

  /** A new bucket starts full unless `state` says otherwise. */
  constructor(
    private perMin: number,
    now: UnixMs,
    state?: BucketState,
  ) {
    this.tokens = state !== undefined ? Math.min(state.tokens, perMin) : perMin;
    this.at = state !== undefined ? Math.min(state.at, now) : now;
  }

  /** Tokens available at `now` (fractional while refilling). A clock that steps back refills nothing. */
  available(now: UnixMs): number {
    this.refill(now);
    return this.tokens;
  }

  /** True when a whole token is available at `now`. */
  has(now: UnixMs): boolean {
    return this.available(now) >= 1;
  }

  /** Takes one token; call only after `has(now)` said yes (so a refused order takes none). */
  take(now: UnixMs): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** A new rate keeps the tokens already earned, up to the new burst size. */
  setRate(perMin: number, now: UnixMs): void {
    this.refill(now);
    this.perMin = perMin;
    this.tokens = Math.min(this.tokens, perMin);
  }

  get rate(): number {
    return this.perMin;
  }

  state(now: UnixMs): BucketState {
    this.refill(now);
    return { tokens: this.tokens, at: this.at };
  }

  private refill(now: UnixMs): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.perMin, this.tokens + ((now - this.at) * this.perMin) / MINUTE_MS);
    this.at = now;
  }
}

// Per request class cooldowns after a rate limit: exponential jittered backoff that resets on the first success.
import type { Rng } from '../../../core/rng.js';
import { backoffDelay, type BackoffConfig } from './backoff.js';
import type { RequestClass } from './request-weights.js';
import type { Scheduler } from '../../../core/clock.js';

interface ClassState {
  until: number;
  /** Rate limits in a row: the backoff attempt of the next trip. */
  level: number;
  /** What tripped the current cooldown, the cause of every refusal during it. */
  cause: unknown;
}

export class Cooldowns {
  private readonly states = new Map<RequestClass, ClassState>();

  constructor(
    private readonly scheduler: Pick<Scheduler, 'now'>,
    private readonly rng: Rng,
    private readonly backoff: BackoffConfig,
  ) {}

  /** Milliseconds left in the cooldown of `cls` (0 when none). */
  remaining(cls: RequestClass): number {
    const s = this.states.get(cls);
    return s === undefined ? 0 : Math.max(0, s.until - this.scheduler.now());
  }

  /** The error that started the current cooldown of `cls`. */
  cause(cls: RequestClass): unknown {
    return this.states.get(cls)?.cause;
  }

  /** Rate limits in a row for `cls` (0 after a success). */
  level(cls: RequestClass): number {
    return this.states.get(cls)?.level ?? 0;
  }

  /**
   * Starts (or extends) a cooldown after a rate limit and returns its length: the venue's
   * Retry-After when it is longer than our backoff, else the backoff for this many limits in a row.
   */
  trip(cls: RequestClass, cause: unknown, hintMs?: number): number {
    const s = this.states.get(cls) ?? { until: 0, level: 0, cause };
    const ms = Math.max(hintMs ?? 0, backoffDelay(s.level, this.backoff, this.rng));
    s.until = Math.max(s.until, this.scheduler.now() + ms);
    s.level++;
    s.cause = cause;
    this.states.set(cls, s);
    return s.until - this.scheduler.now();
  }

  /** A request of `cls` succeeded: the next rate limit starts from the shortest backoff again. */
  succeeded(cls: RequestClass): void {
    this.states.delete(cls);
  }
}

// Rate-limited REST: IP weight bucket, per-address budget, per-class 429 cooldowns, singleflight reads, stale answers from cache.
import { BadInputError, RetryableError } from '../../../core/errors.js';
import type { Rng } from '../../../core/rng.js';
import type { AddressBudget } from './address-budget.js';
import { checkBackoff, DEFAULT_BACKOFF, type BackoffConfig } from './backoff.js';
import { Cooldowns } from './cooldown.js';
import type { RequestOptions } from './http-transport.js';
import { batchLength, exchangeClass, exchangeWeight, infoRowWeight, infoType, infoWeight, type RequestClass } from './request-weights.js';
import type { Scheduler } from '../../../core/clock.js';
import { Singleflight } from './singleflight.js';
import { stableKey } from './stable-key.js';
import { StaleCache, type Freshness } from './stale-cache.js';
import { TokenBucket } from './token-bucket.js';
import { RateLimitedError } from './venue-errors.js';

/** What the gateway needs of the HTTP transport (HttpTransport fits). */
export interface RestPort {
  info(body: unknown, options?: RequestOptions): Promise<unknown>;
  exchange(body: unknown, options?: RequestOptions): Promise<unknown>;
}

export interface IpBudgetConfig {
  /**
   * Weight per minute we allow ourselves. The venue's limit is 1200/min over a sliding window;
   * perMinute + burst ≤ 1200 keeps any 60 s window under it.
   */
  readonly perMinute: number;
  /** Bucket capacity: weight that may go out at once after a quiet spell. */
  readonly burst: number;
  /** Weight only cancels may use, so they keep flowing when reads and orders used the rest. */
  readonly cancelReserve: number;
  /** Longest we wait for weight before refusing (RetryableError) instead. */
  readonly maxWaitMs: number;
}

export const DEFAULT_IP_BUDGET: IpBudgetConfig = Object.freeze({ perMinute: 1000, burst: 200, cancelReserve: 20, maxWaitMs: 10_000 });

export interface RestGatewayConfig {
  readonly rest: RestPort;
  readonly scheduler: Scheduler;
  /** Jitter of the cooldowns. */
  readonly rng: Rng;
  readonly ipBudget?: Partial<IpBudgetConfig>;
  /** Cooldown growth after consecutive 429s (default 1 s → 60 s). */
  readonly cooldown?: BackoffConfig;
  /** The signer's action budget; omit for a read-only gateway. */
  readonly addressBudget?: AddressBudget;
  /** Distinct reads kept for stale answers (default 500). */
  readonly cacheEntries?: number;
}

export class RestGateway {
  readonly ip: TokenBucket;
  readonly cooldowns: Cooldowns;
  private readonly budget: IpBudgetConfig;
  private readonly cache: StaleCache<unknown>;
  private readonly flights = new Singleflight<Freshness<unknown>>();

  constructor(private readonly config: RestGatewayConfig) {
    const b = { ...DEFAULT_IP_BUDGET, ...config.ipBudget };
    if (!(b.perMinute > 0)) throw new BadInputError('hyperliquid.rateLimits.ip.perMinute', `must be > 0, got ${b.perMinute}`);
    if (!(b.burst > b.cancelReserve && b.cancelReserve >= 0)) throw new BadInputError('hyperliquid.rateLimits.ip.burst', `must exceed cancelReserve (${b.cancelReserve}), got ${b.burst}`);
    this.budget = b;
    this.ip = new TokenBucket({ capacity: b.burst, refillPerMs: b.perMinute / 60_000 }, config.scheduler);
    this.cooldowns = new Cooldowns(config.scheduler, config.rng, checkBackoff(config.cooldown ?? DEFAULT_BACKOFF, 'hyperliquid.rateLimits.cooldown'));
    this.cache = new StaleCache(config.cacheEntries ?? 500);
  }

  /** Reads in flight (identical reads count once). */
  get inFlight(): number {
    return this.flights.size;
  }

  /**
   * POST /info through the budget. Identical concurrent reads share one request. While the read
   * class cools down after a 429 (or the weight budget is short), the last good answer is returned
   * with `stale: true`; with nothing cached the call rejects with a RetryableError whose
   * `retryAfterMs` says when to come back.
   */
  async info<T = unknown>(body: unknown, options: RequestOptions = {}): Promise<Freshness<T>> {
    options.signal?.throwIfAborted();
    const key = stableKey(body);
    const cooling = this.cooldowns.remaining('info');
    if (cooling > 0) return this.staleOr<T>(key, this.coolingError('info', body, cooling));
    return (await this.flights.run(key, (signal) => this.readInfo(key, body, signal, options.timeoutMs), options.signal)) as Freshness<T>;
  }

  /**
   * POST /exchange through the budget. Refuses without sending (RetryableError with retryAfterMs)
   * while its class cools down or a budget is empty; cancels have their own class and a reserved
   * share of the IP weight. Never resends: the caller reconciles unknown outcomes.
   */
  async exchange(body: unknown, options: RequestOptions = {}): Promise<unknown> {
    options.signal?.throwIfAborted();
    const cls = exchangeClass(body);
    const cooling = this.cooldowns.remaining(cls);
    if (cooling > 0) throw this.coolingError(cls, body, cooling);
    const w = exchangeWeight(body);
    await this.takeWeight(w, cls === 'cancel' ? 0 : this.budget.cancelReserve, cls, options.signal);
    const budget = this.config.addressBudget;
    if (budget !== undefined) {
      const wait = budget.tryTake(batchLength(body), cls);
      if (wait > 0) {
        this.ip.debit(-w); // not sent: give the weight back
        throw new RetryableError(`hyperliquid /exchange (${cls}): the address action budget is spent; next slot in ${wait} ms`, {
          retryAfterMs: wait,
          cause: new Error(`address budget: ${budget.remaining(cls)} requests left`),
        });
      }
    }
    try {
      const answer = await this.config.rest.exchange(body, options);
      this.cooldowns.succeeded(cls);
      return answer;
    } catch (e) {
      if (e instanceof RateLimitedError) throw this.rateLimited(cls, e);
      throw e;
    }
  }

  private async readInfo(key: string, body: unknown, signal: AbortSignal, timeoutMs: number | undefined): Promise<Freshness<unknown>> {
    const w = infoWeight(body);
    const reserve = this.budget.cancelReserve;
    if (!this.ip.tryTake(w, reserve)) {
      // Short of weight: an answer we already have beats waiting for one.
      const cached = this.cache.stale(key);
      if (cached !== undefined) return cached;
      await this.takeWeight(w, reserve, 'info', signal);
    }
    let value: unknown;
    try {
      value = await this.config.rest.info(body, { signal, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    } catch (e) {
      if (!(e instanceof RateLimitedError)) throw e;
      return this.staleOr(key, this.rateLimited('info', e));
    }
    this.cooldowns.succeeded('info');
    this.ip.debit(infoRowWeight(body, value)); // the venue charges per row returned, after the fact
    const asOf = this.config.scheduler.now();
    this.cache.set(key, value, asOf);
    return { value, stale: false, asOf };
  }

  private async takeWeight(w: number, reserve: number, cls: RequestClass, signal: AbortSignal | undefined): Promise<void> {
    if (this.ip.tryTake(w, reserve)) return;
    const wait = this.ip.msUntil(w, reserve);
    if (wait > this.budget.maxWaitMs) {
      throw new RetryableError(`hyperliquid (${cls}): the IP weight budget is spent; ${w} weight available in ${wait} ms`, {
        retryAfterMs: wait,
        cause: new Error(`IP budget: ${this.ip.available().toFixed(1)} weight left, ${reserve} reserved for cancels`),
      });
    }
    await this.ip.take(w, this.config.scheduler, signal, reserve);
  }

  private rateLimited(cls: RequestClass, e: RateLimitedError): RateLimitedError {
    const ms = this.cooldowns.trip(cls, e, e.retryAfterMs);
    return new RateLimitedError(e.endpoint, e.status, `${e.message}; ${cls} requests paused for ${ms} ms`, { cause: e, retryAfterMs: ms });
  }

  private coolingError(cls: RequestClass, body: unknown, ms: number): RetryableError {
    const what = cls === 'info' ? `/info ${infoType(body) || '?'}` : `/exchange (${cls})`;
    return new RetryableError(`hyperliquid ${what}: paused after a rate limit, ${ms} ms left`, { retryAfterMs: ms, cause: this.cooldowns.cause(cls) });
  }

  private staleOr<T>(key: string, error: Error): Freshness<T> {
    const cached = this.cache.stale(key);
    if (cached === undefined) throw error;
    return cached as Freshness<T>;
  }
}

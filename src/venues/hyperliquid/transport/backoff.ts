// Exponential backoff with jitter (1 s → 60 s by default), shared by reconnects, repairs and 429 cooldowns.
import type { Rng } from '../../../core/rng.js';
import { BadInputError } from '../../../core/errors.js';

export interface BackoffConfig {
  /** Delay of the first retry before jitter. */
  readonly initialMs: number;
  /** Ceiling of the delay before jitter. */
  readonly maxMs: number;
  /** Growth per attempt. */
  readonly factor: number;
  /**
   * Fraction of the delay that is random: the delay is d × (1 − jitter × u), u uniform in [0, 1).
   * Jitter spreads many clients that lost the same server, so they do not return in one burst.
   */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffConfig = Object.freeze({ initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.5 });

/** The delay before retry number `attempt` (0 = first retry); never above `maxMs`, never below `(1 − jitter) × initialMs`. */
export function backoffDelay(attempt: number, config: BackoffConfig, rng: Rng): number {
  const raw = config.initialMs * Math.pow(config.factor, Math.max(0, attempt));
  const capped = Math.min(config.maxMs, raw);
  return Math.round(capped * (1 - config.jitter * rng.next()));
}

/** Checks a backoff config, naming the key `where` on error. */
export function checkBackoff(config: BackoffConfig, where: string): BackoffConfig {
  if (!(config.initialMs > 0)) throw new BadInputError(`${where}.initialMs`, `must be > 0, got ${config.initialMs}`);
  if (!(config.maxMs >= config.initialMs)) throw new BadInputError(`${where}.maxMs`, `must be ≥ initialMs (${config.initialMs}), got ${config.maxMs}`);
  if (!(config.factor >= 1)) throw new BadInputError(`${where}.factor`, `must be ≥ 1, got ${config.factor}`);
  if (!(config.jitter >= 0 && config.jitter < 1)) throw new BadInputError(`${where}.jitter`, `must be in [0, 1), got ${config.jitter}`);
  return config;
}

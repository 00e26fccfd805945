// One venue read retried with bounded, jittered backoff; a final failure becomes one line naming the source, the request, the attempts and the last error.
import { BadInputError, RetryableError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffConfig, type Freshness } from '../../venues/hyperliquid/transport/index.js';
import { sleep, type Scheduler } from '../../core/clock.js';

/** The read the downloader needs (RestGateway fits: weight budget, 429 cooldowns with Retry-After). */
export interface InfoReader {
  info(body: unknown, options?: { signal?: AbortSignal }): Promise<Freshness<unknown>>;
}

export interface RetryPolicy {
  readonly scheduler: Scheduler;
  readonly rng: Rng;
  /** Retries after the first attempt (default 6: about a minute of backoff in all). */
  readonly retries?: number;
  readonly backoff?: BackoffConfig;
  readonly signal?: AbortSignal;
  /** One line per retry (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}

/** What a caller shows of a read in messages: the source (URL) and the request in words. */
export interface ReadLabel {
  readonly source: string;
  readonly what: string;
}

export const DEFAULT_RETRIES = 6;

/**
 * Reads `body` fresh: a retryable failure (429, 5xx, timeout, refused connection) or a cached
 * (stale) answer waits the longer of the venue's cooldown (`retryAfterMs`) and our backoff for this
 * attempt, then tries again, up to `retries` times. Any other failure, or the last retryable one,
 * throws a BadInputError `source: what: …` (the CLI's exit 2). The signal's abort propagates as is.
 * `counter.requests` counts every attempt.
 */
export async function readWithRetries(reader: InfoReader, body: unknown, label: ReadLabel, policy: RetryPolicy, counter: { requests: number }): Promise<Freshness<unknown>> {
  const retries = policy.retries ?? DEFAULT_RETRIES;
  const backoff = policy.backoff ?? DEFAULT_BACKOFF;
  for (let attempt = 0; ; attempt++) {
    counter.requests++;
    let failure: RetryableError;
    try {
      const answer = await reader.info(body, policy.signal === undefined ? {} : { signal: policy.signal });
      if (!answer.stale) return answer;
      failure = new RetryableError('the venue is limiting us and only a cached answer was available');
    } catch (e) {
      if (policy.signal?.aborted) throw e;
      if (!(e instanceof RetryableError)) throw new BadInputError(label.source, oneLine(`${label.what}: ${message(e)}`), { cause: e });
      failure = e;
    }
    if (attempt >= retries) {
      throw new BadInputError(label.source, oneLine(`${label.what}: failed after ${attempt + 1} attempts; last error: ${failure.message}`), { cause: failure });
    }
    const wait = Math.max(failure.retryAfterMs ?? 0, backoffDelay(attempt, backoff, policy.rng));
    policy.progress?.(oneLine(`${label.what}: ${failure.message}; retry ${attempt + 1} of ${retries} in ${(wait / 1000).toFixed(1)} s`) + '\n');
    await sleep(policy.scheduler, wait, policy.signal);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Venue answers quoted in errors may hold newlines; a failure is reported on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

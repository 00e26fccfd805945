// The two venue-specific refinements of core errors: a rate limit (retry later) and a venue refusal (with its text).
import { RejectedError, RetryableError } from '../../../core/errors.js';

/** The venue limited us (HTTP 429, or a rate-limit `err` body): pause this request class, then retry. */
export class RateLimitedError extends RetryableError {
  constructor(
    readonly endpoint: string,
    /** The HTTP status (429, or 200 for an `err` body that names a rate limit). */
    readonly status: number,
    message: string,
    options: { cause: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
  }
}

/** The venue refused the request definitively (HTTP 200 `{"status":"err"}`, or a 4xx): it was not executed. */
export class VenueRejectedError extends RejectedError {
  constructor(
    readonly endpoint: string,
    /** The venue's own text, for substring matching (hyperliquid.md §4 lists the common ones). */
    readonly venueMessage: string,
    options: { cause: unknown },
  ) {
    super(`hyperliquid ${endpoint}: ${venueMessage}`, options);
  }
}

/** Rate-limit wording in an `err` body (the address budget answers this way, with HTTP 200). */
export function isRateLimitText(text: string): boolean {
  return /too many (cumulative )?requests|rate limit/i.test(text);
}

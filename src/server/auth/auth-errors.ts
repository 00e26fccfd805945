// The refusals of auth: not authenticated (401), not allowed (403), too many attempts (429); messages never carry a secret.
import { RejectedError, RetryableError } from '../../core/errors.js';
import type { AuthErrorBody } from '../../api/auth.js';

/** Stable codes of a 401 / 403, for clients and tests. */
export type AuthRefusalReason =
  | 'missing-credentials'
  | 'malformed-credentials'
  | 'bad-password'
  | 'password-not-configured'
  | 'unknown-token'
  | 'expired-token'
  | 'used-token'
  | 'revoked-key'
  | 'nonce-unknown'
  | 'nonce-expired'
  | 'nonce-used'
  | 'bad-siwe-message'
  | 'wrong-domain'
  | 'wrong-uri'
  | 'wrong-chain'
  | 'wrong-signer'
  | 'bad-signature'
  | 'address-not-allowed'
  | 'message-expired'
  | 'insufficient-scope'
  | 'cross-origin';

/** The request is refused: 401 (prove who you are) or 403 (you may not do this). */
export class AuthRefusedError extends RejectedError {
  readonly status: 401 | 403;
  readonly reason: AuthRefusalReason;
  constructor(status: 401 | 403, reason: AuthRefusalReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.reason = reason;
  }
  body(): AuthErrorBody {
    return { error: this.message, reason: this.reason };
  }
}

/** Too many attempts from this address or user: 429 with Retry-After. */
export class RateLimitedError extends RetryableError {
  readonly status = 429;
  readonly reason = 'rate-limited';
  readonly retryAfterSeconds: number;
  constructor(what: string, retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(`too many ${what}; retry in ${seconds} s`, { retryAfterMs });
    this.retryAfterSeconds = seconds;
  }
  body(): AuthErrorBody {
    return { error: this.message, reason: this.reason, retryAfterSeconds: this.retryAfterSeconds };
  }
}

export const unauthenticated = (reason: AuthRefusalReason, message: string, options?: { cause?: unknown }): AuthRefusedError =>
  new AuthRefusedError(401, reason, message, options);

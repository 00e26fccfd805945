// Secrets of auth: random tokens, their SHA-256 digests (all the server keeps), constant-time comparison, and a wrapper that never prints its value.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A secret shown once (a session token, an API key, a login link's token). String conversion,
 * JSON and util.inspect give `[redacted]`, so a secret logged by mistake leaks nothing; the value
 * comes out only through reveal(), at the one place that answers the client.
 */
export class SecretToken {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

/** `prefix` + 32 random bytes as base64url (43 characters): 256 bits, too many to guess. */
export function randomToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Lowercase hex SHA-256 of the UTF-8 text: how a high-entropy token is kept at rest. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Equality of two hex digests in time independent of where they differ (lengths are public). */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

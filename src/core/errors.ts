// The few error classes of Sextant, each named for what the caller does next.
import { quoteJson } from './quote-input.js';

/** Base class: every error Sextant throws on purpose carries a stable code. */
export abstract class SextantError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input (file, config, CLI argument, API request, venue message) is wrong: fix it and retry. */
export class BadInputError extends SextantError {
  readonly code = 'BAD_INPUT';
  /** Where the bad input is, e.g. `file.csv:17` or `--param fast`. */
  readonly where: string;
  constructor(where: string, reason: string, options?: { cause?: unknown }) {
    super(`${where}: ${reason}`, options);
    this.where = where;
  }
}

/** A transient failure: the same call may succeed later. */
export class RetryableError extends SextantError {
  readonly code = 'RETRYABLE';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Definitive evidence that the venue (or the simulated venue, or risk) refused a command. */
export class RejectedError extends SextantError {
  readonly code = 'REJECTED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The outcome of a command is not known (timeout, 5xx): leave it in flight for reconciliation. */
export class UnknownOutcomeError extends SextantError {
  readonly code = 'UNKNOWN_OUTCOME';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An invariant of Sextant itself is broken: a bug. Stop rather than continue on corrupt state. */
export class InvariantError extends SextantError {
  readonly code = 'INVARIANT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Throws an InvariantError when `condition` is false. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

/** For exhaustive switches: a value that type-checks as `never` reached run time. */
export function unreachable(value: never, what: string): never {
  throw new InvariantError(`unhandled ${what}: ${JSON.stringify(value)}`);
}

/** Parses a finite number or throws BadInputError naming where. Rejects NaN and Infinity. */
export function finiteNumber(raw: unknown, where: string): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new BadInputError(where, `expected a finite number, got ${quoteJson(raw)}`);
  return n;
}

// Validating readers over JSON.parse output: each names the endpoint or channel and the field path when a value is wrong.
import { BadInputError } from '../../../core/errors.js';
import { fixedFromString, type Fixed } from '../../../core/fixed.js';
import { decimalValue } from './decimal.js';

/** A JSON object as JSON.parse returns it. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Short rendering of an offending value for an error message. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Throws the standard field error: `<where>: <path>: expected <what>, got <value>` (or `missing`). */
export function fieldError(where: string, path: string, expected: string, got: unknown, cause?: unknown): never {
  const reason = got === undefined ? `${path}: missing (expected ${expected})` : `${path}: expected ${expected}, got ${showValue(got)}`;
  throw new BadInputError(where, reason, cause === undefined ? undefined : { cause });
}

export function obj(v: unknown, where: string, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fieldError(where, path, 'an object', v);
  return v as JsonObject;
}

export function arr(v: unknown, where: string, path: string): readonly unknown[] {
  if (!Array.isArray(v)) fieldError(where, path, 'an array', v);
  return v;
}

export function str(v: unknown, where: string, path: string): string {
  if (typeof v !== 'string') fieldError(where, path, 'a string', v);
  return v;
}

/** A non-empty string (coin names, hashes, addresses). */
export function text(v: unknown, where: string, path: string): string {
  if (typeof v !== 'string' || v === '') fieldError(where, path, 'a non-empty string', v);
  return v;
}

export function optStr(v: unknown, where: string, path: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, where, path);
}

export function bool(v: unknown, where: string, path: string): boolean {
  if (typeof v !== 'boolean') fieldError(where, path, 'true or false', v);
  return v;
}

export function optBool(v: unknown, where: string, path: string): boolean | undefined {
  return v === undefined || v === null ? undefined : bool(v, where, path);
}

/** A decimal string as a finite number. */
export function dec(v: unknown, where: string, path: string): number {
  const n = typeof v === 'string' ? decimalValue(v) : undefined;
  if (n === undefined) fieldError(where, path, 'a decimal string', v);
  return n;
}

/** A decimal string > 0 (prices, book and trade sizes). */
export function posDec(v: unknown, where: string, path: string): number {
  const n = typeof v === 'string' ? decimalValue(v) : undefined;
  if (n === undefined || !(n > 0)) fieldError(where, path, 'a positive decimal string', v);
  return n;
}

/** A decimal string ≥ 0 (remaining sizes, volumes, open interest). */
export function nonNegDec(v: unknown, where: string, path: string): number {
  const n = typeof v === 'string' ? decimalValue(v) : undefined;
  if (n === undefined || n < 0) fieldError(where, path, 'a decimal string ≥ 0', v);
  return n;
}

/** A decimal string, or null when the venue sends null or omits the field (unknown, never 0). */
export function decOrNull(v: unknown, where: string, path: string): number | null {
  return v === undefined || v === null ? null : dec(v, where, path);
}

/** A decimal string as exact fixed point (fees, PnL, balances: the ledger's money). */
export function fixed(v: unknown, where: string, path: string): Fixed {
  if (typeof v !== 'string' || decimalValue(v) === undefined) fieldError(where, path, 'a decimal string', v);
  return fixedFromString(v, `${where}: ${path}`);
}

export function optFixed(v: unknown, where: string, path: string): Fixed | undefined {
  return v === undefined || v === null ? undefined : fixed(v, where, path);
}

const DIGITS_RE = /^\d{1,16}$/;

/**
 * A non-negative safe integer (times in ms, oids, tids, counts). The live API sends JSON numbers;
 * ccxt's recorded responses write some as digit strings, which are accepted too.
 */
export function int(v: unknown, where: string, path: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && DIGITS_RE.test(v) ? Number(v) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 0)) fieldError(where, path, 'a non-negative integer', v);
  return n;
}

export function optInt(v: unknown, where: string, path: string): number | undefined {
  return v === undefined || v === null ? undefined : int(v, where, path);
}

/** Parses JSON text or bytes, naming the endpoint or channel when it is not JSON. */
export function parseJson(body: string | Uint8Array, where: string): unknown {
  const s = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new BadInputError(where, `not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

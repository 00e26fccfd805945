// The admin password hash: scrypt (node:crypto) in the self-describing text `scrypt$N$r$p$salt$hash`, its parser and a constant-time check.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BadInputError } from '../../core/errors.js';

/** The environment variable that holds the admin password's hash. */
export const ADMIN_PASSWORD_HASH_ENV = 'SEXTANT_ADMIN_PASSWORD_HASH';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^15, 8, 1: 32 MiB and about 0.2 s a check (measured under load); each guess costs an attacker as much. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 1 << 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 1024;

export interface PasswordHash extends ScryptParams {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (password.length < MIN_PASSWORD) throw new BadInputError('password', `too short: at least ${MIN_PASSWORD} characters`);
  if (password.length > MAX_PASSWORD) throw new BadInputError('password', `too long: at most ${MAX_PASSWORD} characters`);
  checkParams(params, 'password hash');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Parses a stored hash; `where` names its source (e.g. the environment variable). The message
 * says what is wrong, never the text itself.
 */
export function parsePasswordHash(text: string, where: string): PasswordHash {
  const parts = text.trim().split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    throw new BadInputError(where, 'expected scrypt$N$r$p$salt$hash (make one with `sextant auth hash-password`)');
  }
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^[1-9][0-9]{0,9}$/.test(s) ? Number(s) : NaN));
  const params = { N, r, p };
  checkParams(params, where);
  const salt = base64url(parts[4], where, 'salt');
  const hash = base64url(parts[5], where, 'hash');
  if (salt.length < 16) throw new BadInputError(where, 'salt shorter than 16 bytes');
  if (hash.length < 16 || hash.length > 64) throw new BadInputError(where, 'hash must be 16 to 64 bytes');
  return { ...params, salt, hash };
}

/** Whether `password` matches `stored`; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (password.length > MAX_PASSWORD) return false;
  const candidate = await derive(password, stored.salt, stored, stored.hash.length);
  return timingSafeEqual(candidate, stored.hash);
}

/**
 * `sextant auth hash-password`: reads the password from `input` (stdin, never argv, so it stays out
 * of the shell history and the process list), drops one trailing newline, and returns the hash to
 * put in SEXTANT_ADMIN_PASSWORD_HASH.
 */
export async function hashPasswordFromStream(input: Readable, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_PASSWORD + 2) throw new BadInputError('password', `too long: at most ${MAX_PASSWORD} characters`);
    chunks.push(b);
  }
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.includes('\n')) throw new BadInputError('password', 'one line expected on stdin');
  return hashPassword(password, params);
}

function derive(password: string, salt: Buffer, params: ScryptParams, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r, which node's 32 MiB default only just reaches at the default cost.
    scrypt(password.normalize('NFC'), salt, bytes, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + (1 << 20) }, (e, key) =>
      e ? reject(e) : resolve(key),
    );
  });
}

function checkParams(x: ScryptParams, where: string): void {
  // Bounds keep a hostile hash from costing the server gigabytes or minutes per login.
  const powerOfTwo = Number.isInteger(x.N) && x.N >= 2 && (x.N & (x.N - 1)) === 0;
  if (!powerOfTwo || x.N > 1 << 20) throw new BadInputError(where, 'scrypt N must be a power of two up to 2^20');
  if (!Number.isInteger(x.r) || x.r < 1 || x.r > 32) throw new BadInputError(where, 'scrypt r must be 1 to 32');
  if (!Number.isInteger(x.p) || x.p < 1 || x.p > 16) throw new BadInputError(where, 'scrypt p must be 1 to 16');
  if (128 * x.N * x.r > 1 << 30) throw new BadInputError(where, 'scrypt N·r needs more than 1 GiB');
}

function base64url(s: string, where: string, what: string): Buffer {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw new BadInputError(where, `${what} is not base64url`);
  return Buffer.from(s, 'base64url');
}

// The auth tools the CLI calls: the admin password's hash from a password read on stdin.
import type { Readable } from 'node:stream';
import { ADMIN_PASSWORD_HASH_ENV, hashPasswordFromStream } from '../server/auth/index.js';

export { ADMIN_PASSWORD_HASH_ENV };

/** The value for SEXTANT_ADMIN_PASSWORD_HASH, from one line of `input` (at least 8 characters). */
export function hashAdminPassword(input: Readable): Promise<string> {
  return hashPasswordFromStream(input);
}

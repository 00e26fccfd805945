// The `sextant status` token file in the data dir: a read-scope API key made at each daemon start (mode 0600), revoked at stop and at the next start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../../core/atomic-file.js';
import { BadInputError } from '../../core/errors.js';
import type { AuthService } from '../../server/auth/index.js';

export const STATUS_TOKEN_FILE = 'status-token';
const KEY_ID = /^sxk_([0-9a-f]{16})_[A-Za-z0-9_-]+$/;

/** The token in `dataDir`'s status-token file, or undefined when there is none (no daemon started there yet). */
export function readStatusToken(dataDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, STATUS_TOKEN_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new BadInputError(join(dataDir, STATUS_TOKEN_FILE), `cannot read the status token: ${(e as Error).message}`, { cause: e });
  }
  const token = text.trim();
  if (!KEY_ID.test(token)) throw new BadInputError(join(dataDir, STATUS_TOKEN_FILE), 'not an API key (sxk_…): remove it, the next daemon start writes a new one');
  return token;
}

/**
 * Revokes the key an earlier start left (a crash skips the revoke at stop), creates a new read-scope
 * key and writes it, 0600, for `sextant status`. Answers the revoke to run at stop.
 */
export async function issueStatusToken(auth: AuthService, dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, STATUS_TOKEN_FILE);
  let previous: string | undefined;
  try {
    previous = readStatusToken(dataDir);
  } catch (e) {
    // A damaged file is replaced below: the key it held, if any, can no longer be read to be revoked.
    if (!(e instanceof BadInputError)) throw e;
    previous = undefined;
  }
  const old = previous === undefined ? undefined : KEY_ID.exec(previous)?.[1];
  if (old !== undefined) await auth.revokeDaemonApiKey(old);
  const created = await auth.createDaemonApiKey({ name: 'sextant status (local)', scope: 'read' });
  replaceFileAtomically(path, `${created.key.reveal()}\n`, 0o600);
  return async () => {
    await auth.revokeDaemonApiKey(created.view.id);
  };
}

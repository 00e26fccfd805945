// The paper wallet: a private key made on the first paper start and kept in the data dir, so restarts sign as the same account.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import { replaceFileAtomically } from '../../core/atomic-file.js';

export const PAPER_WALLET_FILE = 'paper-wallet.key';

/**
 * The paper wallet's hex key from `dataDir`, created (mode 0600) when absent. It signs only for the
 * local venue; it never holds real money, but it is still not printed or logged.
 */
export function paperWalletKey(dataDir: string): `0x${string}` {
  const path = join(dataDir, PAPER_WALLET_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new BadInputError(path, `cannot read the paper wallet: ${(e as Error).message}`, { cause: e });
    const key = `0x${randomBytes(32).toString('hex')}` as const;
    replaceFileAtomically(path, key + '\n', 0o600);
    return key;
  }
  const key = text.trim();
  if (!/^0x[0-9a-f]{64}$/.test(key)) throw new BadInputError(path, 'is not a paper wallet key (0x + 64 hex digits); move it away to start with a new paper account');
  return key as `0x${string}`;
}

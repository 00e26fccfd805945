// The durable NonceStore: last nonce per signer in a small JSON file, replaced atomically (write, fsync, rename, fsync dir).
import { existsSync, readFileSync } from 'node:fs';
import { replaceFileAtomically } from '../../../core/atomic-file.js';
import { BadInputError } from '../../../core/errors.js';
import type { NonceStore } from './nonce.js';

/**
 * Lives in `app`, not in the venue: where state is kept on disk is the composition root's policy.
 * One process per file (the daemon's lock guarantees it); concurrent writers would lose updates.
 * Each save rewrites the whole file: there are a handful of signers and actions are rate-limited
 * by the venue, so a few hundred bytes and two fsyncs per action are cheap insurance.
 */
export class FileNonceStore implements NonceStore {
  private readonly last = new Map<string, number>();

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new BadInputError(path, 'nonce file is not valid JSON; fix or remove it (nonces restart from the clock)', { cause: e });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadInputError(path, 'nonce file must be an object {"<signer address>": <last nonce>}');
    for (const [signer, nonce] of Object.entries(parsed as Record<string, unknown>)) {
      if (!/^0x[0-9a-f]{40}$/.test(signer)) throw new BadInputError(`${path}: ${JSON.stringify(signer)}`, 'expected a lowercase signer address as key');
      if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce) || nonce < 0) throw new BadInputError(`${path}: ${signer}`, `expected a non-negative integer nonce, got ${JSON.stringify(nonce)}`);
      this.last.set(signer, nonce);
    }
  }

  load(signer: string): number | undefined {
    return this.last.get(signer.toLowerCase());
  }

  save(signer: string, nonce: number): void {
    const key = signer.toLowerCase();
    const next = new Map(this.last);
    next.set(key, nonce);
    replaceFileAtomically(this.path, JSON.stringify(Object.fromEntries([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), null, 1) + '\n', 0o600);
    // Only after the file is durable does memory move on, so a failed save leaves both unchanged.
    this.last.set(key, nonce);
  }
}

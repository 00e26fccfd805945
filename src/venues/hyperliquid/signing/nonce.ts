// Nonces that never repeat per signer, also across restarts: max(clock, last + 1), persisted through a small port before use.
import type { Clock } from '../../../core/clock.js';
import { BadInputError } from '../../../core/errors.js';

/**
 * Where the last nonce handed out per signer survives a restart. `save` must be durable when it
 * returns (a nonce is used only after it is saved); it throws when it cannot be.
 */
export interface NonceStore {
  load(signer: string): number | undefined;
  save(signer: string, nonce: number): void;
}

/** A store that forgets on restart: tests, dry runs and the vectors command. */
export class MemoryNonceStore implements NonceStore {
  private readonly last = new Map<string, number>();
  load(signer: string): number | undefined {
    return this.last.get(signer);
  }
  save(signer: string, nonce: number): void {
    this.last.set(signer, nonce);
  }
}

/** The venue accepts nonces in (block time − 2 d, block time + 1 d). */
export const MAX_NONCE_LEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Per-signer nonce source. Nonces are tracked per **signer** (the agent key when an API wallet
 * signs), so key by the signer address, not the account. Several actions in one millisecond get
 * consecutive nonces (a classic duplicate-nonce bug of other clients). Synchronous, so concurrent
 * senders in one process never share a nonce.
 */
export class NonceSource {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly store: NonceStore = new MemoryNonceStore(),
  ) {}

  next(signer: string): number {
    const key = signer.toLowerCase();
    const now = Math.floor(this.clock.now());
    if (!Number.isSafeInteger(now) || now < 0) throw new BadInputError('clock', `expected ms since the epoch, got ${now}`);
    let last = this.last.get(key);
    if (last === undefined) {
      last = this.store.load(key);
      if (last !== undefined && !(Number.isSafeInteger(last) && last >= 0)) throw new BadInputError(`nonce store (signer ${key})`, `stored nonce is not a non-negative integer: ${last}`);
    }
    const nonce = last === undefined ? now : Math.max(now, last + 1);
    if (nonce - now > MAX_NONCE_LEAD_MS) {
      throw new BadInputError(`nonce store (signer ${key})`, `next nonce ${nonce} is ${nonce - now} ms ahead of the clock; the venue accepts at most 1 day ahead. Check the system clock before resetting the store.`);
    }
    // Save first: a nonce that was used but not saved could be handed out again after a crash.
    this.store.save(key, nonce);
    this.last.set(key, nonce);
    return nonce;
  }
}

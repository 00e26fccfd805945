// Who signed an /exchange request, as the venue sees it: the signing module's recovery, with "cannot tell" as undefined.
import type { Hex } from 'viem';
import { BadInputError } from '../../core/errors.js';
import { actionHash, parseSignature, recoverConnectionIdSigner, recoverUserSignedSigner, type Signature } from '../../venues/hyperliquid/signing/index.js';

export type WireSignature = Signature;

/**
 * The venue's boundary: bad input from a client (a malformed signature, an action that cannot be
 * hashed or recovered) is an answer to send back, not an error to raise, so it becomes undefined here.
 */
function orUndefined<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof BadInputError) return undefined;
    throw e;
  }
}

async function orUndefinedAsync<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof BadInputError) return undefined;
    throw e;
  }
}

/** The signature object, or undefined when it is not `{r, s, v}` with hex words and v 27/28 (or 0/1). */
export function readSignature(raw: unknown): WireSignature | undefined {
  return orUndefined(() => parseSignature(raw));
}

/** The connection id signed for this action, or undefined when the action cannot be hashed (e.g. a float). */
export function l1ActionHash(action: Record<string, unknown>, nonce: number, vaultAddress: string | undefined, expiresAfter: number | undefined): Hex | undefined {
  return orUndefined(() => actionHash({ action, nonce, vaultAddress, expiresAfter }));
}

/** Lowercase address that signed the L1 connection id, or undefined when no key recovers from the signature. */
export function recoverL1Signer(connectionId: Hex, sig: WireSignature, testnet: boolean): Promise<string | undefined> {
  return orUndefinedAsync(() => recoverConnectionIdSigner(connectionId, testnet ? 'testnet' : 'mainnet', sig));
}

/** Lowercase address that signed a user-signed action (domain HyperliquidSignTransaction), or undefined. */
export function recoverUserSigner(action: Record<string, unknown>, sig: WireSignature): Promise<string | undefined> {
  return orUndefinedAsync(() => recoverUserSignedSigner(action, sig));
}

// Multi-sig actions: each authorised signer signs the inner action, the leader (outer signer) signs the wrapper via SendMultiSig.
import type { Hex } from 'viem';
import { parseAddress } from '../actions/address.js';
import type { Address, HyperliquidChain } from '../actions/wire-types.js';
import { actionHash } from './action-hash.js';
import { SEND_MULTI_SIG_TYPES, userSignedDomain } from './eip712.js';
import type { Network } from './eip712.js';
import type { MsgpackValue } from './msgpack.js';
import { signL1, signTypedPayload, userSignedPayload } from './sign.js';
import type { TypedDataSigner, UserSignedTypes } from './sign.js';
import { trimSignature } from './signature.js';
import type { Signature } from './signature.js';

export interface MultiSigParties {
  /** The multi-sig account acted for. */
  readonly multiSigUser: string;
  /** The signer who submits the wrapper (and signs it). */
  readonly outerSigner: string;
}

/**
 * An inner signature over an L1 action: the phantom agent over the 3-element array
 * [multiSigUser, outerSigner, action] (both lowercase), same nonce / vault / expiry as the wrapper.
 * Returned trimmed of leading zero nibbles, the form the wrapper hashes.
 */
export async function signMultiSigL1Inner(
  account: TypedDataSigner,
  p: MultiSigParties & { readonly action: MsgpackValue; readonly nonce: number; readonly network: Network; readonly vaultAddress?: string | null; readonly expiresAfter?: number | null },
): Promise<Signature> {
  const payload: MsgpackValue = [parseAddress(p.multiSigUser, 'multiSigUser'), parseAddress(p.outerSigner, 'outerSigner'), p.action];
  const { signature } = await signL1(account, { action: payload, nonce: p.nonce, network: p.network, vaultAddress: p.vaultAddress, expiresAfter: p.expiresAfter });
  return trimSignature(signature);
}

/**
 * An inner signature over a user-signed action: its EIP-712 type gains payloadMultiSigUser and
 * outerSigner (addresses) right after hyperliquidChain.
 */
export async function signMultiSigUserSignedInner(
  account: TypedDataSigner,
  p: MultiSigParties & { readonly action: Readonly<Record<string, unknown>>; readonly types: UserSignedTypes },
): Promise<Signature> {
  const [first, ...rest] = p.types.fields;
  const types: UserSignedTypes = {
    primaryType: p.types.primaryType,
    fields: [first, { name: 'payloadMultiSigUser', type: 'address' }, { name: 'outerSigner', type: 'address' }, ...rest],
  };
  const action = { ...p.action, payloadMultiSigUser: parseAddress(p.multiSigUser, 'multiSigUser'), outerSigner: parseAddress(p.outerSigner, 'outerSigner') };
  return trimSignature(await signTypedPayload(account, userSignedPayload(action, types)));
}

export interface MultiSigAction {
  readonly type: 'multiSig';
  readonly signatureChainId: string;
  readonly signatures: readonly Signature[];
  readonly payload: { readonly multiSigUser: Address; readonly outerSigner: Address; readonly action: MsgpackValue };
}

export function multiSigAction(p: MultiSigParties & { readonly signatureChainId: string; readonly signatures: readonly Signature[]; readonly action: MsgpackValue }): MultiSigAction {
  return {
    type: 'multiSig',
    signatureChainId: p.signatureChainId,
    signatures: p.signatures,
    payload: { multiSigUser: parseAddress(p.multiSigUser, 'multiSigUser'), outerSigner: parseAddress(p.outerSigner, 'outerSigner'), action: p.action },
  };
}

/** The L1 hash of the wrapper **without** its `type` key, which the outer signature covers. */
export function multiSigActionHash(wrapper: MultiSigAction, nonce: number, vaultAddress?: string | null, expiresAfter?: number | null): Hex {
  const { type: _type, ...rest } = wrapper;
  return actionHash({ action: rest as unknown as MsgpackValue, nonce, vaultAddress, expiresAfter });
}

/** The outer (leader) signature: SendMultiSig {hyperliquidChain, multiSigActionHash, nonce}. */
export async function signMultiSigOuter(
  account: TypedDataSigner,
  p: { readonly wrapper: MultiSigAction; readonly nonce: number; readonly hyperliquidChain: HyperliquidChain; readonly vaultAddress?: string | null; readonly expiresAfter?: number | null },
): Promise<{ multiSigActionHash: Hex; signature: Signature }> {
  const hash = multiSigActionHash(p.wrapper, p.nonce, p.vaultAddress, p.expiresAfter);
  const signature = await signTypedPayload(account, {
    domain: userSignedDomain(p.wrapper.signatureChainId),
    types: SEND_MULTI_SIG_TYPES as unknown as Record<string, readonly { name: string; type: string }[]>,
    primaryType: 'HyperliquidTransaction:SendMultiSig',
    message: { hyperliquidChain: p.hyperliquidChain, multiSigActionHash: hash, nonce: BigInt(p.nonce) },
  });
  return { multiSigActionHash: hash, signature };
}

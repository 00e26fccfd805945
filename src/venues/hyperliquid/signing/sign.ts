// Signing primitives over a viem local account: L1 actions (phantom agent) and user-signed EIP-712 actions.
import type { Hex, LocalAccount } from 'viem';
import { BadInputError } from '../../../core/errors.js';
import { actionHash } from './action-hash.js';
import type { ActionHashInput } from './action-hash.js';
import { AGENT_TYPES, L1_DOMAIN, USER_SIGNED_TYPES, l1Source, userSignedDomain } from './eip712.js';
import type { Network, TypedField } from './eip712.js';
import { splitSignature } from './signature.js';
import type { Signature } from './signature.js';

/** The part of a viem account signing needs (a LocalAccount from privateKeyToAccount fits). */
export type TypedDataSigner = Pick<LocalAccount, 'address' | 'signTypedData'>;

export interface L1SignInput extends ActionHashInput {
  readonly network: Network;
}

/** Signs an already computed connection id as the phantom agent {source, connectionId}. */
export async function signConnectionId(account: TypedDataSigner, connectionId: Hex, network: Network): Promise<Signature> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(connectionId)) throw new BadInputError('connectionId', `expected 32 bytes of hex, got ${JSON.stringify(connectionId)}`);
  const hex = await account.signTypedData({ domain: L1_DOMAIN, types: AGENT_TYPES, primaryType: 'Agent', message: { source: l1Source(network), connectionId } });
  return splitSignature(hex);
}

/** Hashes and signs an L1 action; returns the connection id too (logs and vectors want it). */
export async function signL1(account: TypedDataSigner, input: L1SignInput): Promise<{ connectionId: Hex; signature: Signature }> {
  const connectionId = actionHash(input);
  return { connectionId, signature: await signConnectionId(account, connectionId, input.network) };
}

export interface UserSignedTypes {
  readonly primaryType: string;
  readonly fields: readonly TypedField[];
}

/** The EIP-712 type of a user-signed action, from its wire `type`. */
export function userSignedTypesOf(action: { readonly type?: unknown }): UserSignedTypes {
  const t = typeof action.type === 'string' ? USER_SIGNED_TYPES[action.type] : undefined;
  if (!t) throw new BadInputError('action.type', `not a user-signed action type: ${JSON.stringify(action.type)} (known: ${Object.keys(USER_SIGNED_TYPES).join(', ')})`);
  return { primaryType: `HyperliquidTransaction:${t.name}`, fields: t.fields };
}

/**
 * The typed message: only the declared fields (type and signatureChainId are not signed), uint
 * fields as bigint, and an unnamed approveAgent's agentName as "" (the SDKs sign it so).
 */
export function userSignedMessage(action: Readonly<Record<string, unknown>>, fields: readonly TypedField[]): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  for (const f of fields) {
    let v = action[f.name];
    if (v === undefined || v === null) {
      if (f.name === 'agentName') v = '';
      else throw new BadInputError(`action.${f.name}`, `missing (a ${f.type} field of the signed message)`);
    }
    if (f.type.startsWith('uint') || f.type.startsWith('int')) {
      if (!((typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint')) throw new BadInputError(`action.${f.name}`, `expected an integer, got ${JSON.stringify(v)}`);
      v = BigInt(v);
    }
    // EIP-712 encodes an address as its 20 bytes, so case cannot change the hash; lowercase
    // spares viem's checksum validation of mixed-case input.
    if (f.type === 'address') {
      if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new BadInputError(`action.${f.name}`, `expected an address, got ${JSON.stringify(v)}`);
      v = v.toLowerCase();
    }
    message[f.name] = v;
  }
  return message;
}

export interface TypedPayload {
  readonly domain: ReturnType<typeof userSignedDomain>;
  readonly types: Record<string, readonly TypedField[]>;
  readonly primaryType: string;
  readonly message: Record<string, unknown>;
}

/** The full EIP-712 payload of a user-signed action (`types` override the table, e.g. for vectors). */
export function userSignedPayload(action: Readonly<Record<string, unknown>>, types?: UserSignedTypes): TypedPayload {
  const t = types ?? userSignedTypesOf(action);
  return {
    domain: userSignedDomain(action.signatureChainId as string),
    types: { [t.primaryType]: t.fields },
    primaryType: t.primaryType,
    message: userSignedMessage(action, t.fields),
  };
}

export async function signTypedPayload(account: TypedDataSigner, p: TypedPayload): Promise<Signature> {
  // viem's generic typed-data parameters cannot be inferred from runtime field lists.
  const hex = await account.signTypedData(p as unknown as Parameters<TypedDataSigner['signTypedData']>[0]);
  return splitSignature(hex);
}

export async function signUserSigned(account: TypedDataSigner, action: Readonly<Record<string, unknown>>, types?: UserSignedTypes): Promise<Signature> {
  return signTypedPayload(account, userSignedPayload(action, types));
}

// Signature verification: who signed an L1 or user-signed action (the local venue checks /exchange requests with these).
import { recoverTypedDataAddress } from 'viem';
import type { Hex } from 'viem';
import { BadInputError } from '../../../core/errors.js';
import { actionHash } from './action-hash.js';
import { AGENT_TYPES, L1_DOMAIN, l1Source } from './eip712.js';
import type { L1SignInput, TypedPayload, UserSignedTypes } from './sign.js';
import { userSignedPayload } from './sign.js';
import { joinSignature, parseSignature } from './signature.js';
import type { Address } from '../actions/wire-types.js';

/**
 * Recovering an address always succeeds for a well-formed signature: a wrong hash yields some
 * other address (the venue's "User or API Wallet 0x… does not exist"). So compare the result with
 * the expected signer; never treat "recovered something" as valid.
 */
async function recover(payload: Parameters<typeof recoverTypedDataAddress>[0], where: string): Promise<Address> {
  try {
    return (await recoverTypedDataAddress(payload)).toLowerCase() as Address;
  } catch (e) {
    throw new BadInputError(where, 'signature cannot be recovered (r/s out of range or malformed)', { cause: e });
  }
}

/** The lowercase address that signed an L1 action with this nonce, vault, expiry and network. */
export async function recoverL1Signer(input: L1SignInput & { readonly signature: unknown }): Promise<Address> {
  const sig = joinSignature(parseSignature(input.signature));
  const connectionId = actionHash(input);
  return recover({ domain: L1_DOMAIN, types: AGENT_TYPES, primaryType: 'Agent', message: { source: l1Source(input.network), connectionId }, signature: sig }, 'signature');
}

/** The signer of a bare connection id (phantom agent). */
export async function recoverConnectionIdSigner(connectionId: Hex, network: L1SignInput['network'], signature: unknown): Promise<Address> {
  const sig = joinSignature(parseSignature(signature));
  return recover({ domain: L1_DOMAIN, types: AGENT_TYPES, primaryType: 'Agent', message: { source: l1Source(network), connectionId }, signature: sig }, 'signature');
}

/** The signer of a user-signed action (type table from the action's wire `type`, unless given). */
export async function recoverUserSignedSigner(action: Readonly<Record<string, unknown>>, signature: unknown, types?: UserSignedTypes): Promise<Address> {
  return recoverTypedPayloadSigner(userSignedPayload(action, types), signature);
}

export async function recoverTypedPayloadSigner(payload: TypedPayload, signature: unknown): Promise<Address> {
  const sig = joinSignature(parseSignature(signature));
  return recover({ ...(payload as unknown as Parameters<typeof recoverTypedDataAddress>[0]), signature: sig }, 'signature');
}

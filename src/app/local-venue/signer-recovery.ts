// Who signed an /exchange request: the L1 "Agent" typed data over the action hash, or a user-signed EIP-712 action.
import { createL1ActionHash } from '@nktkas/hyperliquid/signing';
import { recoverTypedDataAddress, type Hex } from 'viem';

export interface WireSignature {
  readonly r: string;
  readonly s: string;
  readonly v: number;
}

const ZERO = '0x0000000000000000000000000000000000000000';
const HEX_WORD = /^0x[0-9a-fA-F]{1,64}$/;

/** The signature object, or undefined when it is not `{r, s, v}` with hex words and v 27/28 (or 0/1). */
export function readSignature(raw: unknown): WireSignature | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { r, s, v } = raw as Record<string, unknown>;
  if (typeof r !== 'string' || typeof s !== 'string' || typeof v !== 'number') return undefined;
  if (!HEX_WORD.test(r) || !HEX_WORD.test(s) || ![0, 1, 27, 28].includes(v)) return undefined;
  return { r, s, v: v < 27 ? v + 27 : v };
}

/** r ‖ s ‖ v as 65 bytes of hex; unpadded r or s (some signers trim leading zeros) are padded here. */
function signatureHex(sig: WireSignature): Hex {
  const word = (h: string): string => h.slice(2).toLowerCase().padStart(64, '0');
  return `0x${word(sig.r)}${word(sig.s)}${sig.v.toString(16)}` as Hex;
}

/** The connection id the signer signed: keccak of msgpack(action) ‖ nonce ‖ vault ‖ expiry. */
export function l1ActionHash(action: Record<string, unknown>, nonce: number, vaultAddress: string | undefined, expiresAfter: number | undefined): Hex {
  return createL1ActionHash({ action, nonce, vaultAddress: vaultAddress as Hex | undefined, expiresAfter });
}

/** Lowercase address that signed the L1 connection id, or undefined when no key recovers from the signature. */
export async function recoverL1Signer(connectionId: Hex, sig: WireSignature, testnet: boolean): Promise<string | undefined> {
  try {
    const address = await recoverTypedDataAddress({
      domain: { name: 'Exchange', version: '1', chainId: 1337, verifyingContract: ZERO },
      types: { Agent: [{ name: 'source', type: 'string' }, { name: 'connectionId', type: 'bytes32' }] },
      primaryType: 'Agent',
      message: { source: testnet ? 'b' : 'a', connectionId },
      signature: signatureHex(sig),
    });
    return address.toLowerCase();
  } catch {
    // Not a point on the curve, s out of range, …: the venue cannot name a signer.
    return undefined;
  }
}

type Field = { readonly name: string; readonly type: string };

/** EIP-712 fields of the user-signed actions the local venue takes (field order matters for the hash). */
export const USER_SIGNED_TYPES: Readonly<Record<string, { readonly primaryType: string; readonly fields: readonly Field[] }>> = {
  usdClassTransfer: {
    primaryType: 'HyperliquidTransaction:UsdClassTransfer',
    fields: [
      { name: 'hyperliquidChain', type: 'string' },
      { name: 'amount', type: 'string' },
      { name: 'toPerp', type: 'bool' },
      { name: 'nonce', type: 'uint64' },
    ],
  },
  approveAgent: {
    primaryType: 'HyperliquidTransaction:ApproveAgent',
    fields: [
      { name: 'hyperliquidChain', type: 'string' },
      { name: 'agentAddress', type: 'address' },
      { name: 'agentName', type: 'string' },
      { name: 'nonce', type: 'uint64' },
    ],
  },
  usdSend: {
    primaryType: 'HyperliquidTransaction:UsdSend',
    fields: [
      { name: 'hyperliquidChain', type: 'string' },
      { name: 'destination', type: 'string' },
      { name: 'amount', type: 'string' },
      { name: 'time', type: 'uint64' },
    ],
  },
};

/** Lowercase address that signed a user-signed action (domain HyperliquidSignTransaction), or undefined. */
export async function recoverUserSigner(action: Record<string, unknown>, sig: WireSignature): Promise<string | undefined> {
  const spec = USER_SIGNED_TYPES[action.type as string];
  if (spec === undefined || typeof action.signatureChainId !== 'string') return undefined;
  const chainId = parseInt(action.signatureChainId, 16);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) return undefined;
  const message: Record<string, unknown> = {};
  for (const f of spec.fields) {
    // Python signs an unnamed approveAgent with agentName "" and leaves the key out of the body.
    const v = action[f.name] ?? (f.name === 'agentName' ? '' : undefined);
    if (v === undefined) return undefined;
    message[f.name] = f.type === 'uint64' ? BigInt(v as number) : v;
  }
  try {
    const address = await recoverTypedDataAddress({
      domain: { name: 'HyperliquidSignTransaction', version: '1', chainId, verifyingContract: ZERO },
      types: { [spec.primaryType]: spec.fields.map((f) => ({ ...f })) },
      primaryType: spec.primaryType,
      message,
      signature: signatureHex(sig),
    });
    return address.toLowerCase();
  } catch {
    return undefined;
  }
}

// EIP-712 domains and types of Hyperliquid's two signing schemes (L1 phantom agent; user-signed transactions).
import type { TypedDataDomain } from 'viem';
import { BadInputError } from '../../../core/errors.js';
import type { Address, HyperliquidChain } from '../actions/wire-types.js';

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000' as const;

/** L1 actions: chainId is always 1337, whatever the network. */
export const L1_DOMAIN = { name: 'Exchange', version: '1', chainId: 1337, verifyingContract: ZERO_ADDRESS } as const satisfies TypedDataDomain;

export const AGENT_TYPES = {
  Agent: [
    { name: 'source', type: 'string' },
    { name: 'connectionId', type: 'bytes32' },
  ],
} as const;

export type Network = 'mainnet' | 'testnet';

/** Phantom agent source: "a" mainnet, "b" testnet. */
export function l1Source(network: Network): 'a' | 'b' {
  return network === 'mainnet' ? 'a' : 'b';
}

export function hyperliquidChain(network: Network): HyperliquidChain {
  return network === 'mainnet' ? 'Mainnet' : 'Testnet';
}

/**
 * The chain id the user-signed domain uses. Any EVM chain id is accepted by the venue; the Python
 * SDK always sends 0x66eee (421614, Arbitrum Sepolia), browser wallets on Arbitrum One 0xa4b1.
 */
export const DEFAULT_SIGNATURE_CHAIN_ID: Address = '0x66eee';

export function userSignedDomain(signatureChainId: string) {
  if (typeof signatureChainId !== 'string' || !/^0x[0-9a-fA-F]+$/.test(signatureChainId)) {
    throw new BadInputError('signatureChainId', `expected a hex chain id such as "0x66eee", got ${JSON.stringify(signatureChainId)}`);
  }
  return { name: 'HyperliquidSignTransaction', version: '1', chainId: parseInt(signatureChainId, 16), verifyingContract: ZERO_ADDRESS } as const;
}

export interface TypedField {
  readonly name: string;
  readonly type: string;
}

/** Field lists (EIP-712 order) of the user-signed actions, keyed by wire `type`; primaryType = `HyperliquidTransaction:<name>`. */
export const USER_SIGNED_TYPES: Readonly<Record<string, { readonly name: string; readonly fields: readonly TypedField[] }>> = {
  usdSend: { name: 'UsdSend', fields: [{ name: 'hyperliquidChain', type: 'string' }, { name: 'destination', type: 'string' }, { name: 'amount', type: 'string' }, { name: 'time', type: 'uint64' }] },
  withdraw3: { name: 'Withdraw', fields: [{ name: 'hyperliquidChain', type: 'string' }, { name: 'destination', type: 'string' }, { name: 'amount', type: 'string' }, { name: 'time', type: 'uint64' }] },
  spotSend: { name: 'SpotSend', fields: [{ name: 'hyperliquidChain', type: 'string' }, { name: 'destination', type: 'string' }, { name: 'token', type: 'string' }, { name: 'amount', type: 'string' }, { name: 'time', type: 'uint64' }] },
  usdClassTransfer: { name: 'UsdClassTransfer', fields: [{ name: 'hyperliquidChain', type: 'string' }, { name: 'amount', type: 'string' }, { name: 'toPerp', type: 'bool' }, { name: 'nonce', type: 'uint64' }] },
  approveAgent: { name: 'ApproveAgent', fields: [{ name: 'hyperliquidChain', type: 'string' }, { name: 'agentAddress', type: 'address' }, { name: 'agentName', type: 'string' }, { name: 'nonce', type: 'uint64' }] },
  approveBuilderFee: { name: 'ApproveBuilderFee', fields: [{ name: 'hyperliquidChain', type: 'string' }, { name: 'maxFeeRate', type: 'string' }, { name: 'builder', type: 'address' }, { name: 'nonce', type: 'uint64' }] },
};

export const SEND_MULTI_SIG_TYPES = {
  'HyperliquidTransaction:SendMultiSig': [
    { name: 'hyperliquidChain', type: 'string' },
    { name: 'multiSigActionHash', type: 'bytes32' },
    { name: 'nonce', type: 'uint64' },
  ],
} as const;

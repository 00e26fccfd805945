// Builds the signer from the environment: the private key is read here only, validated without ever echoing it.
import { privateKeyToAccount } from 'viem/accounts';
import type { Clock } from '../../../core/clock.js';
import { BadInputError } from '../../../core/errors.js';
import { parseAddress } from '../actions/address.js';
import type { Network } from './eip712.js';
import { HyperliquidSigner } from './exchange-signer.js';
import { NonceSource } from './nonce.js';
import type { NonceStore } from './nonce.js';
import type { TypedDataSigner } from './sign.js';

/** Environment variables the signer reads. */
export const ENV_PRIVATE_KEY = 'SEXTANT_HL_PRIVATE_KEY';
export const ENV_ACCOUNT_ADDRESS = 'SEXTANT_HL_ACCOUNT_ADDRESS';
export const ENV_VAULT_ADDRESS = 'SEXTANT_HL_VAULT_ADDRESS';

/**
 * A viem account from a private key. Error messages never contain the key, and the library's
 * own error (whose message prints the key as a number) is not attached as the cause.
 */
export function accountFromPrivateKey(raw: string | undefined, where = ENV_PRIVATE_KEY): TypedDataSigner {
  if (raw === undefined || raw.trim() === '') throw new BadInputError(where, 'is not set (export the hex private key of the trading or API wallet)');
  const key = raw.trim();
  const hex = key.startsWith('0x') ? key : `0x${key}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new BadInputError(where, `expected 64 hex digits (optionally 0x-prefixed), got ${hex.length - 2} characters (value not shown)`);
  try {
    return privateKeyToAccount(hex.toLowerCase() as `0x${string}`);
  } catch (e) {
    const kind = e instanceof Error ? e.name : typeof e;
    throw new BadInputError(where, 'is not a valid secp256k1 private key (value not shown)', { cause: new Error(`key rejected by viem (${kind}); its message is withheld because it contains the key`) });
  }
}

export interface EnvSignerOptions {
  readonly network: Network;
  readonly clock: Clock;
  readonly nonceStore: NonceStore;
  readonly signatureChainId?: string;
}

/**
 * The signer of this process from SEXTANT_HL_PRIVATE_KEY, with SEXTANT_HL_ACCOUNT_ADDRESS when the
 * key is an API wallet (agent) and SEXTANT_HL_VAULT_ADDRESS to trade a sub-account or vault.
 */
export function signerFromEnv(env: Readonly<Record<string, string | undefined>>, opts: EnvSignerOptions): HyperliquidSigner {
  const account = accountFromPrivateKey(env[ENV_PRIVATE_KEY]);
  const optional = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : parseAddress(v.trim(), name);
  };
  return new HyperliquidSigner({
    account,
    network: opts.network,
    nonces: new NonceSource(opts.clock, opts.nonceStore),
    accountAddress: optional(ENV_ACCOUNT_ADDRESS),
    vaultAddress: optional(ENV_VAULT_ADDRESS),
    signatureChainId: opts.signatureChainId,
  });
}

// The /exchange signer: builds signed envelopes {action, nonce, signature, vaultAddress?, expiresAfter?} for one key and network.
import { BadInputError } from '../../../core/errors.js';
import { parseAddress } from '../actions/address.js';
import type { UserSignedContext } from '../actions/transfer.js';
import type { Address, L1Action } from '../actions/wire-types.js';
import { DEFAULT_SIGNATURE_CHAIN_ID, hyperliquidChain } from './eip712.js';
import type { Network } from './eip712.js';
import type { MsgpackValue } from './msgpack.js';
import type { NonceSource } from './nonce.js';
import { signL1, signUserSigned } from './sign.js';
import type { TypedDataSigner } from './sign.js';
import type { Signature } from './signature.js';

/** The body POSTed to /exchange (key order as the SDKs send it). */
export interface ExchangeRequest<A = unknown> {
  readonly action: A;
  readonly nonce: number;
  readonly signature: Signature;
  readonly vaultAddress?: Address;
  readonly expiresAfter?: number;
}

export interface SignerOptions {
  readonly account: TypedDataSigner;
  readonly network: Network;
  readonly nonces: NonceSource;
  /**
   * The account traded: the master (or its sub-account via vaultAddress). Defaults to the key's
   * own address. With an API-wallet (agent) key it differs from the signer, and info queries
   * (clearinghouseState, openOrders, fills) must use it: the agent address returns empty state.
   */
  readonly accountAddress?: string;
  /** Default sub-account or vault for L1 actions (hashed). */
  readonly vaultAddress?: string;
  /** Chain id of user-signed actions' EIP-712 domain; default 0x66eee as the Python SDK. */
  readonly signatureChainId?: string;
}

export interface L1SignOptions {
  /** Overrides the default vault; null = act for the account itself. */
  readonly vaultAddress?: string | null;
  /** ms after which the venue rejects the action (stale expiry costs 5× rate-limit weight). */
  readonly expiresAfter?: number;
}

export class HyperliquidSigner {
  /** Address of the key (the agent for an API wallet): nonces are tracked per signer. */
  readonly signerAddress: Address;
  /** Address whose state info queries must read. */
  readonly accountAddress: Address;
  readonly network: Network;
  readonly vaultAddress: Address | undefined;
  readonly signatureChainId: Address;
  private readonly account: TypedDataSigner;
  private readonly nonces: NonceSource;

  constructor(opts: SignerOptions) {
    this.account = opts.account;
    this.nonces = opts.nonces;
    if (opts.network !== 'mainnet' && opts.network !== 'testnet') throw new BadInputError('network', `expected mainnet or testnet, got ${JSON.stringify(opts.network)}`);
    this.network = opts.network;
    this.signerAddress = parseAddress(opts.account.address, 'signer address');
    this.accountAddress = opts.accountAddress === undefined ? this.signerAddress : parseAddress(opts.accountAddress, 'accountAddress');
    this.vaultAddress = opts.vaultAddress === undefined ? undefined : parseAddress(opts.vaultAddress, 'vaultAddress');
    const chainId = opts.signatureChainId ?? DEFAULT_SIGNATURE_CHAIN_ID;
    if (!/^0x[0-9a-f]+$/.test(chainId)) throw new BadInputError('signatureChainId', `expected lowercase hex such as "0x66eee", got ${JSON.stringify(chainId)}`);
    this.signatureChainId = chainId as Address;
  }

  /** True when the key is an API wallet acting for another account. */
  get isAgent(): boolean {
    return this.signerAddress !== this.accountAddress;
  }

  /** Signs an L1 action with the next nonce of this signer. */
  async signL1<A extends L1Action>(action: A, opts: L1SignOptions = {}): Promise<ExchangeRequest<A>> {
    const vault = opts.vaultAddress === undefined ? this.vaultAddress : opts.vaultAddress === null ? undefined : parseAddress(opts.vaultAddress, 'vaultAddress');
    if (opts.expiresAfter !== undefined && !(Number.isSafeInteger(opts.expiresAfter) && opts.expiresAfter > 0)) {
      throw new BadInputError('expiresAfter', `expected ms since the epoch, got ${opts.expiresAfter}`);
    }
    const nonce = this.nonces.next(this.signerAddress);
    const { signature } = await signL1(this.account, {
      action: action as unknown as MsgpackValue,
      nonce,
      network: this.network,
      vaultAddress: vault,
      expiresAfter: opts.expiresAfter,
    });
    const req: ExchangeRequest<A> = { action, nonce, signature };
    return {
      ...req,
      ...(vault !== undefined ? { vaultAddress: vault } : {}),
      ...(opts.expiresAfter !== undefined ? { expiresAfter: opts.expiresAfter } : {}),
    };
  }

  /**
   * Signs a user-signed action built against this signer's context (nonce, chain). Agents may not
   * sign these (transfers, withdrawals, approvals need the master key): refused here rather than
   * by the venue with an opaque address error.
   */
  async signUserSigned<A extends { readonly type: string }>(build: (ctx: UserSignedContext) => A): Promise<ExchangeRequest<A>> {
    if (this.isAgent) {
      throw new BadInputError('SEXTANT_HL_PRIVATE_KEY', `an API-wallet (agent) key cannot sign user-signed actions; use the key of account ${this.accountAddress}`);
    }
    const nonce = this.nonces.next(this.signerAddress);
    const action = build({ nonce, hyperliquidChain: hyperliquidChain(this.network), signatureChainId: this.signatureChainId });
    const signature = await signUserSigned(this.account, action as unknown as Record<string, unknown>);
    return { action, nonce, signature };
  }

  /** Only addresses: the key never appears in logs or serialised state. */
  toJSON(): Record<string, string> {
    return { signerAddress: this.signerAddress, accountAddress: this.accountAddress, network: this.network };
  }
}

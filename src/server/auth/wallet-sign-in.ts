// Wallet sign-in (EIP-4361, "Sign-In with Ethereum"): the server writes the message with a single-use expiring nonce, then checks every field and the signer with viem.
import { randomBytes } from 'node:crypto';
import { getAddress, isAddress, recoverMessageAddress, type Hex } from 'viem';
import { createSiweMessage, parseSiweMessage } from 'viem/siwe';
import type { Clock } from '../../core/clock.js';
import { isoTime } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import type { Scope, WalletChallengeResponse } from '../../api/auth.js';
import { AuthRefusedError, unauthenticated } from './auth-errors.js';

/** An address allowed to sign in, with the scope its sessions get. */
export interface AllowedWallet {
  readonly address: string;
  readonly scope: Scope;
}

export interface WalletSignInOptions {
  /** The origin users open, e.g. `http://127.0.0.1:8080`: its host is the message's domain, its URL the URI. */
  readonly origin: string;
  readonly allow: readonly AllowedWallet[];
  /** EIP-155 chains a message may name (default [1]). */
  readonly chainIds?: readonly number[];
  /** A nonce's life (default 5 minutes). */
  readonly nonceTtlMs?: number;
  /** Nonces outstanding at most (default 10 000); past it a challenge is refused until some expire. */
  readonly maxNonces?: number;
  readonly statement?: string;
}

interface Pending {
  readonly address: string;
  readonly chainId: number;
  readonly message: string;
  readonly expiresAt: number;
  used: boolean;
}

export interface WalletIdentity {
  /** Checksummed address. */
  readonly address: string;
  readonly scope: Scope;
}

export class WalletSignIn {
  private readonly domain: string;
  private readonly uri: string;
  private readonly allow = new Map<string, Scope>();
  private readonly chainIds: readonly number[];
  private readonly ttlMs: number;
  private readonly maxNonces: number;
  private readonly statement: string;
  private readonly nonces = new Map<string, Pending>();

  constructor(
    private readonly clock: Clock,
    opts: WalletSignInOptions,
  ) {
    let url: URL;
    try {
      url = new URL(opts.origin);
    } catch (e) {
      throw new BadInputError('auth.origin', 'expected an http(s) URL such as http://127.0.0.1:8080', { cause: e });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadInputError('auth.origin', 'expected an http or https URL');
    this.domain = url.host;
    this.uri = url.origin + '/';
    for (const w of opts.allow) {
      if (!isAddress(w.address, { strict: false })) throw new BadInputError('auth.wallets', `not an address: ${w.address}`);
      this.allow.set(w.address.toLowerCase(), w.scope);
    }
    this.chainIds = opts.chainIds ?? [1];
    this.ttlMs = opts.nonceTtlMs ?? 5 * 60_000;
    this.maxNonces = opts.maxNonces ?? 10_000;
    this.statement = opts.statement ?? 'Sign in to Sextant.';
  }

  /** The message for `address` to sign. 403 when the address is not on the allow-list. */
  challenge(address: string, chainId = this.chainIds[0]): WalletChallengeResponse {
    if (!isAddress(address, { strict: false })) throw new BadInputError('address', 'not an Ethereum address');
    if (!this.allow.has(address.toLowerCase())) throw new AuthRefusedError(403, 'address-not-allowed', 'this address may not sign in (not on the allow-list)');
    if (!this.chainIds.includes(chainId)) throw new BadInputError('chainId', `chain ${chainId} is not accepted (accepted: ${this.chainIds.join(', ')})`);
    const now = this.clock.now();
    this.sweep(now);
    if (this.nonces.size >= this.maxNonces) throw new AuthRefusedError(403, 'nonce-unknown', 'too many sign-ins in progress; try again in a few minutes');
    const nonce = randomBytes(16).toString('hex');
    const expiresAt = now + this.ttlMs;
    const message = createSiweMessage({
      domain: this.domain,
      address: getAddress(address),
      statement: this.statement,
      uri: this.uri,
      version: '1',
      chainId,
      nonce,
      issuedAt: new Date(now),
      expirationTime: new Date(expiresAt),
    });
    this.nonces.set(nonce, { address: address.toLowerCase(), chainId, message, expiresAt, used: false });
    return { message, nonce, expiresAt: isoTime(expiresAt) };
  }

  /**
   * Checks a signed message: its nonce (known, unused, unexpired; spent by this call whatever
   * follows), domain, URI, chain, that it is the message issued, that `signature` recovers its
   * address, and that the address is still allowed. Throws AuthRefusedError naming the first failure.
   */
  async verify(message: string, signature: string): Promise<WalletIdentity> {
    const fields = parseSiweMessage(message);
    if (fields.nonce === undefined || fields.address === undefined || fields.domain === undefined || fields.uri === undefined || fields.chainId === undefined) {
      throw unauthenticated('bad-siwe-message', 'not an EIP-4361 sign-in message');
    }
    const now = this.clock.now();
    const p = this.nonces.get(fields.nonce);
    if (p === undefined) throw unauthenticated('nonce-unknown', 'unknown nonce; ask for a new sign-in message');
    if (p.used) throw unauthenticated('nonce-used', 'nonce already used; ask for a new sign-in message');
    p.used = true;
    if (now >= p.expiresAt) throw unauthenticated('nonce-expired', `nonce expired at ${isoTime(p.expiresAt)}; ask for a new sign-in message`);
    if (fields.domain !== this.domain) throw unauthenticated('wrong-domain', `message is for domain ${quoteField(fields.domain)}, this server is ${this.domain}`);
    if (fields.uri !== this.uri) throw unauthenticated('wrong-uri', `message is for URI ${quoteField(fields.uri)}, this server is ${this.uri}`);
    if (fields.chainId !== p.chainId) throw unauthenticated('wrong-chain', `message names chain ${fields.chainId}, the nonce was issued for chain ${p.chainId}`);
    if (fields.address.toLowerCase() !== p.address) throw unauthenticated('wrong-signer', 'message names another address than the one the nonce was issued to');
    if (fields.expirationTime !== undefined && !(now < fields.expirationTime.getTime())) throw unauthenticated('message-expired', 'message expired');
    if (fields.notBefore !== undefined && !(now >= fields.notBefore.getTime())) throw unauthenticated('message-expired', 'message is not valid yet');
    if (message !== p.message) throw unauthenticated('bad-siwe-message', 'message differs from the one this server issued');
    let signer: string;
    try {
      signer = await recoverMessageAddress({ message, signature: signature as Hex });
    } catch (e) {
      throw unauthenticated('bad-signature', 'signature does not recover an address', { cause: e });
    }
    if (signer.toLowerCase() !== p.address) throw unauthenticated('wrong-signer', 'signature is not by the address in the message');
    const scope = this.allow.get(p.address);
    if (scope === undefined) throw new AuthRefusedError(403, 'address-not-allowed', 'this address may not sign in (not on the allow-list)');
    // The nonce stays (used) until it expires, so a replay is refused as one.
    return { address: getAddress(signer), scope };
  }

  /** Outstanding nonces (for tests and metrics). */
  get pending(): number {
    return this.nonces.size;
  }

  private sweep(now: number): void {
    // A used nonce is kept until it expires, so a replay is named as such.
    for (const [n, p] of this.nonces) if (p.expiresAt <= now) this.nonces.delete(n);
  }
}

/** A field of a message from the client, shown short and printable. */
function quoteField(s: string): string {
  return JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s);
}

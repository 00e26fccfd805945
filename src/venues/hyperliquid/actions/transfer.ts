// The user-signed `usdClassTransfer` (spot ↔ perp USDC): built against the signing context, since its nonce and chain are hashed fields.
import { BadInputError } from '../../../core/errors.js';
import { parseAddress } from './address.js';
import { formatAmount } from './wire-number.js';
import type { Address, HyperliquidChain, UsdClassTransferAction } from './wire-types.js';

/** What the signer supplies to a user-signed action: the envelope nonce and the chain fields. */
export interface UserSignedContext {
  readonly nonce: number;
  readonly hyperliquidChain: HyperliquidChain;
  readonly signatureChainId: Address;
}

export interface UsdClassTransferRequest {
  /** USDC, > 0, at most 6 decimals. */
  readonly amount: number | string;
  /** true: spot → perp; false: perp → spot. */
  readonly toPerp: boolean;
  /** Move a sub-account's funds: the venue reads it from the amount text ("<amount> subaccount:<address>"). */
  readonly subAccount?: string;
}

export function usdClassTransfer(req: UsdClassTransferRequest): (ctx: UserSignedContext) => UsdClassTransferAction {
  let amount = formatAmount(req.amount, 'usdClassTransfer.amount');
  if (typeof req.toPerp !== 'boolean') throw new BadInputError('usdClassTransfer.toPerp', 'expected a boolean');
  if (req.subAccount !== undefined) amount += ` subaccount:${parseAddress(req.subAccount, 'usdClassTransfer.subAccount')}`;
  return (ctx) => ({
    type: 'usdClassTransfer',
    signatureChainId: ctx.signatureChainId,
    hyperliquidChain: ctx.hyperliquidChain,
    amount,
    toPerp: req.toPerp,
    nonce: ctx.nonce,
  });
}

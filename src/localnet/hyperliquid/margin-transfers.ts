// Moving USDC at the local venue: isolated margin in and out of a position (updateIsolatedMargin), perp ↔ spot (usdClassTransfer).
import { fixedFromString, type Fixed } from '../../core/fixed.js';
import type { Account } from './account.js';
import type { SymbolMarket } from './symbol-market.js';
import type { UnsignedDecimal } from './wire-actions.js';

const EPS = 1e-9;

/**
 * updateIsolatedMargin: `ntli` micro-USDC added to (or, negative, removed from) the margin of an
 * isolated position. Removal may not take the margin below the position's initial margin; adding
 * needs that much free margin. Undefined when done, otherwise the refusal.
 */
export function updateIsolatedMargin(acct: Account, m: SymbolMarket, ntli: number): string | undefined {
  const coin = m.spec.name;
  if (acct.leverageOf(coin).type !== 'isolated') return `Cannot update margin of ${coin}: the position is cross margin.`;
  if (acct.position(coin) === 0) return `Cannot update margin of ${coin}: there is no open position.`;
  const amount = ntli / 1e6;
  const extra = acct.isolatedMargin.get(coin) ?? 0;
  if (amount > 0 && amount > acct.available() + EPS) return 'Insufficient margin to add.';
  if (amount < 0 && extra + amount < -EPS) return 'Insufficient margin to remove: the position keeps its initial margin.';
  acct.isolatedMargin.set(coin, Math.max(0, extra + amount));
  return undefined;
}

/** USDC has 6 decimals on the perp side: a transfer amount is positive with at most 6; undefined otherwise. */
export function usdAmount(d: UnsignedDecimal): Fixed | undefined {
  if (!(d.value > 0) || d.decimals > 6) return undefined;
  return fixedFromString(d.text, 'amount');
}

/**
 * usdClassTransfer: USDC between the perp account (the ledger's cash) and the spot balance. A
 * perp → spot transfer may take only what is withdrawable. Undefined when done, otherwise the refusal.
 */
export function usdClassTransfer(acct: Account, usd: UnsignedDecimal, toPerp: boolean, now: number): string | undefined {
  const fixed = usdAmount(usd);
  if (fixed === undefined) return 'Invalid amount.';
  const amount = usd.value;
  if (toPerp) {
    if (fixed > acct.spotUsdc) return 'Insufficient balance for transfer.';
    acct.spotUsdc -= fixed;
    acct.ledger.deposit(now, fixed, 'usdClassTransfer from spot');
    return undefined;
  }
  if (amount > acct.withdrawable() + EPS) return 'Insufficient balance for transfer.';
  acct.ledger.deposit(now, -fixed, 'usdClassTransfer to spot');
  acct.spotUsdc += fixed;
  return undefined;
}

// The venue's per-address action budget: 10 000 requests plus one per USDC traded; past it, one action every 10 s.
import type { Account } from './account.js';
import type { L1Action, UserSignedAction } from './wire-actions.js';

/** Requests every address starts with. */
export const INITIAL_REQUESTS = 10_000;
/** With the budget used up, an address may still send one action this often. */
export const THROTTLED_INTERVAL_MS = 10_000;
/** Cancels may go past the budget by this much (up to twice the budget), so positions can always be unwound. */
const CANCEL_EXTRA = 100_000;

/** The budget of an address: the initial requests plus one per USDC of volume traded. */
export function requestCap(acct: Account): number {
  return INITIAL_REQUESTS + Math.floor(acct.cumVlm);
}

/** What an action costs: a batch of n orders, cancels or modifies counts n (as on the venue), anything else 1. */
export function requestWeight(action: L1Action | UserSignedAction): number {
  switch (action.type) {
    case 'order':
      return Math.max(1, action.orders.length);
    case 'cancel':
    case 'cancelByCloid':
      return Math.max(1, action.cancels.length);
    case 'batchModify':
      return Math.max(1, action.modifies.length);
    default:
      return 1;
  }
}

/**
 * Whether `acct` may send `action` at `now`: within its budget (cancels within the larger cancel
 * budget), or else one action per 10 s. Undefined when it may (and the request is counted),
 * otherwise the refusal; a refused request counts nothing.
 */
export function spendRequests(acct: Account, action: L1Action | UserSignedAction, now: number): string | undefined {
  const weight = requestWeight(action);
  const cap = requestCap(acct);
  const cancel = action.type === 'cancel' || action.type === 'cancelByCloid';
  const limit = cancel ? Math.min(cap + CANCEL_EXTRA, 2 * cap) : cap;
  if (acct.nRequests + weight > limit) {
    if (acct.lastThrottledAction !== undefined && now - acct.lastThrottledAction < THROTTLED_INTERVAL_MS) {
      return `Too many cumulative requests sent (${acct.nRequests + weight} > ${limit}) for cumulative volume traded $${acct.cumVlm.toFixed(2)}. Place taker orders to free up 1 request per USDC traded.`;
    }
    acct.lastThrottledAction = now;
  }
  acct.nRequests += weight;
  return undefined;
}

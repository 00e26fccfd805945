// Take-profit and stop-loss legs as order requests: the reduce-only trigger children of a normalTpsl bracket and the positionTpsl orders on a position.
import { BadInputError } from '../../../core/errors.js';
import type { Side } from '../../../core/orders.js';
import type { SubmitOrderRequest } from './order-request.js';

/** One take-profit or stop-loss leg. */
export interface TriggerLeg {
  /** Mark price at which the leg triggers (snapped to the nearest price on the instrument's grid). */
  readonly triggerPrice: number | string;
  /** Default true: executes as a market order once triggered; false: rests a limit at `price`. */
  readonly market?: boolean;
  /** Limit price of a limit leg (required); for a market leg the worst price accepted (default trigger ± 10 %, the venue's bound). */
  readonly price?: number | string;
  /** Our client order id of the leg; its cloid is derived from it, as for any order. */
  readonly clientId: string;
}

export type LegRole = 'takeProfit' | 'stopLoss';

export function oppositeSide(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** The legs given, take-profit first (the order the venue lists them in), refused when there is none. */
export function legsOf(takeProfit: TriggerLeg | undefined, stopLoss: TriggerLeg | undefined, where: string): { readonly role: LegRole; readonly leg: TriggerLeg }[] {
  const legs: { role: LegRole; leg: TriggerLeg }[] = [];
  if (takeProfit !== undefined) legs.push({ role: 'takeProfit', leg: takeProfit });
  if (stopLoss !== undefined) legs.push({ role: 'stopLoss', leg: stopLoss });
  if (legs.length === 0) throw new BadInputError(where, 'needs a take-profit, a stop-loss or both');
  return legs;
}

/**
 * The order request of a leg closing `qty` of `symbol` by trading `side`: reduce-only, a `tp` or `sl`
 * trigger, market or limit. It goes through the same mapping as any order, so its prices follow the
 * instrument's price rule.
 */
export function legRequest(symbol: string, side: Side, qty: number | string, role: LegRole, leg: TriggerLeg): SubmitOrderRequest {
  const market = leg.market ?? true;
  if (!market && leg.price === undefined) throw new BadInputError(`${role}.price`, 'a limit take-profit or stop-loss needs its limit price');
  const type = role === 'takeProfit' ? (market ? 'take-profit' : 'take-profit-limit') : market ? 'stop-market' : 'stop-limit';
  return {
    symbol,
    side,
    qty,
    type,
    triggerPrice: leg.triggerPrice,
    ...(leg.price !== undefined ? { price: leg.price } : {}),
    reduceOnly: true,
    clientId: leg.clientId,
  };
}

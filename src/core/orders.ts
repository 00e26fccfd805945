// Orders, fills and their vocabulary: the commands a strategy issues and what the venue reports back.
import type { Fixed } from './fixed.js';

export type Side = 'buy' | 'sell';

/**
 * market; limit; stop-market / stop-limit trigger when price moves *against* a resting position
 * (buy stops trigger at or above, sell stops at or below); take-profit / take-profit-limit
 * trigger when price moves in favour (buy TP at or below, sell TP at or above).
 */
export type OrderType = 'market' | 'limit' | 'stop-market' | 'stop-limit' | 'take-profit' | 'take-profit-limit';

/** GTC rests until filled or cancelled; IOC fills what it can at once; ALO is post-only (rejected if it would cross). */
export type TimeInForce = 'GTC' | 'IOC' | 'ALO';

export type Liquidity = 'maker' | 'taker';

/** What a strategy asks for. Quantities are positive; `side` gives the direction. */
export interface OrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  /** Limit price (limit, stop-limit, take-profit-limit). */
  readonly price?: number;
  /** Trigger price (stop-*, take-profit*). */
  readonly triggerPrice?: number;
  readonly tif?: TimeInForce;
  readonly reduceOnly?: boolean;
  /** Free text carried to the fill (e.g. "Stop Loss"), for reports. */
  readonly reason?: string;
}

/** A fill as reported by a venue (or the simulated venue). Price and qty are on the instrument grid. */
export interface Fill {
  readonly type: 'order.filled';
  /** Unique per venue: the venue's fill id. */
  readonly fillId: string;
  readonly orderId: string;
  readonly clientId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** Fee paid in quote currency, exact. Negative for a rebate. */
  readonly fee: Fixed;
  readonly liquidity: Liquidity;
  readonly ts: number;
  readonly reason: string;
  /** Quantity of the order still working after this fill; absent or 0 = the order is done. */
  readonly remaining?: number;
}

export const sideSign = (side: Side): 1 | -1 => (side === 'buy' ? 1 : -1);
export const oppositeSide = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');

// Account event types parsed from Hyperliquid: orders and their status, fills, funding payments, positions, liquidations.
import type { Envelope } from '../../../core/envelope.js';
import type { Fixed } from '../../../core/fixed.js';
import type { Liquidity, Side } from '../../../core/orders.js';

export const ORDER_UPDATE = 'account.order';
export const FILL = 'account.fill';
export const FUNDING = 'account.funding';
export const LIQUIDATION = 'account.liquidation';
export const NON_USER_CANCEL = 'account.nonUserCancel';

/**
 * What the OMS needs from a venue status: `open` and `triggered` (a trigger order now working as
 * a live order) are working states; `filled`, `canceled`, `rejected` are terminal; `unknown`
 * is a status this code does not recognise, treated as terminal (the venue no longer works it).
 */
export type HlOrderState = 'open' | 'triggered' | 'filled' | 'canceled' | 'rejected' | 'unknown';

/**
 * An order as openOrders, frontendOpenOrders, orderStatus, historicalOrders and orderUpdates
 * show it. Fields only frontendOpenOrders-style payloads carry are undefined elsewhere.
 */
export interface HlOrder {
  readonly oid: number;
  /** Client order id, "0x" + 32 hex; undefined when the order has none. */
  readonly cloid: string | undefined;
  readonly symbol: string;
  readonly side: Side;
  readonly limitPrice: number;
  /** Size still working (0 once filled or canceled). */
  readonly size: number;
  /** Size when placed; undefined when the payload omits it (old openOrders). */
  readonly origSize: number | undefined;
  /** Placement time, ms UTC. */
  readonly timestamp: number;
  /** openOrders omits the key for false, so undefined means "not said". */
  readonly reduceOnly: boolean | undefined;
  /** "Limit", "Market", "Stop Market", "Stop Limit", "Take Profit Market", "Take Profit Limit". */
  readonly orderType: string | undefined;
  /** "Gtc", "Ioc", "Alo", "FrontendMarket", "LiquidationMarket"; null for trigger orders. */
  readonly tif: string | null | undefined;
  readonly isTrigger: boolean | undefined;
  /** Trigger (mark) price of a trigger order; undefined for others (the venue writes "0.0"). */
  readonly triggerPrice: number | undefined;
  /** Text such as "Price above 10.004" or "N/A". */
  readonly triggerCondition: string | undefined;
  readonly isPositionTpsl: boolean | undefined;
  /** TP/SL children of a normalTpsl parent. */
  readonly children: readonly HlOrder[];
}

/** An order with its status at `statusTimestamp` (orderStatus, orderUpdates, historicalOrders). */
export interface HlOrderUpdate {
  readonly order: HlOrder;
  /** The venue's status word, e.g. "open", "filled", "badAloPxRejected". */
  readonly status: string;
  readonly state: HlOrderState;
  readonly terminal: boolean;
  /** The reason when the status is more specific than the state (e.g. "reduceOnlyCanceled"). */
  readonly reason: string | undefined;
  /** Time of the status, ms UTC. */
  readonly statusTimestamp: number;
}

/** orderStatus: the order, or `unknownOid` (never placed, or too old). */
export type HlOrderStatusResult = { readonly found: true; readonly update: HlOrderUpdate } | { readonly found: false };

/** The liquidation block of a fill that closed a liquidated position. */
export interface HlFillLiquidation {
  readonly liquidatedUser: string | undefined;
  readonly markPrice: number;
  /** "market" or "backstop". */
  readonly method: string;
}

/**
 * One fill of one of the user's orders. Money fields are exact. `fee` is the total charged,
 * builder fee included (negative = maker rebate), in `feeToken`: USDC for perps, the dex's
 * collateral for HIP-3, the received token for spot.
 */
export interface HlFill {
  /** Unique per venue: the tid; legacy fills without a tid get `hash:oid:startPosition:sz@px`. */
  readonly fillId: string;
  readonly tid: number | undefined;
  readonly oid: number;
  readonly cloid: string | undefined;
  readonly symbol: string;
  /** The user's side. */
  readonly side: Side;
  readonly price: number;
  readonly size: number;
  /** ms UTC. */
  readonly time: number;
  /** "Open Long", "Close Short", "Long > Short", "Buy", "Sell", "Spot Dust Conversion", … */
  readonly dir: string;
  /** Signed position size before the fill. */
  readonly startPosition: number;
  /** Realised PnL of the fill (fees not deducted). */
  readonly closedPnl: Fixed;
  /** crossed = the order took liquidity. */
  readonly liquidity: Liquidity;
  readonly fee: Fixed;
  readonly feeToken: string | undefined;
  /** The builder's part of `fee`; undefined when no builder. */
  readonly builderFee: Fixed | undefined;
  /** L1 transaction hash. */
  readonly hash: string;
  readonly liquidation: HlFillLiquidation | undefined;
  /** TWAP the fill belongs to; undefined when none. */
  readonly twapId: number | undefined;
}

/** A funding payment of one position. */
export interface HlFunding {
  readonly symbol: string;
  /** Payment time, ms UTC; undefined where the venue omits it (WS `user` funding). */
  readonly time: number | undefined;
  /** Exact amount credited to the account: positive received, negative paid. */
  readonly usdc: Fixed;
  /** Signed position size the payment was computed on. */
  readonly size: number;
  /** Hourly rate applied. */
  readonly rate: number;
  /** Premium samples behind the rate; null when the venue sends null. */
  readonly samples: number | null;
  readonly hash: string | undefined;
}

/** A liquidation of the user (WS `user` liquidation). */
export interface HlLiquidation {
  readonly lid: number;
  readonly liquidator: string;
  readonly liquidatedUser: string;
  readonly liquidatedNotional: Fixed;
  readonly liquidatedAccountValue: Fixed;
}

/** An order the venue canceled without the user asking (WS `user` nonUserCancel). */
export interface HlNonUserCancel {
  readonly oid: number;
  readonly symbol: string;
}

export interface HlLeverage {
  readonly type: 'cross' | 'isolated';
  readonly value: number;
  /** Isolated only: the raw USD in the position's isolated margin. */
  readonly rawUsd: Fixed | undefined;
}

/** One perp position from clearinghouseState. */
export interface HlPosition {
  readonly symbol: string;
  /** Signed size: positive long, negative short. */
  readonly size: number;
  /** Average entry price; null when the venue sends none. */
  readonly entryPrice: number | null;
  readonly positionValue: Fixed;
  readonly unrealizedPnl: Fixed;
  readonly returnOnEquity: number;
  /** null when the position cannot be liquidated (enough cross margin). */
  readonly liquidationPrice: number | null;
  readonly marginUsed: Fixed;
  readonly leverage: HlLeverage;
  readonly maxLeverage: number | undefined;
  /** Funding paid (positive) since: ever, the position opened, its last size change. */
  readonly cumFunding: { readonly allTime: Fixed; readonly sinceOpen: Fixed; readonly sinceChange: Fixed } | undefined;
}

export interface HlMarginSummary {
  readonly accountValue: Fixed;
  readonly totalNtlPos: Fixed;
  readonly totalRawUsd: Fixed;
  readonly totalMarginUsed: Fixed;
}

/** clearinghouseState: the perp account at `time`. */
export interface HlAccountState {
  /** Venue time, ms UTC; undefined in old responses without it. */
  readonly time: number | undefined;
  readonly marginSummary: HlMarginSummary | undefined;
  readonly crossMarginSummary: HlMarginSummary | undefined;
  readonly crossMaintenanceMarginUsed: Fixed | undefined;
  readonly withdrawable: Fixed;
  readonly positions: readonly HlPosition[];
}

export type OrderUpdateEvent = Envelope<typeof ORDER_UPDATE, HlOrderUpdate>;
export type FillEvent = Envelope<typeof FILL, HlFill>;
export type FundingEvent = Envelope<typeof FUNDING, HlFunding>;
export type LiquidationEvent = Envelope<typeof LIQUIDATION, HlLiquidation>;
export type NonUserCancelEvent = Envelope<typeof NON_USER_CANCEL, HlNonUserCancel>;
export type AccountEvent = OrderUpdateEvent | FillEvent | FundingEvent | LiquidationEvent | NonUserCancelEvent;

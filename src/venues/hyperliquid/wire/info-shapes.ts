// Hyperliquid /info response shapes as the venue sends them (types only): what the parsers read, and what a local venue must write.

/** A decimal string: "106217.0", "-0.00029319". Never a JSON number on the wire. */
export type HlDecimal = string;
/** "B" = bid / buy, "A" = ask / sell. */
export type HlSide = 'B' | 'A';

export interface HlWireLevel {
  readonly px: HlDecimal;
  readonly sz: HlDecimal;
  /** Number of orders at the level. */
  readonly n: number;
}

/** `l2Book` (also the WS l2Book data): ≤ 20 levels a side, best first. */
export interface HlWireL2Book {
  readonly coin: string;
  readonly time: number;
  readonly levels: readonly [bids: readonly HlWireLevel[], asks: readonly HlWireLevel[]];
}

/** `meta` */
export interface HlWireMeta {
  readonly universe: readonly {
    readonly name: string;
    readonly szDecimals: number;
    readonly maxLeverage: number;
    readonly marginTableId?: number;
    readonly onlyIsolated?: boolean | null;
    readonly isDelisted?: boolean | null;
    readonly marginMode?: 'strictIsolated' | 'noCross';
  }[];
  readonly marginTables?: readonly (readonly [id: number, table: { readonly description: string; readonly marginTiers: readonly { readonly lowerBound: HlDecimal; readonly maxLeverage: number }[] }])[];
  readonly collateralToken?: number;
}

/** One entry of `metaAndAssetCtxs[1]` (and WS activeAssetCtx `ctx`). */
export interface HlWirePerpCtx {
  readonly funding: HlDecimal;
  readonly openInterest: HlDecimal;
  readonly prevDayPx: HlDecimal;
  readonly dayNtlVlm: HlDecimal;
  readonly dayBaseVlm: HlDecimal;
  readonly premium: HlDecimal | null;
  readonly oraclePx: HlDecimal;
  readonly markPx: HlDecimal;
  readonly midPx: HlDecimal | null;
  readonly impactPxs: readonly [HlDecimal, HlDecimal] | null;
}

export type HlWireMetaAndAssetCtxs = readonly [HlWireMeta, readonly HlWirePerpCtx[]];

/** One `candleSnapshot` element (and the WS candle data). */
export interface HlWireCandle {
  readonly t: number;
  readonly T: number;
  readonly s: string;
  readonly i: string;
  readonly o: HlDecimal;
  readonly c: HlDecimal;
  readonly h: HlDecimal;
  readonly l: HlDecimal;
  readonly v: HlDecimal;
  readonly n: number;
}

/** One `fundingHistory` element. */
export interface HlWireFundingPoint {
  readonly coin: string;
  readonly fundingRate: HlDecimal;
  readonly premium?: HlDecimal;
  readonly time: number;
}

/** openOrders element; frontendOpenOrders adds the optional fields. */
export interface HlWireOrder {
  readonly coin: string;
  readonly side: HlSide;
  readonly limitPx: HlDecimal;
  readonly sz: HlDecimal;
  readonly oid: number;
  readonly timestamp: number;
  readonly origSz?: HlDecimal;
  readonly cloid?: string | null;
  readonly reduceOnly?: boolean;
  readonly triggerCondition?: string;
  readonly isTrigger?: boolean;
  readonly triggerPx?: HlDecimal;
  readonly children?: readonly HlWireOrder[];
  readonly isPositionTpsl?: boolean;
  readonly orderType?: string;
  readonly tif?: string | null;
}

/** orderStatus; historicalOrders and WS orderUpdates elements are the inner `{order, status, statusTimestamp}`. */
export type HlWireOrderStatus =
  | { readonly status: 'order'; readonly order: { readonly order: HlWireOrder; readonly status: string; readonly statusTimestamp: number } }
  | { readonly status: 'unknownOid' };

/** userFills / userFillsByTime element (and WS fills). */
export interface HlWireFill {
  readonly coin: string;
  readonly px: HlDecimal;
  readonly sz: HlDecimal;
  readonly side: HlSide;
  readonly time: number;
  readonly startPosition: HlDecimal;
  readonly dir: string;
  readonly closedPnl: HlDecimal;
  readonly hash: string;
  readonly oid: number;
  readonly crossed: boolean;
  readonly fee: HlDecimal;
  readonly tid?: number;
  readonly feeToken?: string;
  readonly builderFee?: HlDecimal;
  readonly cloid?: string;
  readonly liquidation?: { readonly liquidatedUser?: string; readonly markPx: HlDecimal; readonly method: string };
  readonly twapId?: number | null;
}

/** userFunding element. */
export interface HlWireUserFunding {
  readonly time: number;
  readonly hash: string;
  readonly delta: { readonly type: 'funding'; readonly coin: string; readonly usdc: HlDecimal; readonly szi: HlDecimal; readonly fundingRate: HlDecimal; readonly nSamples: number | null };
}

export interface HlWireMarginSummary {
  readonly accountValue: HlDecimal;
  readonly totalNtlPos: HlDecimal;
  readonly totalRawUsd: HlDecimal;
  readonly totalMarginUsed: HlDecimal;
}

/** clearinghouseState */
export interface HlWireClearinghouseState {
  readonly marginSummary?: HlWireMarginSummary;
  readonly crossMarginSummary?: HlWireMarginSummary;
  readonly crossMaintenanceMarginUsed?: HlDecimal;
  readonly withdrawable: HlDecimal;
  readonly time?: number;
  readonly assetPositions: readonly {
    readonly type: 'oneWay';
    readonly position: {
      readonly coin: string;
      readonly szi: HlDecimal;
      readonly leverage: { readonly type: 'cross'; readonly value: number } | { readonly type: 'isolated'; readonly value: number; readonly rawUsd: HlDecimal };
      readonly entryPx: HlDecimal;
      readonly positionValue: HlDecimal;
      readonly unrealizedPnl: HlDecimal;
      readonly returnOnEquity: HlDecimal;
      readonly liquidationPx: HlDecimal | null;
      readonly marginUsed: HlDecimal;
      readonly maxLeverage?: number;
      readonly cumFunding?: { readonly allTime: HlDecimal; readonly sinceOpen: HlDecimal; readonly sinceChange: HlDecimal };
    };
  }[];
}

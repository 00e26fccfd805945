// Market-data event types Hyperliquid adds beyond market.trade / market.book: mids, candles, BBO, asset contexts, funding points.
import type { Envelope } from '../../../core/envelope.js';

/** Symbol of events that cover every coin at once (allMids). */
export const ALL_SYMBOLS = '*';

export const MIDS = 'market.mids';
export const CANDLE = 'market.candle';
export const BBO = 'market.bbo';
export const ASSET_CTX = 'market.assetCtx';

/** Mid price per coin (last trade price when a book side is empty); replaces the previous map. */
export interface MidsData {
  readonly mids: ReadonlyMap<string, number>;
  /** HIP-3 dex the mids belong to; undefined = the main dex. */
  readonly dex: string | undefined;
}

/**
 * One candle. The venue re-sends the open candle on every update until it closes, so a candle is
 * final only when one with a later `openTime` arrives for the same coin and interval.
 */
export interface CandleData {
  /** Interval label as the venue writes it: 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w 1M. */
  readonly interval: string;
  /** Open time (`t`) and close time (`T`, the last ms inside the candle), ms UTC. */
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base-asset volume. */
  readonly volume: number;
  /** Number of trades. */
  readonly trades: number;
}

/** Best bid and offer; a side is null when the book has none. */
export interface BboData {
  readonly bidPrice: number | null;
  readonly bidSize: number | null;
  readonly askPrice: number | null;
  readonly askSize: number | null;
}

/**
 * Perp asset context. `funding` is the current hourly rate (positive: longs pay), paid on size ×
 * oracle price; `openInterest` is in base units (coins, not USD); `premium`, `midPrice` and the
 * impact prices are null when the book is too thin to compute them.
 */
export interface PerpCtxData {
  readonly kind: 'perp';
  readonly funding: number;
  readonly openInterest: number;
  readonly markPrice: number;
  readonly oraclePrice: number;
  readonly midPrice: number | null;
  readonly premium: number | null;
  /** Prices at which the impact notional would fill (bid, ask). */
  readonly impactBid: number | null;
  readonly impactAsk: number | null;
  readonly prevDayPrice: number;
  /** 24 h volume in USD and in base units. */
  readonly dayNotionalVolume: number;
  readonly dayBaseVolume: number;
}

/** Spot asset context (no funding, no open interest). */
export interface SpotCtxData {
  readonly kind: 'spot';
  readonly markPrice: number;
  readonly midPrice: number | null;
  readonly prevDayPrice: number;
  readonly dayNotionalVolume: number;
  readonly dayBaseVolume: number;
  readonly circulatingSupply: number;
  readonly totalSupply: number;
}

export type AssetCtxData = PerpCtxData | SpotCtxData;

/** One funding settlement of a coin (REST fundingHistory): hourly rate and the premium it came from. */
export interface FundingPoint {
  readonly symbol: string;
  /** Settlement time, ms UTC. */
  readonly time: number;
  /** Hourly rate as a fraction (0.0000125 = 0.00125 %/h); positive: longs pay shorts. */
  readonly rate: number;
  /** Premium sample the rate came from; undefined when the venue omits it. */
  readonly premium: number | undefined;
}

export type MidsEvent = Envelope<typeof MIDS, MidsData>;
export type CandleEvent = Envelope<typeof CANDLE, CandleData>;
export type BboEvent = Envelope<typeof BBO, BboData>;
export type AssetCtxEvent = Envelope<typeof ASSET_CTX, AssetCtxData>;

// Perpetual-market event types beyond trades and books: asset context (mark, oracle, funding, open interest), funding settlements, liquidations.
import { envelope, type Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';

export const PERP_CTX = 'market.perpCtx';
export const FUNDING_SETTLED = 'market.funding';
export const LIQUIDATION = 'market.liquidation';

/** A perp's context as a venue publishes it; `funding` is the predicted hourly rate (positive: longs pay). */
export interface PerpCtxData {
  readonly markPrice: number;
  readonly oraclePrice: number;
  readonly midPrice: number;
  readonly funding: number;
  /** Base units (coins). */
  readonly openInterest: number;
  /** (impact bid/ask vs oracle) / oracle, the funding premium's sample. */
  readonly premium: number;
  readonly impactBid: number;
  readonly impactAsk: number;
  /** Price 24 h ago (or at the start, before 24 h) and the last 24 h of volume. */
  readonly prevDayPrice: number;
  readonly dayNotionalVolume: number;
  readonly dayBaseVolume: number;
}

/** A settled hourly funding rate at the hour (`tsEvent`), with the hour's mean premium. */
export interface FundingSettledData {
  readonly rate: number;
  readonly premium: number;
}

/** A position closed by the liquidation engine: the side of the liquidated position and the fill. */
export interface LiquidationData {
  readonly positionSide: 'long' | 'short';
  readonly price: number;
  readonly size: number;
}

export type PerpCtxEvent = Envelope<typeof PERP_CTX, PerpCtxData>;
export type FundingSettledEvent = Envelope<typeof FUNDING_SETTLED, FundingSettledData>;
export type LiquidationEvent = Envelope<typeof LIQUIDATION, LiquidationData>;

function finite(where: string, name: string, v: number, positive: boolean): void {
  if (!Number.isFinite(v) || (positive && !(v > 0))) throw new BadInputError(where, `${name} must be a ${positive ? 'positive' : 'finite'} number, got ${v}`);
}

export function perpCtxEvent(symbol: string, source: string, seq: number, tsEvent: number, tsInit: number, d: PerpCtxData): PerpCtxEvent {
  const where = `${source} ${symbol} perpCtx`;
  for (const k of ['markPrice', 'oraclePrice', 'midPrice', 'impactBid', 'impactAsk', 'prevDayPrice'] as const) finite(where, k, d[k], true);
  for (const k of ['funding', 'premium', 'openInterest', 'dayNotionalVolume', 'dayBaseVolume'] as const) finite(where, k, d[k], false);
  return envelope(PERP_CTX, symbol, source, seq, tsEvent, tsInit, Object.freeze({ ...d }));
}

export function fundingSettledEvent(symbol: string, source: string, seq: number, tsEvent: number, tsInit: number, d: FundingSettledData): FundingSettledEvent {
  const where = `${source} ${symbol} funding`;
  finite(where, 'rate', d.rate, false);
  finite(where, 'premium', d.premium, false);
  return envelope(FUNDING_SETTLED, symbol, source, seq, tsEvent, tsInit, Object.freeze({ rate: d.rate, premium: d.premium }));
}

export function liquidationEvent(symbol: string, source: string, seq: number, tsEvent: number, tsInit: number, d: LiquidationData): LiquidationEvent {
  const where = `${source} ${symbol} liquidation`;
  finite(where, 'price', d.price, true);
  finite(where, 'size', d.size, true);
  if (d.positionSide !== 'long' && d.positionSide !== 'short') throw new BadInputError(where, `positionSide must be long or short, got ${String(d.positionSide)}`);
  return envelope(LIQUIDATION, symbol, source, seq, tsEvent, tsInit, Object.freeze({ positionSide: d.positionSide, price: d.price, size: d.size }));
}

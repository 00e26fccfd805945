// What one simulation step produces, before the stream orders it and gives each record its envelope and seq.
import type { Side } from '../../core/orders.js';
import type { PerpCtxData } from '../../market/perp-events.js';

export type SimRecord =
  | { readonly kind: 'book'; readonly ts: number; readonly symbol: string; readonly bids: Float64Array; readonly asks: Float64Array }
  | { readonly kind: 'trade'; readonly ts: number; readonly symbol: string; readonly price: number; readonly size: number; readonly side: Side; readonly tid: number; readonly liquidation: boolean }
  | { readonly kind: 'ctx'; readonly ts: number; readonly symbol: string; readonly ctx: PerpCtxData }
  | { readonly kind: 'funding'; readonly ts: number; readonly symbol: string; readonly rate: number; readonly premium: number }
  | { readonly kind: 'liquidation'; readonly ts: number; readonly symbol: string; readonly positionSide: 'long' | 'short'; readonly price: number; readonly size: number };

/** Trade ids shared by every symbol of one simulation (unique, increasing, like the venue's tids). */
export interface TradeIds {
  next(): number;
}

// Hyperliquid WebSocket frame shapes (types only): `{channel, data}` per channel, as the parsers read them.
import type { HlDecimal, HlSide, HlWireCandle, HlWireFill, HlWireL2Book, HlWireLevel, HlWireOrder, HlWirePerpCtx } from './info-shapes.js';

export interface HlWireTrade {
  readonly coin: string;
  /** Aggressor side. */
  readonly side: HlSide;
  readonly px: HlDecimal;
  readonly sz: HlDecimal;
  readonly time: number;
  readonly hash: string;
  readonly tid: number;
  /** [buyer, seller]; the self-hosted order_book_server writes a single `user` instead. */
  readonly users?: readonly [string, string];
}

export interface HlWireSpotCtx {
  readonly coin: string;
  readonly markPx: HlDecimal;
  readonly midPx: HlDecimal | null;
  readonly prevDayPx: HlDecimal;
  readonly dayNtlVlm: HlDecimal;
  readonly dayBaseVlm: HlDecimal;
  readonly circulatingSupply: HlDecimal;
  readonly totalSupply: HlDecimal;
}

export interface HlWireFundingItem {
  readonly time: number;
  readonly coin: string;
  readonly usdc: HlDecimal;
  readonly szi: HlDecimal;
  readonly fundingRate: HlDecimal;
  readonly nSamples: number | null;
}

/** Every frame the parser reads. The greeting "Websocket connection established." is plain text. */
export type HlWireFrame =
  | { readonly channel: 'pong' }
  | { readonly channel: 'subscriptionResponse'; readonly data: { readonly method: string; readonly subscription: Record<string, unknown> } }
  | { readonly channel: 'error'; readonly data: string }
  | { readonly channel: 'allMids'; readonly data: { readonly mids: Readonly<Record<string, HlDecimal>>; readonly dex?: string } }
  | { readonly channel: 'l2Book'; readonly data: HlWireL2Book }
  | { readonly channel: 'trades'; readonly data: readonly HlWireTrade[] }
  | { readonly channel: 'candle'; readonly data: HlWireCandle | readonly HlWireCandle[] }
  | { readonly channel: 'bbo'; readonly data: { readonly coin: string; readonly time: number; readonly bbo: readonly [HlWireLevel | null, HlWireLevel | null] } }
  | { readonly channel: 'activeAssetCtx'; readonly data: { readonly coin: string; readonly ctx: HlWirePerpCtx } }
  | { readonly channel: 'activeSpotAssetCtx'; readonly data: { readonly coin: string; readonly ctx: HlWireSpotCtx } }
  | { readonly channel: 'orderUpdates'; readonly data: readonly { readonly order: HlWireOrder; readonly status: string; readonly statusTimestamp: number }[] }
  | { readonly channel: 'userFills'; readonly data: { readonly user: string; readonly fills: readonly HlWireFill[]; readonly isSnapshot?: true } }
  | { readonly channel: 'userFundings'; readonly data: { readonly user: string; readonly fundings: readonly HlWireFundingItem[]; readonly isSnapshot?: true } }
  | {
      readonly channel: 'user';
      readonly data:
        | { readonly fills: readonly HlWireFill[] }
        | { readonly funding: Omit<HlWireFundingItem, 'time'> }
        | { readonly liquidation: { readonly lid: number; readonly liquidator: string; readonly liquidated_user: string; readonly liquidated_ntl_pos: HlDecimal; readonly liquidated_account_value: HlDecimal } }
        | { readonly nonUserCancel: readonly { readonly coin: string; readonly oid: number }[] };
    }
  | { readonly channel: 'notification'; readonly data: { readonly notification: string } }
  | { readonly channel: 'post'; readonly data: { readonly id: number; readonly response: { readonly type: 'info' | 'action' | 'error'; readonly payload: unknown } } };

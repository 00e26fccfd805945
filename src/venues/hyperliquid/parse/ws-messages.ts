// What one Hyperliquid WebSocket frame parses into: a union keyed by the venue's channel name.
import type { BookEvent, TradeEvent } from '../../../market/market-events.js';
import type { FillEvent, FundingEvent, LiquidationEvent, NonUserCancelEvent, OrderUpdateEvent } from './account-types.js';
import type { AssetCtxEvent, BboEvent, CandleEvent, MidsEvent } from './market-types.js';

/** `user` (userEvents) frames hold one kind of payload each; twap payloads are passed over. */
export type UserEventsEvent = FillEvent | FundingEvent | LiquidationEvent | NonUserCancelEvent;

export type HlWsMessage =
  /** A non-JSON text frame, e.g. the greeting "Websocket connection established.": ignore it. */
  | { readonly channel: 'text'; readonly text: string }
  | { readonly channel: 'pong' }
  | { readonly channel: 'subscriptionResponse'; readonly method: string; readonly subscription: Readonly<Record<string, unknown>> }
  /** The venue's error channel: a text such as "Already subscribed: …" or "Invalid subscription". */
  | { readonly channel: 'error'; readonly message: string }
  /** A full snapshot (replaces the book). */
  | { readonly channel: 'l2Book'; readonly event: BookEvent }
  | { readonly channel: 'trades'; readonly events: readonly TradeEvent[] }
  | { readonly channel: 'allMids'; readonly event: MidsEvent }
  | { readonly channel: 'candle'; readonly events: readonly CandleEvent[] }
  | { readonly channel: 'bbo'; readonly event: BboEvent }
  | { readonly channel: 'activeAssetCtx'; readonly event: AssetCtxEvent }
  | { readonly channel: 'activeSpotAssetCtx'; readonly event: AssetCtxEvent }
  | { readonly channel: 'orderUpdates'; readonly events: readonly OrderUpdateEvent[] }
  /** `isSnapshot`: the replay of recent history sent after each (re)subscribe; dedupe by fillId. */
  | { readonly channel: 'userFills'; readonly user: string; readonly isSnapshot: boolean; readonly events: readonly FillEvent[] }
  /** `isSnapshot` as for userFills; dedupe by (symbol, time). */
  | { readonly channel: 'userFundings'; readonly user: string; readonly isSnapshot: boolean; readonly events: readonly FundingEvent[] }
  | { readonly channel: 'user'; readonly events: readonly UserEventsEvent[] }
  | { readonly channel: 'notification'; readonly text: string }
  /** Reply to a WS post: `type` "info" | "action" | "error"; `payload` as the HTTP body would be. */
  | { readonly channel: 'post'; readonly id: number; readonly type: string; readonly payload: unknown }
  /** A channel this parser does not read (e.g. webData3): not an error, the venue adds channels. */
  | { readonly channel: 'unknown'; readonly name: string };

export type HlWsChannel = HlWsMessage['channel'];

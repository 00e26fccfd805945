// WebSocket subscriptions: the channel each one's frames arrive on, its stream key and its data kind.
import { BadInputError } from '../../../core/errors.js';
import type { StreamKind } from './ws-config.js';

/** A subscription object exactly as sent, e.g. `{type: 'l2Book', coin: 'BTC'}`. */
export type Subscription = { readonly type: string } & Readonly<Record<string, unknown>>;

/** Channels whose frames name the coin in `coin` (candles name it in `s`, with the interval in `i`). */
const COIN_CHANNELS = new Set(['l2Book', 'trades', 'bbo', 'activeAssetCtx']);

const KIND_OF_CHANNEL: Readonly<Record<string, StreamKind>> = {
  allMids: 'price',
  bbo: 'price',
  l2Book: 'book',
  trades: 'trades',
  activeAssetCtx: 'openInterest',
  candle: 'candle',
};

/**
 * The channel a subscription's frames arrive on. Venue quirks: `userEvents` arrives on `user`;
 * spot `activeAssetCtx` arrives on `activeSpotAssetCtx`, which routing folds into `activeAssetCtx`.
 */
export function channelOf(sub: Subscription): string {
  return sub.type === 'userEvents' ? 'user' : sub.type;
}

/** Frame channel → the channel streams are keyed by. */
export function routingChannel(channel: string): string {
  return channel === 'activeSpotAssetCtx' ? 'activeAssetCtx' : channel;
}

export function kindOf(channel: string): StreamKind {
  return KIND_OF_CHANNEL[routingChannel(channel)] ?? 'events';
}

/** Whether frames of this channel carry a coin (and so one stream per coin). */
export function hasCoin(channel: string): boolean {
  const c = routingChannel(channel);
  return COIN_CHANNELS.has(c) || c === 'candle';
}

/** The stream key from parts: `l2Book:BTC`, `candle:ETH:1m`, `allMids`. */
export function streamKey(channel: string, coin: string | undefined, interval?: string): string {
  const c = routingChannel(channel);
  if (coin === undefined) return c;
  return interval === undefined ? `${c}:${coin}` : `${c}:${coin}:${interval}`;
}

/**
 * The stream key of a subscription. Two subscriptions with one key cannot be told apart by their
 * frames (e.g. `l2Book` BTC at two `nSigFigs`), so only one of them may be live at a time.
 */
export function subscriptionKey(sub: Subscription): string {
  const channel = channelOf(sub);
  if (!hasCoin(channel)) return streamKey(channel, undefined);
  return streamKey(channel, sub.coin as string, routingChannel(channel) === 'candle' ? (sub.interval as string) : undefined);
}

/** Checks the fields routing relies on; BadInputError names the field. */
export function checkSubscription(sub: unknown, where = 'subscription'): Subscription {
  if (sub === null || typeof sub !== 'object' || Array.isArray(sub)) throw new BadInputError(where, `expected an object, got ${JSON.stringify(sub)}`);
  const s = sub as Record<string, unknown>;
  if (typeof s.type !== 'string' || s.type === '') throw new BadInputError(`${where}.type`, `expected a channel name, got ${JSON.stringify(s.type)}`);
  if (hasCoin(channelOf(s as Subscription)) && (typeof s.coin !== 'string' || s.coin === '')) throw new BadInputError(`${where}.coin`, `${s.type} needs a coin, got ${JSON.stringify(s.coin)}`);
  if (s.type === 'candle' && (typeof s.interval !== 'string' || s.interval === '')) throw new BadInputError(`${where}.interval`, `candle needs an interval, got ${JSON.stringify(s.interval)}`);
  return s as Subscription;
}

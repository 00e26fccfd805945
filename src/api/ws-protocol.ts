// The /ws wire contract shared with the web client: channels, client and server messages, error codes, and the client-message parser.

/** Market and bot channels, open to every connection; keyed by symbol (for `bots`, the bot id). */
export const PUBLIC_CHANNELS = ['prices', 'books', 'trades', 'candles', 'signals', 'bots'] as const;
/** Account channels, only on an authenticated connection and only its own user's data. */
export const PRIVATE_CHANNELS = ['orders', 'fills', 'positions', 'account', 'risk', 'audit'] as const;

export type PublicChannel = (typeof PUBLIC_CHANNELS)[number];
export type PrivateChannel = (typeof PRIVATE_CHANNELS)[number];
export type WsChannel = PublicChannel | PrivateChannel;

/**
 * How updates of one topic (channel + symbol, or channel + user) within a flush interval combine:
 * `latest`: each payload is the topic's whole state, the newest wins (a skipped seq loses nothing);
 * `append`: each payload is an event, all are sent in order as an array (a skipped seq lost events: resync).
 */
export type WsCoalesce = 'latest' | 'append';

export interface WsChannelSpec {
  readonly private: boolean;
  readonly coalesce: WsCoalesce;
  /** 0 is kept longest under pressure: private 0, book/prices/trades 1, candles/signals 2, bot telemetry 3. */
  readonly priority: 0 | 1 | 2 | 3;
}

export const WS_CHANNELS: Readonly<Record<WsChannel, WsChannelSpec>> = {
  prices: { private: false, coalesce: 'latest', priority: 1 },
  books: { private: false, coalesce: 'latest', priority: 1 },
  trades: { private: false, coalesce: 'append', priority: 1 },
  candles: { private: false, coalesce: 'append', priority: 2 },
  signals: { private: false, coalesce: 'append', priority: 2 },
  bots: { private: false, coalesce: 'latest', priority: 3 },
  orders: { private: true, coalesce: 'append', priority: 0 },
  fills: { private: true, coalesce: 'append', priority: 0 },
  positions: { private: true, coalesce: 'latest', priority: 0 },
  account: { private: true, coalesce: 'latest', priority: 0 },
  risk: { private: true, coalesce: 'latest', priority: 0 },
  audit: { private: true, coalesce: 'append', priority: 0 },
};

export function isWsChannel(s: unknown): s is WsChannel {
  return typeof s === 'string' && Object.hasOwn(WS_CHANNELS, s);
}

// ---- client → server (one JSON object per text frame) ----

/** `symbols` apply to the public channels of the request; private channels need none. */
export interface WsSubscribe {
  readonly type: 'subscribe' | 'unsubscribe';
  readonly channels: readonly WsChannel[];
  readonly symbols: readonly string[];
}

/** A fresh snapshot of one topic (after the client saw a gap in `seq`). */
export interface WsResync {
  readonly type: 'resync';
  readonly channel: WsChannel;
  readonly symbol?: string;
}

export interface WsPing {
  readonly type: 'ping';
  readonly id?: string | number;
}

export type WsClientMessage = WsSubscribe | WsResync | WsPing;

// ---- server → client: every frame is a JSON array of these ----

/**
 * `seq` counts the topic's messages (snapshot and updates share it). A client applies an update
 * only after the topic's snapshot and only when its seq is above the last one applied; a jump of
 * more than one on an `append` channel means lost events: send `resync`. `fresh` (public channels)
 * is false while the upstream stream is stale.
 */
export interface WsTopicMessage {
  readonly type: 'snapshot' | 'update';
  readonly channel: WsChannel;
  readonly symbol?: string;
  readonly seq: number;
  readonly fresh?: boolean;
  /** `append` channels: an update carries an array of events; a snapshot whatever the provider gives. */
  readonly data: unknown;
}

export type WsErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'unknown_type'
  | 'unknown_channel'
  | 'too_large'
  | 'unauthorized'
  | 'too_many_subscriptions'
  | 'rate_limited'
  | 'snapshot_failed';

export interface WsErrorMessage {
  readonly type: 'error';
  readonly code: WsErrorCode;
  readonly message: string;
}

export type WsServerMessage =
  | WsTopicMessage
  | WsErrorMessage
  | { readonly type: 'subscribed' | 'unsubscribed'; readonly channels: readonly WsChannel[]; readonly symbols: readonly string[] }
  | { readonly type: 'pong'; readonly id?: string | number; readonly time: number };

/** Close codes the gateway uses besides the standard ones. */
export const WS_CLOSE_SLOW_CONSUMER = 1013;
export const WS_CLOSE_DEAD = 4001;

// ---- parsing at the edge ----

export const MAX_SYMBOLS_PER_REQUEST = 100;
const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,63}$/;

export type WsParseResult = { readonly ok: true; readonly message: WsClientMessage } | { readonly ok: false; readonly code: WsErrorCode; readonly message: string };

const fail = (code: WsErrorCode, message: string): WsParseResult => ({ ok: false, code, message });

function channelList(raw: unknown): WsChannel[] | WsParseResult {
  if (!Array.isArray(raw) || raw.length === 0) return fail('bad_request', '"channels" must be a non-empty array of channel names');
  const out: WsChannel[] = [];
  for (const c of raw) {
    if (!isWsChannel(c)) return fail('unknown_channel', `unknown channel ${JSON.stringify(c)?.slice(0, 80)}; known: ${Object.keys(WS_CHANNELS).join(', ')}`);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function symbolOk(s: unknown): s is string {
  return typeof s === 'string' && SYMBOL.test(s);
}

/** Parses one client text frame; never throws. */
export function parseWsClientMessage(text: string): WsParseResult {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail('bad_json', `not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('bad_request', 'a message is a JSON object with a "type"');
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const channels = channelList(o.channels);
      if (!Array.isArray(channels)) return channels;
      const rawSymbols = o.symbols ?? [];
      if (!Array.isArray(rawSymbols)) return fail('bad_request', '"symbols" must be an array of symbols');
      if (rawSymbols.length > MAX_SYMBOLS_PER_REQUEST) return fail('bad_request', `at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request`);
      const symbols: string[] = [];
      for (const s of rawSymbols) {
        if (!symbolOk(s)) return fail('bad_request', `bad symbol ${JSON.stringify(s)?.slice(0, 80)}: 1 to 64 letters, digits and . _ : / @ -`);
        if (!symbols.includes(s)) symbols.push(s);
      }
      if (symbols.length === 0 && channels.some((c) => !WS_CHANNELS[c].private)) return fail('bad_request', 'public channels need "symbols"');
      return { ok: true, message: { type: o.type, channels, symbols } };
    }
    case 'resync': {
      if (!isWsChannel(o.channel)) return fail('unknown_channel', `unknown channel ${JSON.stringify(o.channel)?.slice(0, 80)}`);
      if (WS_CHANNELS[o.channel].private) return { ok: true, message: { type: 'resync', channel: o.channel } };
      if (!symbolOk(o.symbol)) return fail('bad_request', 'resync of a public channel needs a "symbol"');
      return { ok: true, message: { type: 'resync', channel: o.channel, symbol: o.symbol } };
    }
    case 'ping': {
      if (o.id !== undefined && !(typeof o.id === 'string' && o.id.length <= 64) && !(typeof o.id === 'number' && Number.isFinite(o.id))) {
        return fail('bad_request', '"id" must be a string (≤ 64 characters) or a finite number');
      }
      return { ok: true, message: o.id === undefined ? { type: 'ping' } : { type: 'ping', id: o.id as string | number } };
    }
    default:
      return fail('unknown_type', `unknown message type ${JSON.stringify(o.type)?.slice(0, 80)}; known: subscribe, unsubscribe, resync, ping`);
  }
}

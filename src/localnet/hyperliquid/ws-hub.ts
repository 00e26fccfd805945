// WebSocket /ws: subscribe/unsubscribe with acks, ping/pong, post requests, and the market and user channels.
import type { Account, WireFill } from './account.js';
import { basicOrder } from './account-views.js';
import { INTERVALS } from './candles.js';
import type { LocalVenue } from './local-venue.js';
import { allMidsView, assetCtxView, bboView, candleView, l2BookView, tradeView } from './market-views.js';
import type { OrderRecord } from './order-record.js';
import { MAX_JSON_DEPTH, nestedDeeperThan, TOO_DEEP } from './request-limits.js';
import type { MarketTrade, SymbolMarket } from './symbol-market.js';

/** The sending half of a socket (the transport owns the rest). */
export interface WsPeer {
  send(text: string): void;
}

interface Subscription {
  readonly type: string;
  /** The subscription object exactly as the client sent it (echoed in acks and matched on unsubscribe). */
  readonly raw: Record<string, unknown>;
  readonly coin?: string;
  readonly user?: string;
  readonly interval?: string;
  /** Last top of book sent on a bbo subscription: bbo frames go out only when it changes. */
  lastBbo?: string;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const COIN_CHANNELS = new Set(['l2Book', 'trades', 'bbo', 'candle', 'activeAssetCtx']);
const USER_CHANNELS = new Set(['orderUpdates', 'userFills', 'userEvents', 'userFundings', 'notification', 'userNonFundingLedgerUpdates']);

/** The venue's limits per connection (docs: 1000 subscriptions, 10 users in user subscriptions, 100 posts in flight). */
export const MAX_SUBSCRIPTIONS = 1_000;
export const MAX_USERS = 10;
export const MAX_POSTS_IN_FLIGHT = 100;

/** Optional keys each subscription type may carry besides `type` and its coin / user / interval; any other key is refused. */
const OPTIONAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  allMids: ['dex'],
  l2Book: ['nSigFigs', 'mantissa'],
  userFills: ['aggregateByTime'],
};

/** The keys a subscription of `type` must have. */
function requiredKeys(type: string): readonly string[] {
  if (type === 'candle') return ['type', 'coin', 'interval'];
  if (COIN_CHANNELS.has(type)) return ['type', 'coin'];
  if (USER_CHANNELS.has(type)) return ['type', 'user'];
  return ['type'];
}

/** Optional values the venue takes: l2Book buckets (nSigFigs 2–5, mantissa 1, 2 or 5), a boolean aggregateByTime, the main dex only. */
function validOptional(key: string, v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (key) {
    case 'nSigFigs':
      return v === 2 || v === 3 || v === 4 || v === 5;
    case 'mantissa':
      return v === 1 || v === 2 || v === 5;
    case 'aggregateByTime':
      return typeof v === 'boolean';
    case 'dex':
      return v === '';
    default:
      return false;
  }
}

/** Identity of a subscription: keys sorted, hex lowercased, null fields dropped (the SDKs send `nSigFigs: null`). */
function keyOf(sub: Record<string, unknown>): string {
  const keys = Object.keys(sub).filter((k) => sub[k] !== null && sub[k] !== undefined).sort();
  return JSON.stringify(keys.map((k) => [k, typeof sub[k] === 'string' && (sub[k] as string).startsWith('0x') ? (sub[k] as string).toLowerCase() : sub[k]]));
}

export class WsConnection {
  private readonly subs = new Map<string, Subscription>();
  private postsInFlight = 0;

  constructor(
    private readonly hub: WsHub,
    private readonly venue: LocalVenue,
    private readonly peer: WsPeer,
  ) {}

  send(channel: string, data: unknown): void {
    this.peer.send(JSON.stringify({ channel, data }));
  }

  subscriptions(): IterableIterator<Subscription> {
    return this.subs.values();
  }

  /** One text frame from the client. */
  async onMessage(text: string): Promise<void> {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.send('error', `Error parsing JSON into valid websocket request: ${text}`);
      return;
    }
    if (typeof msg !== 'object' || msg === null) return this.send('error', `Error parsing JSON into valid websocket request: ${text}`);
    if (nestedDeeperThan(msg, MAX_JSON_DEPTH)) return this.send('error', TOO_DEEP);
    switch (msg.method) {
      case 'ping':
        this.peer.send(JSON.stringify({ channel: 'pong' }));
        return;
      case 'subscribe':
        return this.subscribe(msg.subscription);
      case 'unsubscribe':
        return this.unsubscribe(msg.subscription);
      case 'post':
        return this.post(msg.id, msg.request);
      default:
        this.send('error', `Error parsing JSON into valid websocket request: ${text}`);
    }
  }

  private read(raw: unknown): Subscription | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const s = raw as Record<string, unknown>;
    const type = s.type;
    if (typeof type !== 'string') return undefined;
    // Only the keys the type has, with values the venue takes: junk keys would make endless distinct subscriptions.
    const required = requiredKeys(type);
    const optional = OPTIONAL_KEYS[type] ?? [];
    for (const [k, v] of Object.entries(s)) if (!required.includes(k) && !(optional.includes(k) && validOptional(k, v))) return undefined;
    if (type === 'allMids') return { type, raw: s };
    if (COIN_CHANNELS.has(type)) {
      if (typeof s.coin !== 'string' || this.venue.feed.market(s.coin) === undefined) return undefined;
      if (type === 'candle' && (typeof s.interval !== 'string' || INTERVALS[s.interval] === undefined)) return undefined;
      return { type, raw: s, coin: s.coin, interval: s.interval as string | undefined };
    }
    if (USER_CHANNELS.has(type)) {
      if (typeof s.user !== 'string' || !ADDRESS.test(s.user)) return undefined;
      return { type, raw: s, user: s.user };
    }
    return undefined;
  }

  private subscribe(raw: unknown): void {
    const sub = this.read(raw);
    if (sub === undefined) return this.send('error', `Invalid subscription ${JSON.stringify(raw)}`);
    const key = keyOf(sub.raw);
    if (this.subs.has(key)) return this.send('error', `Already subscribed: ${JSON.stringify(raw)}`);
    if (this.subs.size >= MAX_SUBSCRIPTIONS) return this.send('error', `Cannot subscribe to more than ${MAX_SUBSCRIPTIONS} channels on one connection: ${JSON.stringify(raw)}`);
    if (sub.user !== undefined && this.isNewUserBeyondCap(sub.user)) return this.send('error', `Cannot track more than ${MAX_USERS} unique users: ${JSON.stringify(raw)}`);
    this.subs.set(key, sub);
    this.send('subscriptionResponse', { method: 'subscribe', subscription: sub.raw });
    this.snapshot(sub);
  }

  /** True when `user` is not yet tracked by this connection and it already tracks MAX_USERS users (one pass over the subscriptions). */
  private isNewUserBeyondCap(user: string): boolean {
    const users = new Set<string>();
    for (const s of this.subs.values()) if (s.user !== undefined) users.add(s.user.toLowerCase());
    return !users.has(user.toLowerCase()) && users.size >= MAX_USERS;
  }

  private unsubscribe(raw: unknown): void {
    const sub = this.read(raw);
    if (sub === undefined) return this.send('error', `Invalid subscription ${JSON.stringify(raw)}`);
    if (!this.subs.delete(keyOf(sub.raw))) return this.send('error', `Already unsubscribed: ${JSON.stringify(raw)}`);
    this.send('subscriptionResponse', { method: 'unsubscribe', subscription: sub.raw });
  }

  /** What a new subscriber gets at once: the current book/mids/candle, or a user feed's `isSnapshot` history. */
  private snapshot(sub: Subscription): void {
    const v = this.venue;
    const m = sub.coin === undefined ? undefined : v.feed.market(sub.coin);
    switch (sub.type) {
      case 'allMids':
        return this.send('allMids', { mids: allMidsView(v.feed) });
      case 'l2Book':
        return this.send('l2Book', l2BookView(m as SymbolMarket, sub.raw.nSigFigs as number | null, sub.raw.mantissa as number | null));
      case 'bbo':
        sub.lastBbo = JSON.stringify(bboView(m as SymbolMarket));
        return this.send('bbo', bboView(m as SymbolMarket));
      case 'candle': {
        const c = v.feed.candles.get(sub.coin as string)?.latest(sub.interval as string);
        if (c !== undefined) this.send('candle', candleView(c, sub.coin as string, sub.interval as string));
        return;
      }
      case 'activeAssetCtx':
        return this.send('activeAssetCtx', { coin: sub.coin, ctx: assetCtxView(m as SymbolMarket, v.feed.dayStats(m as SymbolMarket, v.now())) });
      case 'userFills': {
        const acct = v.viewAccount(sub.user as string, 'subscription');
        return this.send('userFills', { user: sub.user, fills: acct.fills.slice(-2_000).reverse(), isSnapshot: true });
      }
      case 'userFundings':
        v.viewAccount(sub.user as string, 'subscription');
        return this.send('userFundings', { user: sub.user, fundings: [], isSnapshot: true });
      case 'userNonFundingLedgerUpdates':
        v.viewAccount(sub.user as string, 'subscription');
        return this.send('userNonFundingLedgerUpdates', { user: sub.user, nonFundingLedgerUpdates: [], isSnapshot: true });
      default:
        // orderUpdates, userEvents, notification: no snapshot on the venue either.
        if (sub.user !== undefined) v.viewAccount(sub.user, 'subscription');
    }
  }

  private async post(id: unknown, request: unknown): Promise<void> {
    if (typeof id !== 'number') return this.send('error', `Error parsing JSON into valid websocket request: ${JSON.stringify({ method: 'post', id, request })}`);
    if (this.postsInFlight >= MAX_POSTS_IN_FLIGHT) return this.send('post', { id, response: { type: 'error', payload: `Too many post requests in flight (at most ${MAX_POSTS_IN_FLIGHT} per connection)` } });
    this.postsInFlight++;
    try {
      await this.answerPost(id, request);
    } finally {
      this.postsInFlight--;
    }
  }

  private async answerPost(id: number, request: unknown): Promise<void> {
    const r = request as Record<string, unknown> | null;
    const kind = r?.type;
    if (kind === 'info') {
      const reply = this.venue.info(r?.payload);
      const payload = reply.status === 200 ? { type: 'info', payload: { type: (r?.payload as Record<string, unknown>)?.type, data: reply.json } } : { type: 'error', payload: reply.text };
      return this.send('post', { id, response: payload });
    }
    if (kind === 'action') {
      const reply = await this.venue.exchange(r?.payload);
      return this.send('post', { id, response: reply.status === 200 ? { type: 'action', payload: reply.json } : { type: 'error', payload: reply.text } });
    }
    this.send('post', { id, response: { type: 'error', payload: `Invalid post request type ${JSON.stringify(kind)}` } });
  }

  close(): void {
    this.hub.remove(this);
  }
}

/** All connections; fans the venue's market steps and account reports out to the matching subscriptions. */
export class WsHub {
  private readonly conns = new Set<WsConnection>();

  constructor(private readonly venue: LocalVenue) {}

  connect(peer: WsPeer): WsConnection {
    const c = new WsConnection(this, this.venue, peer);
    this.conns.add(c);
    return c;
  }

  remove(c: WsConnection): void {
    this.conns.delete(c);
  }

  get size(): number {
    return this.conns.size;
  }

  private each(visit: (c: WsConnection, s: Subscription) => void): void {
    for (const c of this.conns) for (const s of c.subscriptions()) visit(c, s);
  }

  publishMarket(m: SymbolMarket, trades: readonly MarketTrade[]): void {
    const coin = m.spec.name;
    this.each((c, s) => {
      if (s.coin !== coin) return;
      switch (s.type) {
        case 'l2Book':
          return c.send('l2Book', l2BookView(m, s.raw.nSigFigs as number | null, s.raw.mantissa as number | null));
        case 'trades':
          if (trades.length > 0) c.send('trades', trades.map(tradeView));
          return;
        case 'bbo': {
          const view = bboView(m);
          const top = JSON.stringify((view as { bbo: unknown }).bbo);
          if (top !== s.lastBbo) {
            s.lastBbo = top;
            c.send('bbo', view);
          }
          return;
        }
        case 'candle': {
          const k = this.venue.feed.candles.get(coin)?.latest(s.interval as string);
          if (k !== undefined && trades.length > 0) c.send('candle', candleView(k, coin, s.interval as string));
          return;
        }
        case 'activeAssetCtx':
          return c.send('activeAssetCtx', { coin, ctx: assetCtxView(m, this.venue.feed.dayStats(m, this.venue.now())) });
      }
    });
  }

  publishMids(): void {
    let mids: unknown;
    this.each((c, s) => {
      if (s.type === 'allMids') c.send('allMids', { mids: (mids ??= allMidsView(this.venue.feed)) });
    });
  }

  private forUser(acct: Account, types: readonly string[], visit: (c: WsConnection, s: Subscription) => void): void {
    this.each((c, s) => {
      if (s.user !== undefined && s.user.toLowerCase() === acct.address && types.includes(s.type)) visit(c, s);
    });
  }

  publishFills(acct: Account, fills: readonly WireFill[]): void {
    this.forUser(acct, ['userFills', 'userEvents'], (c, s) => {
      if (s.type === 'userFills') c.send('userFills', { user: s.user, fills });
      else c.send('user', { fills });
    });
  }

  publishOrderUpdates(acct: Account, orders: readonly OrderRecord[]): void {
    const data = orders.map((o) => ({ order: basicOrder(o), status: o.status, statusTimestamp: o.statusTimestamp }));
    this.forUser(acct, ['orderUpdates'], (c) => c.send('orderUpdates', data));
  }

  publishNonUserCancel(acct: Account, cancels: readonly { coin: string; oid: number }[]): void {
    this.forUser(acct, ['userEvents'], (c) => c.send('user', { nonUserCancel: cancels }));
    this.publishNotification(acct, `${cancels.length} order(s) canceled by the scheduled cancel.`);
  }

  publishNotification(acct: Account, text: string): void {
    this.forUser(acct, ['notification'], (c) => c.send('notification', { notification: text }));
  }
}

// Hyperliquid's domain face: instruments, orders by client id with venue-evidence outcomes, account reads and market-data subscriptions.
import type { Clock } from '../../core/clock.js';
import { BadInputError, RetryableError } from '../../core/errors.js';
import type { Instrument } from '../../core/instrument.js';
import { cloidFromClientId, type Cloid } from './actions/cloid.js';
import { cancelByCloidAction } from './actions/cancel.js';
import { updateLeverageAction } from './actions/margin.js';
import { modifyAction } from './actions/modify.js';
import { orderAction } from './actions/order.js';
import { scheduleCancelAction } from './actions/schedule-cancel.js';
import type { Address, L1Action } from './actions/wire-types.js';
import { parseCancelStatuses, parseDefaultResponse, parsePlaceStatuses, type HlPlaceStatus } from './adapter/exchange-response.js';
import { fetchFillsByTime, type FillsPageOptions } from './adapter/fills-pager.js';
import type { EnvelopeSink, FrameRouter, OpenOrdersSink } from './adapter/frame-router.js';
import { assetTableOf, needsMid, toHlOrder, type SubmitOrderRequest } from './adapter/order-request.js';
import { settleSendError, unreadable, type ActionOutcome, type OrderOutcome } from './adapter/outcomes.js';
import { InstrumentTable } from './instruments.js';
import type { HlAccountState, HlFill, HlOrder, HlOrderStatusResult } from './parse/account-types.js';
import { parseClearinghouseState } from './parse/clearinghouse.js';
import { parseMidsMap } from './parse/market-data.js';
import type { PerpCtxData } from './parse/market-types.js';
import { parseMetaAndAssetCtxs, parseSpotMeta } from './parse/meta.js';
import { parseFrontendOpenOrders, parseOrderStatus } from './parse/orders.js';
import type { ExchangeRequest } from './signing/exchange-signer.js';
import type { Freshness } from './transport/stale-cache.js';
import { subscriptionKey, type Subscription } from './transport/subscriptions.js';

/** What the adapter needs of the REST gateway (RestGateway fits). */
export interface AdapterRest {
  info<T = unknown>(body: unknown, options?: { signal?: AbortSignal }): Promise<Freshness<T>>;
  exchange(body: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/** What the adapter needs of the WebSocket supervisor (WsSupervisor fits). */
export interface AdapterWs {
  subscribe(sub: Subscription, options?: { signal?: AbortSignal }): Promise<void>;
  unsubscribe(sub: Subscription, options?: { signal?: AbortSignal }): Promise<void>;
}

/** What the adapter needs of the signer (HyperliquidSigner fits); the key stays inside it. */
export interface AdapterSigner {
  readonly accountAddress: Address;
  signL1<A extends L1Action>(action: A): Promise<ExchangeRequest<A>>;
}

export interface HyperliquidAdapterDeps {
  readonly rest: AdapterRest;
  readonly ws: AdapterWs;
  /** The frame handler given to the supervisor; subscriptions register their callbacks here. */
  readonly router: FrameRouter;
  /** Read only for the dead man's switch's lead-time check (builders read no clock). */
  readonly clock: Clock;
  /** Absent: a read-only adapter (instruments, market data, the `user` account's reads). */
  readonly signer?: AdapterSigner;
  /** Account whose state is read; default the signer's account (never an agent's address). */
  readonly user?: string;
  /** Also load spot pairs from spotMeta. */
  readonly spot?: boolean;
  readonly fillsPaging?: FillsPageOptions;
}

/** An /info request body. */
type InfoBody = { readonly type: string } & Readonly<Record<string, unknown>>;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface InstrumentsLoaded {
  readonly table: InstrumentTable;
  readonly instruments: readonly Instrument[];
  /** Perp contexts (funding, open interest, mark, oracle) at load time. */
  readonly contexts: ReadonlyMap<string, PerpCtxData>;
}

/** A live subscription; `unsubscribe` stops the callback and withdraws it from the venue. */
export interface SubscriptionHandle {
  readonly key: string;
  unsubscribe(): Promise<void>;
}

export interface ModifyOrderRequest extends Omit<SubmitOrderRequest, 'clientId' | 'type'> {
  readonly type: 'limit' | 'stop-limit' | 'take-profit-limit' | 'stop-market' | 'take-profit';
}

export class HyperliquidAdapter {
  private table: InstrumentTable | undefined;

  constructor(private readonly deps: HyperliquidAdapterDeps) {}

  /** The cloid the venue knows an order of ours by. */
  static cloidOf(clientId: string): Cloid {
    return cloidFromClientId(clientId);
  }

  /** The loaded instrument table (undefined before `requestInstruments`). */
  get instruments(): InstrumentTable | undefined {
    return this.table;
  }

  // ── instruments ───────────────────────────────────────────────────────────────

  /** metaAndAssetCtxs (and spotMeta when configured) → instruments with the venue's price and size rules, kept for order building. */
  async requestInstruments(options: CallOptions = {}): Promise<InstrumentsLoaded> {
    // Metadata changes rarely: a cached answer during a rate-limit cooldown is good enough.
    const { meta, ctxs } = parseMetaAndAssetCtxs((await this.deps.rest.info({ type: 'metaAndAssetCtxs' }, options)).value);
    const spot = this.deps.spot === true ? parseSpotMeta((await this.deps.rest.info({ type: 'spotMeta' }, options)).value) : undefined;
    const table = InstrumentTable.from([meta], spot);
    this.table = table;
    const contexts = new Map<string, PerpCtxData>();
    meta.universe.forEach((a, i) => contexts.set(a.name, ctxs[i]));
    return { table, instruments: table.assets().map((a) => a.instrument), contexts };
  }

  // ── orders ────────────────────────────────────────────────────────────────────

  /**
   * Places one order under the cloid of `req.clientId`, priced and sized on the instrument's grid,
   * signed and sent once. Throws BadInputError (nothing sent) for a request that cannot be built,
   * RetryableError when the venue was not asked (rate-limit pause, budget, no connection): retry
   * with the same client id. Everything the venue may have seen comes back as an outcome.
   */
  async submitOrder(req: SubmitOrderRequest, options: CallOptions = {}): Promise<OrderOutcome> {
    const cloid = cloidFromClientId(req.clientId);
    const table = await this.tableFor(req.symbol, options);
    const mid = needsMid(req) ? await this.mid(req.symbol, options) : undefined;
    const action = orderAction(assetTableOf(table), [toHlOrder(assetTableOf(table), req, cloid, mid)]);
    const ref = { clientId: req.clientId, cloid };
    const sent = await this.send(action, 'order', options);
    if (sent.status !== 'ok') return { ...ref, ...sent.outcome };
    let s: HlPlaceStatus;
    try {
      [s] = parsePlaceStatuses(sent.body, 1);
    } catch (e) {
      return { ...ref, ...unreadable('hyperliquid order', e) };
    }
    switch (s.kind) {
      case 'resting':
        return { ...ref, status: 'resting', oid: s.oid };
      case 'filled':
        return { ...ref, status: 'filled', oid: s.oid, filledQty: s.totalSize, avgPrice: s.avgPrice };
      case 'waiting':
        return { ...ref, status: 'waiting', reason: s.reason };
      case 'error':
        return { ...ref, status: 'rejected', message: s.message };
    }
  }

  /**
   * cancelByCloid. Without `symbol` the order's coin is looked up by `orderStatus` first. An order
   * the venue does not know, or no longer works, comes back rejected with the venue's words.
   */
  async cancelOrder(clientId: string, options: CallOptions & { readonly symbol?: string } = {}): Promise<ActionOutcome> {
    const cloid = cloidFromClientId(clientId);
    let symbol = options.symbol;
    if (symbol === undefined) {
      const st = await this.orderStatus(clientId, options);
      if (!st.found) return { status: 'rejected', message: `unknownOid: the venue knows no order with cloid ${cloid}` };
      symbol = st.update.order.symbol;
    }
    const table = await this.tableFor(symbol, options);
    const sent = await this.send(cancelByCloidAction(assetTableOf(table), [{ symbol, cloid }]), 'cancelByCloid', options);
    if (sent.status !== 'ok') return sent.outcome;
    try {
      const [s] = parseCancelStatuses(sent.body, 1);
      return s.kind === 'success' ? { status: 'ok' } : { status: 'rejected', message: s.message };
    } catch (e) {
      return unreadable('hyperliquid cancelByCloid', e);
    }
  }

  /** Replaces the working order of `clientId` (found by its cloid); the replacement keeps the cloid. */
  async modifyOrder(clientId: string, req: ModifyOrderRequest, options: CallOptions = {}): Promise<ActionOutcome> {
    const cloid = cloidFromClientId(clientId);
    const table = await this.tableFor(req.symbol, options);
    const assets = assetTableOf(table);
    const action = modifyAction(assets, { oid: cloid, order: toHlOrder(assets, { ...req, clientId }, cloid) });
    return this.sendDefault(action, 'modify', options);
  }

  /** updateLeverage: an integer 1…maxLeverage; `cross: false` switches the coin to isolated margin. */
  async setLeverage(symbol: string, leverage: number, options: CallOptions & { readonly cross?: boolean } = {}): Promise<ActionOutcome> {
    const table = await this.tableFor(symbol, options);
    return this.sendDefault(updateLeverageAction(assetTableOf(table), { symbol, leverage, cross: options.cross ?? true }), 'updateLeverage', options);
  }

  /** The dead man's switch: every open order is canceled at `time` (≥ now + 5 s); undefined clears it. */
  async scheduleCancel(time: number | undefined, options: CallOptions = {}): Promise<ActionOutcome> {
    return this.sendDefault(scheduleCancelAction(time, this.deps.clock.now()), 'scheduleCancel', options);
  }

  // ── account reads (fresh answers only: reconciliation must not act on a cached past) ──

  /** frontendOpenOrders: resting and trigger orders, with TP/SL children. Match ours by `cloid`. */
  async openOrders(options: CallOptions = {}): Promise<HlOrder[]> {
    return parseFrontendOpenOrders(await this.fresh({ type: 'frontendOpenOrders', user: this.user() }, options));
  }

  /** orderStatus by the cloid of `clientId`: how an unknown outcome is resolved. */
  async orderStatus(clientId: string, options: CallOptions = {}): Promise<HlOrderStatusResult> {
    return parseOrderStatus(await this.fresh({ type: 'orderStatus', user: this.user(), oid: cloidFromClientId(clientId) }, options));
  }

  /** clearinghouseState: positions, margin summaries, withdrawable. */
  async account(options: CallOptions = {}): Promise<HlAccountState> {
    return parseClearinghouseState(await this.fresh({ type: 'clearinghouseState', user: this.user() }, options));
  }

  /** Fills with `since ≤ time ≤ until`, oldest first, unique by fill id, paged to completeness. */
  async fills(since: number, until?: number, options: CallOptions = {}): Promise<HlFill[]> {
    const user = this.user();
    return fetchFillsByTime(
      (startTime, endTime) => this.fresh({ type: 'userFillsByTime', user, startTime, ...(endTime !== undefined ? { endTime } : {}) }, options),
      since,
      until,
      this.deps.fillsPaging,
    );
  }

  // ── subscriptions ─────────────────────────────────────────────────────────────

  /** l2Book: a full snapshot envelope (`market.book`, snapshot: true) per push and per REST repair. */
  subscribeBook(symbol: string, onEvent: EnvelopeSink, options: CallOptions & { readonly nSigFigs?: number } = {}): Promise<SubscriptionHandle> {
    const sub = options.nSigFigs === undefined ? { type: 'l2Book', coin: symbol } : { type: 'l2Book', coin: symbol, nSigFigs: options.nSigFigs };
    return this.subscribe([sub], onEvent, options);
  }

  /** trades: one `market.trade` envelope per trade (tradeId = tid). */
  subscribeTrades(symbol: string, onEvent: EnvelopeSink, options: CallOptions = {}): Promise<SubscriptionHandle> {
    return this.subscribe([{ type: 'trades', coin: symbol }], onEvent, options);
  }

  /** candle: `market.candle` envelopes, re-sent until the candle closes. */
  subscribeCandles(symbol: string, interval: string, onEvent: EnvelopeSink, options: CallOptions = {}): Promise<SubscriptionHandle> {
    return this.subscribe([{ type: 'candle', coin: symbol, interval }], onEvent, options);
  }

  /** activeAssetCtx: `market.assetCtx` (funding, open interest, mark, oracle). */
  subscribeAssetCtx(symbol: string, onEvent: EnvelopeSink, options: CallOptions = {}): Promise<SubscriptionHandle> {
    return this.subscribe([{ type: 'activeAssetCtx', coin: symbol }], onEvent, options);
  }

  /**
   * The account's events: userEvents (`account.fill`, `account.funding`, `account.liquidation`,
   * `account.nonUserCancel`) and orderUpdates (`account.order`). After a gap in orderUpdates the
   * open orders are fetched and given to `onOpenOrders` to reconcile.
   */
  async subscribeUserEvents(onEvent: EnvelopeSink, options: CallOptions & { readonly onOpenOrders?: OpenOrdersSink } = {}): Promise<SubscriptionHandle> {
    const user = this.user();
    const router = this.deps.router;
    const handle = await this.subscribe([{ type: 'userEvents', user }, { type: 'orderUpdates', user }], onEvent, options);
    router.setOpenOrdersSink(options.onOpenOrders);
    return {
      key: handle.key,
      unsubscribe: async () => {
        router.setOpenOrdersSink(undefined);
        await handle.unsubscribe();
      },
    };
  }

  // ── internals ─────────────────────────────────────────────────────────────────

  private async subscribe(subs: readonly Subscription[], onEvent: EnvelopeSink, options: CallOptions): Promise<SubscriptionHandle> {
    const { router, ws } = this.deps;
    const keys = subs.map((s) => subscriptionKey(s));
    const attached: string[] = [];
    try {
      for (const k of keys) {
        router.attach(k, onEvent);
        attached.push(k);
      }
      for (const s of subs) await ws.subscribe(s, options);
    } catch (e) {
      for (const k of attached) router.detach(k);
      throw e;
    }
    return {
      key: keys.join(' '),
      unsubscribe: async () => {
        for (const k of keys) router.detach(k);
        for (const s of subs) await ws.unsubscribe(s);
      },
    };
  }

  private user(): string {
    const u = this.deps.user ?? this.deps.signer?.accountAddress;
    if (u === undefined) throw new BadInputError('hyperliquid adapter', 'account reads need a user address or a signer');
    return u;
  }

  private async fresh(body: InfoBody, options: CallOptions): Promise<unknown> {
    const r = await this.deps.rest.info(body, options);
    if (r.stale) {
      throw new RetryableError(`hyperliquid /info ${body.type}: only a cached answer from ${r.asOf} is available (rate limited)`, { cause: new Error('stale cache answer') });
    }
    return r.value;
  }

  private async mid(symbol: string, options: CallOptions): Promise<number> {
    const mids = parseMidsMap(await this.fresh({ type: 'allMids' }, options), 'hyperliquid info allMids', 'body');
    const m = mids.get(symbol);
    if (m === undefined) throw new BadInputError('order.price', `the venue has no mid for ${symbol}; give the market order a reference price`);
    return m;
  }

  /** The table, loaded (or reloaded once, for a coin listed since) so that it knows `symbol`. */
  private async tableFor(symbol: string, options: CallOptions): Promise<InstrumentTable> {
    if (this.table?.get(symbol) !== undefined) return this.table;
    const { table } = await this.requestInstruments(options);
    table.require(symbol);
    return table;
  }

  private async send(action: L1Action, what: string, options: CallOptions): Promise<{ status: 'ok'; body: unknown } | { status: 'failed'; outcome: Exclude<ActionOutcome, { status: 'ok' }> }> {
    const signer = this.deps.signer;
    if (signer === undefined) throw new BadInputError('hyperliquid adapter', `${what} needs a signer (SEXTANT_HL_PRIVATE_KEY)`);
    const signed = await signer.signL1(action);
    try {
      return { status: 'ok', body: await this.deps.rest.exchange(signed, options) };
    } catch (e) {
      return { status: 'failed', outcome: settleSendError(e, `hyperliquid ${what}`) };
    }
  }

  private async sendDefault(action: L1Action, what: string, options: CallOptions): Promise<ActionOutcome> {
    const sent = await this.send(action, what, options);
    if (sent.status !== 'ok') return sent.outcome;
    try {
      parseDefaultResponse(sent.body);
      return { status: 'ok' };
    } catch (e) {
      return unreadable(`hyperliquid ${what}`, e);
    }
  }
}

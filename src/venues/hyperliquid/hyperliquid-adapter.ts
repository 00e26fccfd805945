// Hyperliquid's domain face: instruments; orders, batches, brackets, TWAPs and transfers by client id with venue-evidence outcomes; account reads; market-data subscriptions.
import type { Clock } from '../../core/clock.js';
import { BadInputError, RetryableError } from '../../core/errors.js';
import type { Instrument } from '../../core/instrument.js';
import type { Side } from '../../core/orders.js';
import { cloidFromClientId, type Cloid } from './actions/cloid.js';
import { cancelByCloidAction } from './actions/cancel.js';
import { updateIsolatedMarginAction, updateLeverageAction } from './actions/margin.js';
import { batchModifyAction, modifyAction } from './actions/modify.js';
import { orderAction, type Grouping } from './actions/order.js';
import { scheduleCancelAction } from './actions/schedule-cancel.js';
import { usdClassTransfer, type UserSignedContext } from './actions/transfer.js';
import { twapCancelAction, twapOrderAction } from './actions/twap.js';
import type { Address, L1Action } from './actions/wire-types.js';
import { parseCancelStatuses, parseDefaultResponse, parsePlaceStatuses, parseTwapCancelStatus, parseTwapOrderStatus } from './adapter/exchange-response.js';
import { fetchFillsByTime, type FillsPageOptions } from './adapter/fills-pager.js';
import type { EnvelopeSink, FrameRouter, OpenOrdersSink } from './adapter/frame-router.js';
import { assetTableOf, needsMid, toHlOrder, type SubmitOrderRequest } from './adapter/order-request.js';
import { orderOutcomeOf, settleSendError, unreadable, type ActionOutcome, type OrderOutcome, type OrderRef, type TwapOutcome } from './adapter/outcomes.js';
import { legRequest, legsOf, oppositeSide, type LegRole, type TriggerLeg } from './adapter/tpsl-request.js';
import { InstrumentTable } from './instruments.js';
import type { HlAccountState, HlFill, HlOrder, HlOrderStatusResult } from './parse/account-types.js';
import { parseClearinghouseState } from './parse/clearinghouse.js';
import { parseCandles } from './parse/candles.js';
import type { Bar } from '../../core/bars.js';
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
  /** User-signed actions (transfers); an agent key refuses them. */
  signUserSigned<A extends { readonly type: string }>(build: (ctx: UserSignedContext) => A): Promise<ExchangeRequest<A>>;
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

/** One order of a `modifyOrders` batch: the order of `clientId` gets the terms of `order`. */
export interface ModifyEntry {
  readonly clientId: string;
  readonly order: ModifyOrderRequest;
}

/** The outcomes of a bracket: the entry and each leg given, each under its own client id. */
export interface BracketOutcome {
  readonly entry: OrderOutcome;
  readonly takeProfit?: OrderOutcome;
  readonly stopLoss?: OrderOutcome;
}

/** The outcomes of `setPositionTpsl`: each leg given. */
export interface PositionTpslOutcome {
  readonly takeProfit?: OrderOutcome;
  readonly stopLoss?: OrderOutcome;
}

export interface TwapOptions extends CallOptions {
  readonly reduceOnly?: boolean;
  /** Let the venue randomise the slices. */
  readonly randomize?: boolean;
}

export type { TriggerLeg } from './adapter/tpsl-request.js';

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
    const [outcome] = await this.place([req], 'na', options);
    return outcome;
  }

  /**
   * Several orders in one signed `order` action (one nonce, one signature; grouping na). One
   * outcome per request, in order: a per-order venue error rejects only that order, while a
   * request-level refusal or an unknown outcome applies to every order of the batch.
   */
  async submitOrders(reqs: readonly SubmitOrderRequest[], options: CallOptions = {}): Promise<OrderOutcome[]> {
    return this.place(reqs, 'na', options);
  }

  /**
   * An entry order with its take-profit and / or stop-loss (grouping normalTpsl): the legs are
   * reduce-only triggers on the other side, sized as the entry, which the venue arms once the
   * entry fills (`waiting` with `waitingForFill` until then, `waitingForTrigger` after).
   */
  async submitBracket(entry: SubmitOrderRequest, takeProfit?: TriggerLeg, stopLoss?: TriggerLeg, options: CallOptions = {}): Promise<BracketOutcome> {
    const legs = legsOf(takeProfit, stopLoss, 'bracket');
    const children = legs.map(({ role, leg }) => legRequest(entry.symbol, oppositeSide(entry.side), entry.qty, role, leg));
    const [first, ...rest] = await this.place([entry, ...children], 'normalTpsl', options);
    return { entry: first, ...byRole(legs.map((l) => l.role), rest) };
  }

  /**
   * Take-profit and / or stop-loss on the whole open position of `symbol` (grouping positionTpsl):
   * reduce-only triggers sized to the position as `account()` reads it now. Throws BadInputError,
   * with nothing sent, when there is no position.
   */
  async setPositionTpsl(symbol: string, takeProfit?: TriggerLeg, stopLoss?: TriggerLeg, options: CallOptions = {}): Promise<PositionTpslOutcome> {
    const legs = legsOf(takeProfit, stopLoss, 'positionTpsl');
    const position = (await this.account(options)).positions.find((p) => p.symbol === symbol && p.size !== 0);
    if (position === undefined) throw new BadInputError('positionTpsl.symbol', `there is no open ${symbol} position to protect`);
    const side: Side = position.size > 0 ? 'sell' : 'buy';
    const reqs = legs.map(({ role, leg }) => legRequest(symbol, side, Math.abs(position.size), role, leg));
    return byRole(legs.map((l) => l.role), await this.place(reqs, 'positionTpsl', options));
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

  /**
   * batchModify: each order of `clientId` (found by its cloid) gets new terms and keeps its cloid.
   * One outcome per modify, in order, as the venue reports it (resting, filled, or rejected alone).
   */
  async modifyOrders(mods: readonly ModifyEntry[], options: CallOptions = {}): Promise<OrderOutcome[]> {
    if (mods.length === 0) throw new BadInputError('modifies', 'expected at least one modify');
    const refs = refsOf(mods.map((m) => m.clientId));
    const assets = assetTableOf(await this.tableForAll(mods.map((m) => m.order.symbol), options));
    const action = batchModifyAction(assets, mods.map((m, i) => ({ oid: refs[i].cloid, order: toHlOrder(assets, { ...m.order, clientId: m.clientId }, refs[i].cloid) })));
    return this.placeOutcomes(refs, await this.send(action, 'batchModify', options), 'hyperliquid batchModify');
  }

  /** cancelByCloid for several orders in one action: one outcome per cancel, in order. */
  async cancelOrders(cancels: readonly { readonly clientId: string; readonly symbol: string }[], options: CallOptions = {}): Promise<ActionOutcome[]> {
    if (cancels.length === 0) throw new BadInputError('cancels', 'expected at least one cancel');
    const table = await this.tableForAll(cancels.map((c) => c.symbol), options);
    const action = cancelByCloidAction(assetTableOf(table), cancels.map((c) => ({ symbol: c.symbol, cloid: cloidFromClientId(c.clientId) })));
    const sent = await this.send(action, 'cancelByCloid', options);
    if (sent.status !== 'ok') return cancels.map(() => sent.outcome);
    try {
      return parseCancelStatuses(sent.body, cancels.length).map((s) => (s.kind === 'success' ? { status: 'ok' } : { status: 'rejected', message: s.message }));
    } catch (e) {
      const u = unreadable('hyperliquid cancelByCloid', e);
      return cancels.map(() => u);
    }
  }

  /**
   * twapOrder: the venue works `qty` over `minutes` (5…1440) in slices every 30 s. `running` carries
   * the venue's twapId (on the fills of its slices, and for `cancelTwap`); `unknown` may be running.
   */
  async submitTwap(symbol: string, side: Side, qty: number | string, minutes: number, options: TwapOptions = {}): Promise<TwapOutcome> {
    const table = await this.tableFor(symbol, options);
    const action = twapOrderAction(assetTableOf(table), { symbol, side, qty, minutes, randomize: options.randomize ?? false, reduceOnly: options.reduceOnly ?? false });
    const sent = await this.send(action, 'twapOrder', options);
    if (sent.status !== 'ok') return sent.outcome;
    try {
      const s = parseTwapOrderStatus(sent.body);
      return s.kind === 'running' ? { status: 'running', twapId: s.twapId } : { status: 'rejected', message: s.message };
    } catch (e) {
      return unreadable('hyperliquid twapOrder', e);
    }
  }

  /** twapCancel: stops the TWAP; what its slices executed stays executed. */
  async cancelTwap(symbol: string, twapId: number, options: CallOptions = {}): Promise<ActionOutcome> {
    const table = await this.tableFor(symbol, options);
    const sent = await this.send(twapCancelAction(assetTableOf(table), { symbol, twapId }), 'twapCancel', options);
    if (sent.status !== 'ok') return sent.outcome;
    try {
      const s = parseTwapCancelStatus(sent.body);
      return s.kind === 'success' ? { status: 'ok' } : { status: 'rejected', message: s.message };
    } catch (e) {
      return unreadable('hyperliquid twapCancel', e);
    }
  }

  /** updateIsolatedMargin: `amountUsd` USDC into (> 0) or out of (< 0) the isolated position of `symbol`. */
  async setIsolatedMargin(symbol: string, amountUsd: number | string, options: CallOptions = {}): Promise<ActionOutcome> {
    const table = await this.tableFor(symbol, options);
    return this.sendDefault(updateIsolatedMarginAction(assetTableOf(table), { symbol, amountUsd }), 'updateIsolatedMargin', options);
  }

  /**
   * usdClassTransfer: `amount` USDC from perp to spot (`toPerp: false`) or back. User-signed, so it
   * needs the account's own key: an API-wallet key refuses it (BadInputError, nothing sent).
   */
  async transferUsd(amount: number | string, options: CallOptions & { readonly toPerp: boolean }): Promise<ActionOutcome> {
    const build = usdClassTransfer({ amount, toPerp: options.toPerp });
    const sent = await this.sendSigned('usdClassTransfer', (signer) => signer.signUserSigned(build), options);
    return this.defaultOutcome(sent, 'usdClassTransfer');
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

  /**
   * Candles of `symbol` at `interval` (1m … 1M) with open times in [from, to), oldest first, as bars
   * (the venue's current, still forming candle included when `to` is in it: callers keep the closed ones).
   */
  async candles(symbol: string, interval: string, from: number, to: number, options: CallOptions = {}): Promise<Bar[]> {
    const body = await this.fresh({ type: 'candleSnapshot', req: { coin: symbol, interval, startTime: from, endTime: to - 1 } }, options);
    return parseCandles(body).map((c) => ({ symbol, time: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume }));
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

  private async mids(options: CallOptions): Promise<ReadonlyMap<string, number>> {
    return parseMidsMap(await this.fresh({ type: 'allMids' }, options), 'hyperliquid info allMids', 'body');
  }

  private static midOf(mids: ReadonlyMap<string, number>, symbol: string): number {
    const m = mids.get(symbol);
    if (m === undefined) throw new BadInputError('order.price', `the venue has no mid for ${symbol}; give the market order a reference price`);
    return m;
  }

  /**
   * The orders of one `order` action under `grouping`, priced and sized on their instruments' grids
   * (one allMids read for every market order without a price), signed and sent once; one outcome
   * per order, in order.
   */
  private async place(reqs: readonly SubmitOrderRequest[], grouping: Grouping, options: CallOptions): Promise<OrderOutcome[]> {
    if (reqs.length === 0) throw new BadInputError('orders', 'expected at least one order');
    const refs = refsOf(reqs.map((r) => r.clientId));
    const assets = assetTableOf(await this.tableForAll(reqs.map((r) => r.symbol), options));
    const mids = reqs.some(needsMid) ? await this.mids(options) : undefined;
    const orders = reqs.map((r, i) => toHlOrder(assets, r, refs[i].cloid, mids === undefined || !needsMid(r) ? undefined : HyperliquidAdapter.midOf(mids, r.symbol)));
    const action = orderAction(assets, orders, { grouping });
    return this.placeOutcomes(refs, await this.send(action, 'order', options), 'hyperliquid order');
  }

  /** The per-order outcomes of an `order` / `batchModify` send: the request's fate for all, or one status each. */
  private placeOutcomes(refs: readonly OrderRef[], sent: Sent, what: string): OrderOutcome[] {
    if (sent.status !== 'ok') return refs.map((ref) => ({ ...ref, ...sent.outcome }));
    try {
      return parsePlaceStatuses(sent.body, refs.length).map((s, i) => orderOutcomeOf(refs[i], s));
    } catch (e) {
      const u = unreadable(what, e);
      return refs.map((ref) => ({ ...ref, ...u }));
    }
  }

  /** The table, loaded (or reloaded once, for a coin listed since) so that it knows `symbol`. */
  private async tableFor(symbol: string, options: CallOptions): Promise<InstrumentTable> {
    if (this.table?.get(symbol) !== undefined) return this.table;
    const { table } = await this.requestInstruments(options);
    table.require(symbol);
    return table;
  }

  /** A table that knows every symbol of a batch (a reload brings every listed coin, so the last one does). */
  private async tableForAll(symbols: readonly string[], options: CallOptions): Promise<InstrumentTable> {
    let table: InstrumentTable | undefined;
    for (const s of symbols) table = await this.tableFor(s, options);
    return table as InstrumentTable;
  }

  private send(action: L1Action, what: string, options: CallOptions): Promise<Sent> {
    return this.sendSigned(what, (signer) => signer.signL1(action), options);
  }

  /** Signs with the adapter's signer and posts to /exchange once; a failure is settled into an outcome (or rethrown when retryable). */
  private async sendSigned(what: string, sign: (signer: AdapterSigner) => Promise<unknown>, options: CallOptions): Promise<Sent> {
    const signer = this.deps.signer;
    if (signer === undefined) throw new BadInputError('hyperliquid adapter', `${what} needs a signer (SEXTANT_HL_PRIVATE_KEY)`);
    const signed = await sign(signer);
    try {
      return { status: 'ok', body: await this.deps.rest.exchange(signed, options) };
    } catch (e) {
      return { status: 'failed', outcome: settleSendError(e, `hyperliquid ${what}`) };
    }
  }

  private async sendDefault(action: L1Action, what: string, options: CallOptions): Promise<ActionOutcome> {
    return this.defaultOutcome(await this.send(action, what, options), what);
  }

  private defaultOutcome(sent: Sent, what: string): ActionOutcome {
    if (sent.status !== 'ok') return sent.outcome;
    try {
      parseDefaultResponse(sent.body);
      return { status: 'ok' };
    } catch (e) {
      return unreadable(`hyperliquid ${what}`, e);
    }
  }
}

/** What one /exchange send came to: the venue's ok-or-not body, or the settled failure. */
type Sent = { readonly status: 'ok'; readonly body: unknown } | { readonly status: 'failed'; readonly outcome: Exclude<ActionOutcome, { status: 'ok' }> };

/** The refs (client id, cloid) of a batch; two orders of one batch may not share a client id (the same cloid). */
function refsOf(clientIds: readonly string[]): OrderRef[] {
  const seen = new Set<string>();
  return clientIds.map((clientId, i) => {
    if (seen.has(clientId)) throw new BadInputError(`orders[${i}].clientId`, `${JSON.stringify(clientId)} appears twice in one batch`);
    seen.add(clientId);
    return { clientId, cloid: cloidFromClientId(clientId) };
  });
}

/** Leg outcomes keyed by their role. */
function byRole(roles: readonly LegRole[], outcomes: readonly OrderOutcome[]): { takeProfit?: OrderOutcome; stopLoss?: OrderOutcome } {
  const out: { takeProfit?: OrderOutcome; stopLoss?: OrderOutcome } = {};
  roles.forEach((role, i) => {
    out[role] = outcomes[i];
  });
  return out;
}

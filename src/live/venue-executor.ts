// The thin live executor: the kernel's commands to the Hyperliquid adapter; its answers and WebSocket updates back as ExecutionReports.
import type { Clock } from '../core/clock.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError, RetryableError } from '../core/errors.js';
import type { ExecutionReport, ExecutionReportSink } from '../core/execution.js';
import type { Fill, OrderRequest, OrderType } from '../core/orders.js';
import type { ExecutionPort } from '../engine/execution-port.js';
import { HyperliquidAdapter, type SubscriptionHandle } from '../venues/hyperliquid/hyperliquid-adapter.js';
import type { OrderOutcome } from '../venues/hyperliquid/adapter/outcomes.js';
import { FILL, ORDER_UPDATE, type FillEvent, type HlFill, type HlOrderUpdate, type OrderUpdateEvent } from '../venues/hyperliquid/parse/account-types.js';

/** What the executor uses of the adapter (ADAPTER.md). */
export type ExecutionAdapter = Pick<HyperliquidAdapter, 'submitOrder' | 'cancelOrder' | 'setLeverage' | 'subscribeUserEvents'>;

interface Tracked {
  readonly clientId: string;
  readonly symbol: string;
  readonly qty: number;
  readonly type: OrderType;
  filled: number;
  /** The submit's answer has been reported: WebSocket reports before it wait in `held`. */
  answered: boolean;
  held: ExecutionReport[];
  accepted: boolean;
  triggered: boolean;
  /** Outcome unknown so far: a later open/filled update is the evidence that resolves it. */
  unknown: boolean;
  terminal: boolean;
}

const TRIGGER_TYPES: ReadonlySet<OrderType> = new Set(['stop-market', 'stop-limit', 'take-profit', 'take-profit-limit']);

/**
 * Sources, one per fact, so nothing is reported twice:
 * - the submit's answer: `order.accepted` (resting, filled, waiting), `order.rejected` (venue evidence,
 *   or an adapter refusal before anything was sent), `order.unknown` (timeout, 5xx, unreadable answer);
 * - WebSocket order updates: `order.triggered`, `order.cancelled` (canceled and the venue's other
 *   terminal states), `order.rejected` after acceptance, and `order.accepted` resolving an unknown;
 * - WebSocket fills: `order.filled`, unique by venue fill id, with `remaining` from the order's size
 *   (the kernel sends sizes on the lot grid, which the adapter keeps unchanged). A fill of a trigger
 *   order not yet reported triggered is preceded by `order.triggered` (the fill is the evidence).
 *
 * Per order, reports keep the venue's causal order: updates that arrive before the submit's answer
 * wait for it. A cancel's answer reports nothing: `ok` is followed by the order's cancelled update, a
 * refusal (already filled, cancelled or never placed) leaves the order's own reports to tell its fate,
 * and an unknown cancel is resolved by them too. Orders the executor did not send are ignored here
 * (they are the reconciler's business). Leverage refusals come back as `leverage.rejected`.
 */
export class VenueExecutor implements ExecutionPort {
  private readonly orders = new Map<string, Tracked>();
  private readonly byCloid = new Map<string, Tracked>();
  private readonly fillIds = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private subscription: SubscriptionHandle | undefined;

  constructor(
    private readonly adapter: ExecutionAdapter,
    private readonly sink: ExecutionReportSink,
    private readonly clock: Clock,
    /** The cloid the venue knows an order by (the daemon's OMS derives it from the intent's dedupe key). */
    private readonly cloidOf: (clientId: string) => string = HyperliquidAdapter.cloidOf,
  ) {}

  /** Subscribes to the account's order updates and fills; resolves once the venue acknowledged. */
  async start(): Promise<void> {
    this.subscription = await this.adapter.subscribeUserEvents((e) => this.onAccountEvent(e));
  }

  async close(): Promise<void> {
    await this.idle();
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** Resolves when no command is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  submit(clientId: string, req: OrderRequest): void {
    if (this.orders.has(clientId)) throw new BadInputError(`submit ${clientId}`, 'client id already used: a client id names one order for its whole life');
    const t: Tracked = { clientId, symbol: req.symbol, qty: req.qty, type: req.type, filled: 0, answered: false, held: [], accepted: false, triggered: false, unknown: false, terminal: false };
    this.orders.set(clientId, t);
    this.byCloid.set(this.cloidOf(clientId).toLowerCase(), t);
    this.track(
      this.adapter.submitOrder({ ...req, clientId }).then(
        (outcome) => this.onAnswer(t, outcome),
        (e: unknown) => this.onAnswerError(t, e),
      ),
    );
  }

  cancel(symbol: string, clientId: string): void {
    this.track(
      this.adapter.cancelOrder(clientId, { symbol }).then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  /** Always undefined: the venue answers later, and a refusal arrives as `leverage.rejected`. */
  setLeverage(symbol: string, leverage: number): string | undefined {
    const refuse = (reason: string): void => this.sink.onExecutionReport({ type: 'leverage.rejected', symbol, reason, ts: this.clock.now() });
    this.track(
      this.adapter.setLeverage(symbol, leverage).then(
        (o) => {
          if (o.status === 'rejected') refuse(o.message);
          else if (o.status === 'unknown') refuse(`outcome unknown: ${o.error.message}`);
        },
        (e: unknown) => refuse(`not sent: ${messageOf(e)}`),
      ),
    );
    return undefined;
  }

  private track(p: Promise<void>): void {
    const done = p.finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  // ---- answers -------------------------------------------------------------------------------

  private onAnswer(t: Tracked, o: OrderOutcome): void {
    const now = this.clock.now();
    switch (o.status) {
      case 'resting':
      case 'filled':
        this.accept(t, String(o.oid), now);
        break;
      case 'waiting':
        this.accept(t, '', now);
        break;
      case 'rejected':
        this.finish(t, { type: 'order.rejected', clientId: t.clientId, symbol: t.symbol, reason: o.message, ts: now });
        break;
      case 'unknown':
        t.unknown = true;
        this.emit({ type: 'order.unknown', clientId: t.clientId, symbol: t.symbol, reason: o.error.message, ts: now });
        break;
      default: {
        const never: never = o;
        throw new BadInputError('order outcome', `unknown status ${JSON.stringify(never)}`);
      }
    }
    t.answered = true;
    const held = t.held;
    t.held = [];
    for (const r of held) this.deliver(t, r);
  }

  /** The adapter threw: BadInputError and RetryableError mean nothing was sent; anything else may have been. */
  private onAnswerError(t: Tracked, e: unknown): void {
    const now = this.clock.now();
    if (e instanceof BadInputError || e instanceof RetryableError) this.finish(t, { type: 'order.rejected', clientId: t.clientId, symbol: t.symbol, reason: `not sent: ${messageOf(e)}`, ts: now });
    else {
      t.unknown = true;
      this.emit({ type: 'order.unknown', clientId: t.clientId, symbol: t.symbol, reason: messageOf(e), ts: now });
    }
    t.answered = true;
    const held = t.held;
    t.held = [];
    for (const r of held) this.deliver(t, r);
  }

  private accept(t: Tracked, venueOrderId: string, ts: number): void {
    if (t.accepted || t.terminal) return;
    t.accepted = true;
    t.unknown = false;
    this.emit({ type: 'order.accepted', clientId: t.clientId, symbol: t.symbol, venueOrderId, ts });
  }

  private finish(t: Tracked, r: ExecutionReport): void {
    if (t.terminal) return;
    t.terminal = true;
    this.emit(r);
  }

  // ---- WebSocket ----------------------------------------------------------------------------

  private onAccountEvent(e: Envelope): void {
    if (e.type === ORDER_UPDATE) this.onOrderUpdate((e as OrderUpdateEvent).data);
    else if (e.type === FILL) this.onFill((e as FillEvent).data);
  }

  private onOrderUpdate(u: HlOrderUpdate): void {
    const t = u.order.cloid === undefined ? undefined : this.byCloid.get(u.order.cloid.toLowerCase());
    if (t === undefined) return;
    const ts = u.statusTimestamp;
    const base = { clientId: t.clientId, symbol: t.symbol, ts };
    switch (u.state) {
      case 'open':
        return this.hold(t, { type: 'order.accepted', ...base, venueOrderId: String(u.order.oid) });
      case 'triggered':
        return this.hold(t, { type: 'order.triggered', ...base });
      case 'filled':
        return; // the fills report it
      case 'canceled':
      case 'unknown':
        return this.hold(t, { type: 'order.cancelled', ...base, reason: u.reason ?? u.status });
      case 'rejected':
        return this.hold(t, { type: 'order.rejected', ...base, reason: u.reason ?? u.status });
      default: {
        const never: never = u.state;
        throw new BadInputError('order update state', `unknown ${String(never)}`);
      }
    }
  }

  private onFill(f: HlFill): void {
    const t = f.cloid === undefined ? undefined : this.byCloid.get(f.cloid.toLowerCase());
    if (t === undefined || this.fillIds.has(f.fillId)) return;
    this.fillIds.add(f.fillId);
    const fill: Fill = {
      type: 'order.filled',
      fillId: f.fillId,
      orderId: String(f.oid),
      clientId: t.clientId,
      symbol: t.symbol,
      side: f.side,
      qty: f.size,
      price: f.price,
      fee: f.fee,
      liquidity: f.liquidity,
      ts: f.time,
      reason: f.liquidation !== undefined ? 'Liquidation' : '',
    };
    this.hold(t, fill);
  }

  /** Delivers now, or after the submit's answer when it has not been reported yet. */
  private hold(t: Tracked, r: ExecutionReport): void {
    if (!t.answered) t.held.push(r);
    else this.deliver(t, r);
  }

  private deliver(t: Tracked, r: ExecutionReport): void {
    switch (r.type) {
      case 'order.accepted':
        // Evidence for an order whose outcome was unknown (or whose answer said nothing of it).
        return this.accept(t, r.venueOrderId, r.ts);
      case 'order.triggered':
        if (t.triggered || t.terminal) return;
        t.triggered = true;
        return this.emit(r);
      case 'order.filled': {
        if (!t.accepted && !t.terminal) this.accept(t, r.orderId, r.ts);
        if (TRIGGER_TYPES.has(t.type) && !t.triggered) {
          t.triggered = true;
          this.emit({ type: 'order.triggered', clientId: t.clientId, symbol: t.symbol, ts: r.ts });
        }
        t.filled += r.qty;
        const left = t.qty - t.filled;
        const remaining = left > t.qty * 1e-9 ? left : 0;
        if (remaining === 0) t.terminal = true;
        return this.emit({ ...r, remaining });
      }
      case 'order.cancelled':
      case 'order.rejected':
      case 'order.expired':
        return this.finish(t, r);
      default:
        return this.emit(r);
    }
  }

  private emit(r: ExecutionReport): void {
    this.sink.onExecutionReport(r);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

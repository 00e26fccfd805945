// The venue as the daemon's bot executors see it: each order stored and sent by the order manager under its intent's cloid, the account's stream subscribed once and fanned out.
import type { Envelope } from '../core/envelope.js';
import { InvariantError, RejectedError, RetryableError } from '../core/errors.js';
import type { OrderIntent } from '../oms/order-intent.js';
import type { OmsOrder } from '../oms/order-registry.js';
import type { OrderTransition } from '../oms/order-evidence.js';
import type { ActionOutcome, OrderOutcome } from '../venues/hyperliquid/adapter/outcomes.js';
import type { SubmitOrderRequest } from '../venues/hyperliquid/adapter/order-request.js';
import type { Cloid } from '../venues/hyperliquid/actions/index.js';
import type { EnvelopeSink } from '../venues/hyperliquid/adapter/frame-router.js';
import type { HyperliquidAdapter, SubscriptionHandle } from '../venues/hyperliquid/hyperliquid-adapter.js';
import { FILL, type FillEvent, type HlFill } from '../venues/hyperliquid/parse/account-types.js';
import { UnknownOutcomeError } from '../core/errors.js';
import type { ExecutionAdapter } from './venue-executor.js';
import { venueFillOf } from './hyperliquid-execution-client.js';
import type { OrderManager } from './order-manager.js';

export interface OmsGatewayDeps {
  readonly manager: OrderManager;
  /** Leverage is not an order: it goes to the venue directly. */
  readonly venue: Pick<HyperliquidAdapter, 'setLeverage'>;
  /** A fill the order manager could not record (the store failed): the daemon stops taking entries. */
  readonly onError: (error: unknown) => void;
  /** Sends the venue never received (a rate limit, no connection) are tried again this many times (default 3). */
  readonly retries?: number;
  readonly sleep: (ms: number) => Promise<void>;
}

const DEFAULT_RETRIES = 3;
const RETRY_DELAY_MS = 250;

/**
 * One per daemon, shared by every bot. A kernel's client id (`bot:symbol:side:time:seq`) is mapped to
 * the intent the bot's order port made from it (`register`), whose cloid is what the venue sees: a
 * function of the decision, so a restart that makes the same decision finds the stored order.
 */
export class OmsGateway implements ExecutionAdapter {
  private readonly intents = new Map<string, OrderIntent>();
  /**
   * Cloids of this process's intents: their executors report their fills (see `ownsOrder`). Known from `register` on,
   * not from the send's answer: a market order's fill can arrive on the stream before the answer.
   */
  private readonly ours = new Set<string>();
  /** The venue's words for rejected orders, from the order manager's transitions. */
  private readonly rejections = new Map<string, string>();
  private readonly listeners = new Set<EnvelopeSink>();
  /** Fills are recorded one after the other, in the stream's order. */
  private fillChain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: OmsGatewayDeps) {}

  register(clientId: string, intent: OrderIntent): void {
    const known = this.intents.get(clientId);
    if (known !== undefined && known.cloid !== intent.cloid) throw new InvariantError(`client id ${clientId} registered for two intents`);
    this.intents.set(clientId, intent);
    this.ours.add(intent.cloid.toLowerCase());
  }

  /** The order manager's transitions (the daemon forwards them): a rejection's message is kept for its report. */
  noteTransition(t: OrderTransition): void {
    if (t.to === 'rejected' && t.evidence.kind === 'reject') this.rejections.set(t.cloid, t.evidence.message);
  }

  intentOf(clientId: string): OrderIntent | undefined {
    return this.intents.get(clientId);
  }

  /** The cloid of a registered client id (the bot executors key the venue's reports by it). */
  cloidOf(clientId: string): string {
    return this.require(clientId).cloid;
  }

  async submitOrder(req: SubmitOrderRequest): Promise<OrderOutcome> {
    const intent = this.require(req.clientId);
    const ref = { clientId: req.clientId, cloid: intent.cloid as Cloid };
    const { manager } = this.deps;
    const retries = this.deps.retries ?? DEFAULT_RETRIES;
    let order: OmsOrder;
    for (let attempt = 0; ; attempt++) {
      try {
        order = attempt === 0 ? await manager.submit(intent) : await manager.retry(intent.cloid);
        break;
      } catch (e) {
        // Refused before anything was stored or sent (new entries blocked): a rejection, not an unknown.
        if (e instanceof RejectedError) return { ...ref, status: 'rejected', message: e.message };
        // The venue was never asked: the same intent goes again under its cloid (it cannot double).
        if (!(e instanceof RetryableError) || attempt >= retries) throw e;
        await this.deps.sleep(RETRY_DELAY_MS * (attempt + 1));
      }
    }
    const message = this.rejections.get(intent.cloid);
    this.rejections.delete(intent.cloid);
    return outcomeOf(order, ref, message);
  }

  async cancelOrder(clientId: string): Promise<ActionOutcome> {
    const o = await this.deps.manager.cancel(this.require(clientId).cloid);
    return o.status === 'cancelled' ? { status: 'ok' } : { status: 'rejected', message: `the order is ${o.status}` };
  }

  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    return this.deps.venue.setLeverage(symbol, leverage);
  }

  subscribeUserEvents(onEvent: EnvelopeSink): Promise<SubscriptionHandle> {
    this.listeners.add(onEvent);
    return Promise.resolve({ key: 'oms-gateway', unsubscribe: () => Promise.resolve(void this.listeners.delete(onEvent)) });
  }

  /** The account stream (order updates, fills) from the daemon's one subscription. */
  onAccountEvent(e: Envelope): void {
    if (e.type === FILL) this.recordFill((e as FillEvent).data);
    for (const l of this.listeners) l(e);
  }

  /** Settles when every fill handed over so far is recorded. */
  whenRecorded(): Promise<void> {
    return this.fillChain;
  }

  /**
   * Whether an executor of this process sent the order (it reports the order's fills to its bot);
   * otherwise the order is an earlier process's, and the daemon gives its fills to its bot.
   */
  ownsOrder(cloid: string): boolean {
    return this.ours.has(cloid.toLowerCase());
  }

  private recordFill(f: HlFill): void {
    const { manager } = this.deps;
    this.fillChain = this.fillChain.then(async () => {
      try {
        await manager.ingestFill(venueFillOf(f));
      } catch (e) {
        this.deps.onError(e);
      }
    });
  }

  private require(clientId: string): OrderIntent {
    const i = this.intents.get(clientId);
    if (i === undefined) throw new InvariantError(`client id ${clientId}: no intent registered (the bot's order port registers it before sending)`);
    return i;
  }
}

/** Where the order manager left the order after the send, as the adapter's outcome. */
function outcomeOf(o: OmsOrder, ref: { clientId: string; cloid: Cloid }, rejection: string | undefined): OrderOutcome {
  const oid = Number(o.venueOrderId);
  switch (o.status) {
    case 'accepted':
    case 'triggered':
    case 'partially-filled':
      return Number.isSafeInteger(oid) ? { ...ref, status: 'resting', oid } : { ...ref, status: 'waiting', reason: o.status };
    case 'filled':
      return { ...ref, status: 'filled', oid, filledQty: o.filledQty, avgPrice: 0 };
    case 'cancelled':
    case 'expired':
      // An IOC that found nothing to fill; the venue's update says cancelled.
      return Number.isSafeInteger(oid) ? { ...ref, status: 'resting', oid } : { ...ref, status: 'rejected', message: `the venue ended the order (${o.status})` };
    case 'rejected':
      return { ...ref, status: 'rejected', message: rejection ?? 'rejected by the venue' };
    case 'unknown':
    case 'submitted':
    case 'not-placed':
      return { ...ref, status: 'unknown', error: new UnknownOutcomeError(`order ${o.intent.cloid}: the outcome is not known yet (${o.status}); the reconciler resolves it`) };
    default: {
      const never: never = o.status;
      throw new InvariantError(`order status ${String(never)}`);
    }
  }
}

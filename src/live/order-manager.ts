// The order manager: an intent is stored, then sent; answers become transitions; unknown outcomes are resolved by orderStatus, never by a blind resend.
import type { Clock } from '../core/clock.js';
import { InvariantError, RejectedError, RetryableError } from '../core/errors.js';
import { matchFill } from '../oms/fill-matching.js';
import type { OmsFill, OmsStore } from '../oms/oms-store.js';
import type { OrderEvidence, OrderTransition } from '../oms/order-evidence.js';
import type { OrderIntent } from '../oms/order-intent.js';
import type { OrderEventKind } from '../oms/order-lifecycle.js';
import { OrderRegistry, type OmsOrder, type VenueOrderState } from '../oms/order-registry.js';
import type { Correction, OursView } from '../oms/reconcile-diff.js';
import type { VenueFill } from '../oms/venue-views.js';
import type { ExecutionClient } from './execution-client.js';
import type { LiveEventSink, TradingGate } from './live-events.js';

export interface OrderManagerDeps {
  readonly store: OmsStore;
  readonly client: ExecutionClient;
  readonly clock: Clock;
  /**
   * How long after a send an orderStatus "unknown order" becomes evidence that it was never
   * placed (default 60 s): a delayed request may still reach the venue before that.
   */
  readonly notFoundGraceMs?: number;
  /** When blocked, intents that are not reduce-only are refused before anything is stored. */
  readonly gate?: TradingGate;
  readonly onEvent?: LiveEventSink;
}

const DEFAULT_NOT_FOUND_GRACE_MS = 60_000;

export class OrderManager {
  private readonly fillIds = new Set<string>();
  private readonly fillPositions = new Map<string, number>();
  private baseline = new Map<string, number>();
  private lastFillTs: number | undefined;
  private readonly registry = new OrderRegistry();

  private constructor(private readonly deps: OrderManagerDeps) {}

  /**
   * Loads every stored order and fill. An order still `submitted` was stored, and maybe sent, by
   * a process that stopped before the answer: it becomes `unknown` (restart evidence), to be
   * resolved like any unknown outcome.
   */
  static async open(deps: OrderManagerDeps): Promise<OrderManager> {
    const m = new OrderManager(deps);
    for (const o of await deps.store.loadOrders()) m.registry.add({ intent: o.intent, status: o.status, venueOrderId: o.venueOrderId, filledQty: o.filledQty, sentAt: o.sentAt, updatedAt: o.updatedAt });
    for (const f of await deps.store.listFills()) m.countFill(f);
    m.baseline = await deps.store.baselinePositions();
    for (const o of m.registry.all()) {
      if (o.status === 'submitted') await m.move(o.intent.cloid, 'outcome-unknown', { kind: 'restart', note: 'stored before a restart with no answer recorded' });
    }
    return m;
  }

  get client(): ExecutionClient {
    return this.deps.client;
  }

  order(cloid: string): OmsOrder | undefined {
    return this.registry.get(cloid);
  }

  orders(): OmsOrder[] {
    return this.registry.all();
  }

  /** True before the OMS has any order, fill or adopted position: the first reconciliation may adopt the venue's positions. */
  isFresh(): boolean {
    return this.registry.all().length === 0 && this.fillIds.size === 0 && this.baseline.size === 0;
  }

  /** Our positions: adopted baseline plus every recorded fill. */
  positions(): Map<string, number> {
    const out = new Map(this.baseline);
    for (const [s, q] of this.fillPositions) out.set(s, (out.get(s) ?? 0) + q);
    return out;
  }

  /** Time of the newest recorded fill (the reconciler reads fills from a little before it). */
  newestFillTs(): number | undefined {
    return this.lastFillTs;
  }

  oursView(): OursView {
    return { registry: this.registry, fillIds: this.fillIds, positions: this.positions() };
  }

  /**
   * Stores the intent, then sends it. A replayed intent (same dedupe key) sends nothing and
   * returns the stored order. A RetryableError (the venue was never asked) leaves the order
   * `submitted` for `retry`; an unknown outcome leaves it `unknown` for `resolveUnknown`.
   */
  async submit(intent: OrderIntent): Promise<OmsOrder> {
    const gate = this.deps.gate;
    if (gate?.blocked() === true && !intent.reduceOnly) throw new RejectedError(`order ${intent.dedupeKey}: new entries are blocked (${gate.reason() ?? 'blocked'}); only reduce-only orders go out`);
    const now = this.deps.clock.now();
    const saved = await this.deps.store.saveIntent(intent, now);
    if (!saved.created) return this.registry.get(intent.cloid) ?? this.adopt(saved.order);
    this.registry.add({ intent, status: 'submitted', venueOrderId: undefined, filledQty: 0, sentAt: now, updatedAt: now });
    await this.send(intent);
    return this.registry.require(intent.cloid);
  }

  /** Sends again an order the venue was never asked about (`submitted` after a RetryableError), under its cloid. */
  async retry(cloid: string): Promise<OmsOrder> {
    const o = this.registry.require(cloid);
    if (o.status !== 'submitted') throw new InvariantError(`order ${cloid}: only a submitted order is retried, it is ${o.status}`);
    await this.send(o.intent);
    return this.registry.require(cloid);
  }

  /** Sends again, under the same cloid, an order the venue showed it never placed. */
  async resend(cloid: string): Promise<OmsOrder> {
    const o = this.registry.require(cloid);
    if (o.status !== 'not-placed') throw new InvariantError(`order ${cloid}: only a not-placed order is resent, it is ${o.status}`);
    await this.move(cloid, 'resent', { kind: 'resend', note: 'orderStatus showed it was never placed' });
    await this.send(o.intent);
    return this.registry.require(cloid);
  }

  /**
   * Asks the venue about every `unknown` order: a status found moves it; "unknown order" moves it
   * to `not-placed` only once the grace period since the send has passed. A failed read leaves it
   * unknown (reported). Returns the orders still unknown.
   */
  async resolveUnknown(): Promise<OmsOrder[]> {
    const grace = this.deps.notFoundGraceMs ?? DEFAULT_NOT_FOUND_GRACE_MS;
    for (const o of this.registry.all().filter((x) => x.status === 'unknown')) {
      const cloid = o.intent.cloid;
      let st;
      try {
        st = await this.deps.client.orderStatus(cloid);
      } catch (e) {
        if (!(e instanceof RetryableError)) throw e;
        this.deps.onEvent?.({ type: 'oms.resolve-failed', cloid, error: e.message, ts: this.deps.clock.now() });
        continue;
      }
      // Another path (the reconciler, a fill) may have resolved it while we asked.
      if (this.registry.require(cloid).status !== 'unknown') continue;
      if (st.found) await this.applyVenueState(cloid, st.state, { kind: 'order-status', venueStatus: st.venueStatus, venueOrderId: st.venueOrderId, statusTs: st.statusTs }, st.venueOrderId, st.partlyFilled);
      else if (this.deps.clock.now() - o.sentAt >= grace) await this.move(cloid, 'not-found', { kind: 'not-found', sentAt: o.sentAt, graceMs: grace });
    }
    return this.registry.all().filter((x) => x.status === 'unknown');
  }

  /** Cancels by cloid. `ok` is venue evidence; a refusal or an unknown outcome is left to orderStatus and the reconciler. */
  async cancel(cloid: string): Promise<OmsOrder> {
    const o = this.registry.require(cloid);
    const r = await this.deps.client.cancel(cloid, o.intent.symbol);
    if (r.status === 'ok') await this.applyVenueState(cloid, 'canceled', { kind: 'ack', venueStatus: 'cancel success' }, undefined, false);
    return this.registry.require(cloid);
  }

  /**
   * Records a venue fill once (unique by fill id, across restarts): ours by cloid or venue order
   * id, moving the order; `external` fills are flagged. Returns false for one already recorded.
   */
  async recordFill(fill: VenueFill, cloid: string | undefined, external: boolean, matchedBy: string): Promise<boolean> {
    const rec: OmsFill = { ...fill, cloid, external, matchedBy };
    if (this.fillIds.has(fill.fillId)) return false;
    if (!(await this.deps.store.appendFill(rec))) return false;
    this.countFill(rec);
    this.deps.onEvent?.({ type: 'oms.fill', fill: rec });
    if (cloid !== undefined && !external) {
      const t = this.registry.applyFill(cloid, fill.fillId, fill.qty, fill.ts, fill.venueOrderId);
      if (t !== undefined) await this.persist(t);
    }
    return true;
  }

  /**
   * A fill from the venue's stream (or any read): recorded if it is new and ours (by cloid or
   * venue order id). Fills of orders we did not place are left to the reconciler, which decides
   * whether they are explained. Returns what happened.
   */
  async ingestFill(fill: VenueFill): Promise<'recorded' | 'duplicate' | 'left-to-reconciler'> {
    const m = matchFill(fill, this.registry, this.fillIds);
    if (m.kind === 'duplicate') return 'duplicate';
    if (m.kind !== 'ours') return 'left-to-reconciler';
    return (await this.recordFill(fill, m.cloid, false, m.by)) ? 'recorded' : 'duplicate';
  }

  /** Applies one reconciliation correction (the reconciler emits the event with its evidence). */
  async applyCorrection(c: Correction): Promise<void> {
    switch (c.type) {
      case 'order.state':
        await this.applyVenueState(c.cloid, c.state, c.evidence, c.venueOrderId, c.partlyFilled);
        return;
      case 'fill.record':
        await this.recordFill(c.fill, c.cloid, c.external, c.matchedBy);
        return;
      case 'external.track':
        this.registry.trackExternal(c.order);
        return;
      case 'position.adopt':
        await this.deps.store.adoptPositions(new Map([[c.symbol, c.size]]), this.deps.clock.now(), 'a fresh OMS adopted the venue position');
        this.baseline.set(c.symbol, (this.baseline.get(c.symbol) ?? 0) + c.size);
        return;
      default:
        throw new InvariantError(`unhandled correction ${JSON.stringify(c satisfies never)}`);
    }
  }

  private async send(intent: OrderIntent): Promise<void> {
    const cloid = intent.cloid;
    const r = await this.deps.client.place(intent);
    // While the send was out, the reconciler may have seen the order already: then the answer is
    // one more piece of evidence of a state reached, applied only if it moves the order on.
    const raced = this.registry.require(cloid).status !== 'submitted';
    switch (r.status) {
      case 'accepted': {
        const evidence: OrderEvidence = { kind: 'ack', venueStatus: r.venueStatus, ...(r.venueOrderId !== undefined ? { venueOrderId: r.venueOrderId } : {}) };
        if (raced) await this.applyVenueState(cloid, 'open', evidence, r.venueOrderId, false);
        else await this.move(cloid, 'accepted', evidence, r.venueOrderId);
        return;
      }
      case 'filled': {
        // The fills themselves (ids, fees) arrive through the fill stream or the reconciler.
        const full = r.filledQty >= intent.qty * (1 - 1e-9);
        const evidence: OrderEvidence = { kind: 'ack', venueStatus: `filled ${r.filledQty} @ ${r.avgPrice}`, venueOrderId: r.venueOrderId };
        // An IOC that filled in part is over: the venue cancelled the rest.
        const ended = !full && intent.tif === 'IOC';
        if (raced) {
          await this.applyVenueState(cloid, full ? 'filled' : ended ? 'canceled' : 'open', evidence, r.venueOrderId, !full);
          return;
        }
        await this.move(cloid, full ? 'filled' : 'partially-filled', evidence, r.venueOrderId);
        if (ended) await this.move(cloid, 'cancelled', { ...evidence, venueStatus: `IOC remainder cancelled after ${r.filledQty} of ${intent.qty}` });
        return;
      }
      case 'rejected':
        if (raced) await this.applyVenueState(cloid, 'rejected', { kind: 'reject', message: r.message }, undefined, false);
        else await this.move(cloid, 'rejected', { kind: 'reject', message: r.message });
        return;
      case 'unknown':
        // Evidence already moved it on: a lost answer adds nothing.
        if (!raced) await this.move(cloid, 'outcome-unknown', { kind: 'send-failed', error: r.error.message });
        return;
    }
  }

  private async applyVenueState(cloid: string, state: VenueOrderState, evidence: OrderEvidence, venueOrderId: string | undefined, partlyFilled: boolean): Promise<void> {
    const res = this.registry.applyVenueState(cloid, state, evidence, this.deps.clock.now(), venueOrderId, partlyFilled);
    if (res.kind === 'moved') await this.persist(res.transition);
    // A conflict is left for the reconciler, which reports it as unexplained.
  }

  private async move(cloid: string, event: OrderEventKind, evidence: OrderEvidence, venueOrderId?: string): Promise<void> {
    await this.persist(this.registry.transition(cloid, event, evidence, this.deps.clock.now(), venueOrderId));
  }

  private async persist(t: OrderTransition): Promise<void> {
    await this.deps.store.appendTransition(t);
    this.deps.onEvent?.({ type: 'oms.transition', transition: t });
  }

  private adopt(o: { intent: OrderIntent } & Omit<OmsOrder, 'intent'>): OmsOrder {
    this.registry.add(o);
    return o;
  }

  private countFill(f: OmsFill): void {
    this.fillIds.add(f.fillId);
    this.fillPositions.set(f.symbol, (this.fillPositions.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
    if (this.lastFillTs === undefined || f.ts > this.lastFillTs) this.lastFillTs = f.ts;
  }
}

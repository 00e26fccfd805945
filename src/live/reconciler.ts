// The reconciler: at start and every N s, the venue's positions, open orders and fills against ours; explained differences corrected, the rest fail closed.
import type { Clock } from '../core/clock.js';
import { isTerminal } from '../oms/order-lifecycle.js';
import { reconcileDiff, type Difference, type StatusEvidence } from '../oms/reconcile-diff.js';
import type { VenuePosition, VenueSnapshot } from '../oms/venue-views.js';
import type { Scheduler, TimerHandle } from '../core/clock.js';
import type { LiveEventSink, TradingGate } from './live-events.js';
import type { OrderManager } from './order-manager.js';

export interface ReconcilerOptions {
  readonly manager: OrderManager;
  readonly clock: Clock;
  /** Runs `start` repeats on; injected so tests drive time by hand. */
  readonly scheduler: Scheduler;
  /** Between runs (default 30 s). */
  readonly intervalMs?: number;
  /** Fills are read from this long before the newest one we hold (default 5 min). */
  readonly lookbackMs?: number;
  /** Orders and fills placed outside Sextant are tracked as external instead of failing closed. */
  readonly allowExternal?: boolean;
  readonly onEvent?: LiveEventSink;
}

export interface ReconcileReport {
  readonly ts: number;
  readonly differences: readonly Difference[];
  readonly unexplained: readonly Difference[];
  readonly blocked: boolean;
}

const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_LOOKBACK_MS = 5 * 60_000;
const SNAPSHOT_TRIES = 3;

const samePositions = (a: readonly VenuePosition[], b: readonly VenuePosition[]): boolean =>
  a.length === b.length && a.every((p) => b.some((q) => q.symbol === p.symbol && q.size === p.size));

/**
 * Fails closed: `blocked()` is true from construction until a run finds every difference
 * explained, and again whenever one is not (or a run cannot read the venue after one did not).
 */
export class Reconciler implements TradingGate {
  private isBlocked = true;
  private why: string | undefined = 'not reconciled yet';
  private lastReadAt: number | undefined;
  private timer: TimerHandle | undefined;
  private running: Promise<ReconcileReport | undefined> | undefined;
  /** Runs one at a time: a run started while another is out waits for it. */
  private queue: Promise<unknown> = Promise.resolve();
  private acknowledged: string | undefined;
  private stopped = false;

  constructor(private readonly opts: ReconcilerOptions) {}

  blocked(): boolean {
    return this.isBlocked;
  }

  reason(): string | undefined {
    return this.why;
  }

  /** Runs now, then every interval until `stop`. */
  start(): Promise<ReconcileReport | undefined> {
    this.stopped = false;
    return this.tick();
  }

  /** Settles when the runs in flight (if any) are over: for an orderly stop and for tests. */
  async whenIdle(): Promise<void> {
    await this.running;
    await this.queue;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.opts.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * The operator's word that the unexplained fills and orders were placed outside Sextant: the
   * next run records them as external (flagged) and adopts what they did.
   */
  acknowledgeExternal(note: string): void {
    this.acknowledged = note;
  }

  /** One reconciliation: read the venue, diff, correct what is explained, block on the rest. */
  runOnce(): Promise<ReconcileReport> {
    const run = this.queue.then(() => this.run());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(): Promise<ReconcileReport> {
    const { manager, clock } = this.opts;
    const client = manager.client;
    await manager.resolveUnknown();
    const fresh = manager.isFresh();
    const snap = await this.snapshot(fresh);
    const listed = new Set(snap.openOrders.map((o) => o.cloid));
    const statuses = new Map<string, StatusEvidence>();
    for (const o of manager.orders()) {
      if (isTerminal(o.status) || listed.has(o.intent.cloid) || o.sentAt > snap.readAt) continue;
      const st = await client.orderStatus(o.intent.cloid);
      statuses.set(o.intent.cloid, st.found ? st : { found: false, askedAt: clock.now() });
    }
    const acknowledged = this.acknowledged;
    const differences = reconcileDiff(manager.oursView(), snap, { statuses, allowExternal: this.opts.allowExternal === true || acknowledged !== undefined, adoptVenuePositions: fresh });
    const ts = clock.now();
    for (const d of differences) {
      if (d.explanation.kind !== 'explained') continue;
      for (const c of d.explanation.corrections) {
        await manager.applyCorrection(c);
        this.opts.onEvent?.({ type: 'reconcile.correction', difference: d, correction: c, ts });
      }
    }
    const unexplained = differences.filter((d) => d.explanation.kind === 'unexplained');
    this.lastReadAt = snap.readAt;
    if (unexplained.length > 0) {
      this.isBlocked = true;
      this.why = `${unexplained.length} unexplained reconciliation difference(s): ${unexplained.map((d) => `${d.kind} ${d.symbol}: ${d.detail}`).join('; ')}`;
      this.opts.onEvent?.({ type: 'reconcile.alert', differences: unexplained, ts });
    } else {
      if (this.isBlocked) this.opts.onEvent?.({ type: 'reconcile.resolved', ts, note: acknowledged !== undefined ? `acknowledged as external: ${acknowledged}` : 'every difference explained' });
      this.isBlocked = false;
      this.why = undefined;
      if (acknowledged !== undefined) this.acknowledged = undefined;
    }
    return { ts, differences, unexplained, blocked: this.isBlocked };
  }

  private async snapshot(fresh: boolean): Promise<VenueSnapshot> {
    const client = this.opts.manager.client;
    const since = this.fillsSince(fresh);
    // A fill between the position and fill reads would look like an unexplained move: read the
    // positions on both sides of the fills and retry until they agree.
    for (let i = 0; i < SNAPSHOT_TRIES; i++) {
      const openOrders = await client.openOrders();
      const readAt = this.opts.clock.now();
      const before = await client.positions();
      const fills = await client.fills(since);
      const after = await client.positions();
      if (samePositions(before, after)) return { openOrders, positions: before, fills, fillsSince: since, readAt };
    }
    throw new Error(`the venue's positions kept moving during ${SNAPSHOT_TRIES} reads; reconciliation retried later`);
  }

  private fillsSince(fresh: boolean): number {
    const now = this.opts.clock.now();
    if (fresh) return now;
    const lookback = this.opts.lookbackMs ?? DEFAULT_LOOKBACK_MS;
    const marks = [this.opts.manager.newestFillTs(), this.lastReadAt, ...this.opts.manager.orders().filter((o) => !isTerminal(o.status) || this.lastReadAt === undefined || o.updatedAt >= this.lastReadAt).map((o) => o.sentAt)];
    const known = marks.filter((m): m is number => m !== undefined);
    return Math.max(0, (known.length > 0 ? Math.min(...known) : now) - lookback);
  }

  private tick(): Promise<ReconcileReport | undefined> {
    if (this.running !== undefined) return this.running;
    this.running = this.runOnce()
      .then(
        (r) => r,
        (e: unknown) => {
          // The venue could not be read (or the run failed): stay as blocked as we were, say so.
          const error = e instanceof Error ? e.message : String(e);
          if (this.isBlocked) this.why = `${this.why ?? 'blocked'}; last run failed: ${error}`;
          this.opts.onEvent?.({ type: 'reconcile.failed', error, ts: this.opts.clock.now() });
          return undefined;
        },
      )
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = this.opts.scheduler.setTimeout(() => void this.tick(), this.opts.intervalMs ?? DEFAULT_INTERVAL_MS);
      });
    return this.running;
  }
}

// One stream's health: freshness deadline, stale/recovered transitions, gap repair with retries, ordering and bad-data reports.
import { InvariantError } from '../../../core/errors.js';
import type { Rng } from '../../../core/rng.js';
import { backoffDelay } from './backoff.js';
import { DegradeTracker } from './degrade-tracker.js';
import type { DegradedReason, HealthEvent, HealthEventFactory, StaleReason } from './health-events.js';
import type { Scheduler, TimerHandle } from '../../../core/clock.js';
import { channelOf, kindOf, routingChannel, subscriptionKey, type Subscription } from './subscriptions.js';
import type { StreamKind, WsSupervisorConfig } from './ws-config.js';

/** What a repair callback is asked to fix. */
export interface RepairRequest {
  readonly stream: string;
  readonly channel: string;
  readonly coin: string | undefined;
  readonly subscription: Subscription;
  readonly reason: StaleReason;
}

/** What a repair reports back: the venue time of the snapshot it applied, so older frames arriving later are dropped. */
export interface RepairResult {
  readonly time?: number;
}

/**
 * Fetches a REST snapshot (l2Book via /info, recentTrades, frontendOpenOrders …) and applies it.
 * It must not apply a snapshot older than what its book already holds (WS frames keep flowing
 * during the repair). Rejecting means "try again later"; the signal aborts when the socket drops.
 */
export type RepairFn = (request: RepairRequest, signal: AbortSignal) => Promise<RepairResult | void>;

export type StreamStatus = 'pending' | 'fresh' | 'stale';

export interface MonitorDeps {
  readonly scheduler: Scheduler;
  readonly rng: Rng;
  readonly config: WsSupervisorConfig;
  readonly events: HealthEventFactory;
  readonly publish: (event: HealthEvent) => void;
  readonly repair: RepairFn | undefined;
  /** Sends the subscribe message again (after an ack timeout). */
  readonly resubscribe: (monitor: StreamMonitor) => void;
  /** Status or degradation changed: the supervisor re-derives the connection state. */
  readonly changed: () => void;
}

/** A read-only view of a stream's health. */
export interface StreamHealth {
  readonly stream: string;
  readonly channel: string;
  readonly coin: string | undefined;
  readonly kind: StreamKind;
  readonly status: StreamStatus;
  readonly staleReason: StaleReason | undefined;
  readonly acked: boolean;
  readonly needsRepair: boolean;
  readonly repairing: boolean;
  readonly degraded: boolean;
  readonly lastDataAt: number;
  readonly lastVenueTime: number;
  readonly thresholdMs: number;
  readonly frames: number;
  readonly problems: Readonly<Partial<Record<DegradedReason, number>>>;
}

export class StreamMonitor {
  readonly key: string;
  readonly channel: string;
  readonly coin: string | undefined;
  readonly kind: StreamKind;
  readonly thresholdMs: number;
  readonly repairable: boolean;

  status: StreamStatus = 'pending';
  acked = false;
  /** Venue time of the newest frame or repair snapshot; frames older than it are out of order. */
  lastVenueTime = -Infinity;
  private connected = false;
  private needsRepair = false;
  private repairing = false;
  private repairedThisEpisode = false;
  private repairAttempt = 0;
  private repairController: AbortController | undefined;
  private repairTimer: TimerHandle | undefined;
  private deadline: TimerHandle | undefined;
  private ackTimer: TimerHandle | undefined;
  private lastDataAt = NaN;
  private dataSinceConnect = false;
  private watchFrom = NaN;
  private staleSince = NaN;
  private staleReason: StaleReason | undefined;
  private frames = 0;
  private readonly bad: DegradeTracker;
  private readonly ackWaiters = new Set<{ resolve: () => void; reject: (e: unknown) => void }>();

  constructor(
    readonly subscription: Subscription,
    private readonly deps: MonitorDeps,
  ) {
    this.key = subscriptionKey(subscription);
    this.channel = routingChannel(channelOf(subscription));
    this.coin = typeof subscription.coin === 'string' ? subscription.coin : undefined;
    this.kind = kindOf(this.channel);
    this.thresholdMs = deps.config.freshnessMs[this.kind];
    this.repairable = deps.config.repairChannels.includes(this.channel);
    if (this.repairable && deps.repair === undefined) throw new InvariantError(`hyperliquid ws: ${this.key} needs a repair callback (repairChannels lists ${this.channel})`);
    this.bad = new DegradeTracker(deps.config.degradedWindowMs);
  }

  health(): StreamHealth {
    const now = this.deps.scheduler.now();
    return {
      stream: this.key,
      channel: this.channel,
      coin: this.coin,
      kind: this.kind,
      status: this.status,
      staleReason: this.status === 'stale' ? this.staleReason : undefined,
      acked: this.acked,
      needsRepair: this.needsRepair,
      repairing: this.repairing,
      degraded: this.bad.active(now),
      lastDataAt: this.lastDataAt,
      lastVenueTime: this.lastVenueTime,
      thresholdMs: this.thresholdMs,
      frames: this.frames,
      problems: { ...this.bad.counts },
    };
  }

  /** When this stream stops counting as degraded (scheduler ms). */
  degradedUntil(): number {
    return this.bad.until;
  }

  /** Stale because nothing arrived for the threshold (the kind of staleness a feed stall shows). */
  silent(): boolean {
    return this.status === 'stale' && this.staleReason === 'silence';
  }

  /** Resolves when the venue acknowledges the subscription; rejects on `signal` or when the stream is withdrawn. */
  waitForAck(signal: AbortSignal | undefined): Promise<void> {
    if (this.acked) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const w = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (e: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = (): void => {
        this.ackWaiters.delete(w);
        reject(signal?.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.ackWaiters.add(w);
    });
  }

  /** The socket is open and the subscribe message was just sent. */
  subscribeSent(): void {
    this.connected = true;
    this.acked = false;
    this.dataSinceConnect = false;
    this.clear('ackTimer');
    this.ackTimer = this.deps.scheduler.setTimeout(() => {
      this.ackTimer = undefined;
      if (!this.connected || this.acked) return;
      this.degrade('ack-timeout', `no subscriptionResponse for ${JSON.stringify(this.subscription)} within ${this.deps.config.ackTimeoutMs} ms; subscribing again`);
      this.deps.resubscribe(this);
    }, this.deps.config.ackTimeoutMs);
  }

  /** The venue acknowledged the subscription: the freshness watch starts now. */
  onAcked(): void {
    if (!this.connected || this.acked) return;
    this.acked = true;
    this.clear('ackTimer');
    this.watchFrom = this.deps.scheduler.now();
    for (const w of this.ackWaiters) w.resolve();
    this.ackWaiters.clear();
    if (this.status === 'pending' && this.thresholdMs === Infinity) this.status = 'fresh';
    this.armDeadline();
    this.maybeRepair();
    this.maybeRecover();
  }

  /** The socket dropped: stale at once (never silently), and gap channels need a repair. */
  onDisconnected(): void {
    this.connected = false;
    this.acked = false;
    this.clear('ackTimer');
    this.clear('deadline');
    this.clear('repairTimer');
    this.abortRepair('the socket dropped');
    if (this.repairable) this.needsRepair = true;
    this.markStale('disconnected');
  }

  /** Whether a frame with venue time `t` (NaN when it has none) is in order; reports and returns false otherwise. */
  inOrder(t: number): boolean {
    if (!(t < this.lastVenueTime)) return true;
    this.degrade('out-of-order', `venue time ${t} is older than ${this.lastVenueTime} already applied; frame dropped`);
    return false;
  }

  /** A frame was handled. */
  onData(t: number): void {
    this.frames++;
    this.lastDataAt = this.deps.scheduler.now();
    this.dataSinceConnect = true;
    if (t > this.lastVenueTime) this.lastVenueTime = t;
    if (this.status === 'pending') {
      this.status = 'fresh';
      this.deps.changed();
    }
    if (this.status === 'stale') {
      this.maybeRepair();
      this.maybeRecover();
    }
    this.armDeadline();
  }

  /** Records bad data and publishes `stream.degraded` (rate limited per reason). */
  degrade(reason: DegradedReason, detail: string, cause?: unknown): void {
    const report = this.bad.record(reason, this.deps.scheduler.now());
    if (report !== undefined) {
      const data = { stream: this.key, channel: this.channel, reason, detail, count: report.count, unreported: report.unreported, ...(cause !== undefined ? { cause } : {}) };
      this.deps.publish(this.deps.events.degraded(this.coin ?? '*', data));
    }
    this.deps.changed();
  }

  /** The stream was withdrawn or the supervisor closed: cancel everything, fail ack waiters with `reason`. */
  dispose(reason: unknown): void {
    this.connected = false;
    this.clear('ackTimer');
    this.clear('deadline');
    this.clear('repairTimer');
    this.abortRepair('the stream was withdrawn');
    for (const w of this.ackWaiters) w.reject(reason);
    this.ackWaiters.clear();
  }

  private markStale(reason: StaleReason): void {
    if (this.status === 'stale') {
      this.staleReason = reason === 'disconnected' ? reason : this.staleReason;
      return;
    }
    this.status = 'stale';
    this.staleReason = reason;
    this.staleSince = this.deps.scheduler.now();
    this.repairedThisEpisode = false;
    this.clear('deadline');
    this.deps.publish(
      this.deps.events.stale(this.coin ?? '*', {
        stream: this.key,
        channel: this.channel,
        reason,
        lastDataAt: this.lastDataAt,
        thresholdMs: this.thresholdMs,
        needsRepair: this.needsRepair,
      }),
    );
    this.deps.changed();
  }

  private maybeRecover(): void {
    if (this.status !== 'stale' || !this.connected || !this.acked || this.needsRepair || this.repairing) return;
    const now = this.deps.scheduler.now();
    if (this.thresholdMs !== Infinity && !(this.dataSinceConnect && now - this.lastDataAt <= this.thresholdMs)) return;
    this.status = 'fresh';
    this.deps.publish(
      this.deps.events.recovered(this.coin ?? '*', { stream: this.key, channel: this.channel, staleForMs: now - this.staleSince, repaired: this.repairedThisEpisode }),
    );
    this.staleReason = undefined;
    this.armDeadline();
    this.deps.changed();
  }

  /** Arms the silence deadline lazily: frames only move lastDataAt, the timer re-arms itself when it fires early. */
  private armDeadline(): void {
    if (this.deadline !== undefined || this.thresholdMs === Infinity || !this.acked || this.status === 'stale') return;
    const base = this.dataSinceConnect ? Math.max(this.lastDataAt, this.watchFrom) : this.watchFrom;
    this.deadline = this.deps.scheduler.setTimeout(
      () => {
        this.deadline = undefined;
        this.checkSilence();
      },
      base + this.thresholdMs - this.deps.scheduler.now(),
    );
  }

  private checkSilence(): void {
    if (!this.connected || !this.acked || this.status === 'stale') return;
    const base = this.dataSinceConnect ? Math.max(this.lastDataAt, this.watchFrom) : this.watchFrom;
    if (this.deps.scheduler.now() - base < this.thresholdMs) return this.armDeadline();
    // A stall may hide lost trades or book updates just as a reconnect does.
    if (this.repairable) this.needsRepair = true;
    this.markStale('silence');
  }

  private maybeRepair(): void {
    const repair = this.deps.repair;
    if (!this.needsRepair || this.repairing || this.repairTimer !== undefined || !this.connected || !this.acked || repair === undefined) return;
    this.repairing = true;
    const ctl = new AbortController();
    this.repairController = ctl;
    const request: RepairRequest = { stream: this.key, channel: this.channel, coin: this.coin, subscription: this.subscription, reason: this.staleReason ?? 'gap' };
    let attempt: Promise<RepairResult | void>;
    try {
      attempt = repair(request, ctl.signal);
    } catch (e) {
      attempt = Promise.reject(e);
    }
    attempt.then(
      (result) => {
        if (ctl !== this.repairController) return; // superseded: the drop that aborted it re-arms the repair
        this.repairController = undefined;
        this.repairing = false;
        this.needsRepair = false;
        this.repairAttempt = 0;
        this.repairedThisEpisode = true;
        const t = result?.time;
        if (typeof t === 'number' && t > this.lastVenueTime) this.lastVenueTime = t;
        // The snapshot is data: the stream is as fresh as the REST answer.
        this.lastDataAt = this.deps.scheduler.now();
        this.dataSinceConnect = true;
        this.maybeRecover();
        this.deps.changed();
      },
      (e: unknown) => {
        // When we aborted it ourselves (socket dropped, stream withdrawn) that event was already reported.
        if (ctl !== this.repairController) return;
        this.repairController = undefined;
        this.repairing = false;
        const delay = backoffDelay(this.repairAttempt++, this.deps.config.repairBackoff, this.deps.rng);
        this.degrade('repair-failed', `REST repair of ${this.key} failed (${e instanceof Error ? e.message : String(e)}); retrying in ${delay} ms`, e);
        this.repairTimer = this.deps.scheduler.setTimeout(() => {
          this.repairTimer = undefined;
          this.maybeRepair();
        }, delay);
      },
    );
  }

  private abortRepair(why: string): void {
    const ctl = this.repairController;
    this.repairController = undefined;
    this.repairing = false;
    ctl?.abort(new Error(`repair of ${this.key} cancelled: ${why}`));
  }

  private clear(timer: 'ackTimer' | 'deadline' | 'repairTimer'): void {
    const h = this[timer];
    if (h === undefined) return;
    this.deps.scheduler.clearTimeout(h);
    this[timer] = undefined;
  }
}

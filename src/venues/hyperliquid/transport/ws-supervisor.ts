// The WebSocket connection supervisor: connect, heartbeat, jittered reconnect, resubscribe everything, route frames, watch stream health.
import WebSocket from 'ws';
import { BadInputError, InvariantError, RejectedError } from '../../../core/errors.js';
import type { Rng } from '../../../core/rng.js';
import { backoffDelay } from './backoff.js';
import { isConnected, transition, type ConnectionState } from './connection-state.js';
import { DegradeTracker } from './degrade-tracker.js';
import { frameStreamKey, peekChannel, peekInteger } from './frame-peek.js';
import { Heartbeat } from './heartbeat.js';
import { HealthEventFactory, type DegradedReason, type HealthEvent } from './health-events.js';
import type { Scheduler, TimerHandle } from '../../../core/clock.js';
import { sameSubscription } from './stable-key.js';
import { StreamMonitor, type RepairFn, type StreamHealth } from './stream-monitor.js';
import { channelOf, checkSubscription, routingChannel, subscriptionKey, type Subscription } from './subscriptions.js';
import { wsConfig, type WsSupervisorConfig, type WsSupervisorSettings } from './ws-config.js';

/** Receives every data frame as raw bytes with its channel; the parser turns it into events. Throwing reports the frame as bad. */
export type FrameHandler = (channel: string, frame: Buffer) => void;

/** Opens a socket (injected so tests and proxies can change it). */
export type SocketFactory = (url: string) => WebSocket;

export interface WsSupervisorOptions {
  readonly url: string;
  readonly scheduler: Scheduler;
  /** Jitter of reconnect and repair delays. */
  readonly rng: Rng;
  readonly handler: FrameHandler;
  readonly onEvent: (event: HealthEvent) => void;
  /** Required when a subscribed channel is in `repairChannels` (l2Book, trades, orderUpdates by default). */
  readonly repair?: RepairFn;
  readonly config?: WsSupervisorSettings;
  readonly createSocket?: SocketFactory;
}

export interface WsStats {
  framesIn: number;
  greetings: number;
  /** Frames for a stream no longer subscribed (late after an unsubscribe): dropped. */
  unrouted: number;
  pingsSent: number;
  pongs: number;
  connects: number;
}

/** The venue's plain-text hello after connect; not JSON, not an error. */
const GREETING = 'Websocket connection established.';
const PING = '{"method":"ping"}';
/** Channels whose frames carry a venue `time` that must not go backwards within a stream. */
const ORDERED = new Set(['l2Book', 'bbo', 'trades']);
const CONNECTION = 'connection';

export class WsSupervisor {
  readonly config: WsSupervisorConfig;
  readonly stats: WsStats = { framesIn: 0, greetings: 0, unrouted: 0, pingsSent: 0, pongs: 0, connects: 0 };
  private current: ConnectionState = 'idle';
  private socket: WebSocket | undefined;
  private socketError: unknown;
  private readonly monitors = new Map<string, StreamMonitor>();
  private readonly unsubscribing = new Map<StreamMonitor, () => void>();
  private readonly heartbeat: Heartbeat;
  private readonly events: HealthEventFactory;
  private readonly socketProblems: DegradeTracker;
  private readonly createSocket: SocketFactory;
  private reconnectAttempt = 0;
  private reconnectTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  private stableTimer: TimerHandle | undefined;
  private stallTimer: TimerHandle | undefined;
  private refreshTimer: TimerHandle | undefined;

  constructor(private readonly options: WsSupervisorOptions) {
    this.config = wsConfig(options.config);
    this.events = new HealthEventFactory(() => options.scheduler.now());
    this.socketProblems = new DegradeTracker(this.config.degradedWindowMs);
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.heartbeat = new Heartbeat(
      options.scheduler,
      this.config.heartbeatMs,
      this.config.pongTimeoutMs,
      () => this.sendPing(),
      (ms) => this.drop(this.socket, `no pong within ${ms} ms`),
    );
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Connects; subscriptions made before or after are (re)sent on every connect. */
  start(): void {
    if (this.current !== 'idle') throw new InvariantError(`hyperliquid ws: start() in state ${this.current}`);
    this.connect('start');
  }

  /**
   * Subscribes (or joins an identical subscription) and resolves when the venue acknowledges it.
   * The subscription stays registered, and is replayed after every reconnect, until unsubscribed;
   * aborting `signal` only stops waiting for the ack.
   */
  async subscribe(subscription: Subscription, options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.current === 'closed') throw new InvariantError('hyperliquid ws: subscribe after close');
    const sub = checkSubscription(subscription);
    const key = subscriptionKey(sub);
    let m = this.monitors.get(key);
    if (m !== undefined && !sameSubscription(m.subscription, sub)) {
      throw new BadInputError('subscription', `${key} is already subscribed as ${JSON.stringify(m.subscription)}; its frames could not be told apart`);
    }
    if (m === undefined) {
      const channel = routingChannel(channelOf(sub));
      if (this.options.repair === undefined && this.config.repairChannels.includes(channel)) {
        throw new BadInputError('repair', `${key}: channel ${channel} is repaired from REST after gaps, so the supervisor needs a repair callback`);
      }
      m = new StreamMonitor(sub, {
        scheduler: this.options.scheduler,
        rng: this.options.rng,
        config: this.config,
        events: this.events,
        publish: (e) => this.publish(e),
        repair: this.options.repair,
        resubscribe: (x) => this.sendSubscribe(x),
        changed: () => this.refresh(),
      });
      this.monitors.set(key, m);
      if (isConnected(this.current)) this.sendSubscribe(m);
    }
    return m.waitForAck(options.signal);
  }

  /** Withdraws a subscription: no longer replayed, its pending ack waits fail; resolves on the venue's ack (or its timeout). */
  async unsubscribe(subscription: Subscription, options: { signal?: AbortSignal } = {}): Promise<void> {
    const sub = checkSubscription(subscription);
    const key = subscriptionKey(sub);
    const m = this.monitors.get(key);
    if (m === undefined || !sameSubscription(m.subscription, sub)) return;
    this.monitors.delete(key);
    m.dispose(new RejectedError(`hyperliquid ws: ${key} was unsubscribed before its ack`));
    this.refresh();
    const ws = this.socket;
    if (ws === undefined || !isConnected(this.current)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.unsubscribing.delete(m);
        this.options.scheduler.clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.unsubscribing.delete(m);
        this.options.scheduler.clearTimeout(timer);
        reject(options.signal?.reason);
      };
      const timer = this.options.scheduler.setTimeout(() => {
        this.connectionProblem('ack-timeout', `no unsubscribe ack for ${JSON.stringify(sub)} within ${this.config.ackTimeoutMs} ms`);
        done();
      }, this.config.ackTimeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.unsubscribing.set(m, done);
      this.send(ws, JSON.stringify({ method: 'unsubscribe', subscription: m.subscription }));
    });
  }

  /** Health of one stream (by subscription or stream key), or undefined when not subscribed. */
  health(stream: Subscription | string): StreamHealth | undefined {
    const key = typeof stream === 'string' ? stream : subscriptionKey(stream);
    return this.monitors.get(key)?.health();
  }

  /** Health of every subscribed stream. */
  streams(): StreamHealth[] {
    return [...this.monitors.values()].map((m) => m.health());
  }

  /** Problems seen on the socket itself (frames with no stream), by reason. */
  socketHealth(): { degraded: boolean; problems: Readonly<Partial<Record<DegradedReason, number>>> } {
    return { degraded: this.socketProblems.active(this.options.scheduler.now()), problems: { ...this.socketProblems.counts } };
  }

  /** Stops for good: every stream is reported stale, waits fail, timers stop, the socket closes. */
  close(): Promise<void> {
    if (this.current === 'closed') return Promise.resolve();
    const ws = this.socket;
    this.socket = undefined;
    this.stopTimers();
    this.setState('closed', 'closed by the caller');
    for (const m of this.monitors.values()) m.onDisconnected(); // never a silently stale book, even on purpose
    for (const m of this.monitors.values()) m.dispose(new RejectedError('hyperliquid ws: the supervisor was closed'));
    for (const done of [...this.unsubscribing.values()]) done();
    if (ws === undefined || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.terminate();
    });
  }

  // ── socket lifecycle ──────────────────────────────────────────────────────────

  private connect(reason: string): void {
    this.setState('connecting', reason);
    this.stats.connects++;
    this.socketError = undefined;
    let ws: WebSocket;
    try {
      ws = this.createSocket(this.options.url);
    } catch (e) {
      // A bad URL fails here, synchronously: the same path as a refused connection.
      this.socket = undefined;
      this.scheduleReconnect(`cannot open ${this.options.url}`, e);
      return;
    }
    this.socket = ws;
    this.connectTimer = this.options.scheduler.setTimeout(() => {
      this.connectTimer = undefined;
      this.drop(ws, `not open within ${this.config.connectTimeoutMs} ms`);
    }, this.config.connectTimeoutMs);
    ws.on('open', () => {
      if (ws === this.socket) this.onOpen(ws);
    });
    ws.on('message', (data: WebSocket.RawData) => {
      if (ws === this.socket) this.onFrame(toBuffer(data));
    });
    // 'close' always follows 'error'; the error becomes the cause of the drop. Errors of a socket
    // already dropped belong to a connection that was reported and replaced.
    ws.on('error', (e: Error) => {
      if (ws === this.socket) this.socketError = e;
    });
    ws.on('close', (code: number, why: Buffer) => {
      if (ws === this.socket) this.drop(ws, `socket closed (${code}${why.length > 0 ? ` ${why.toString()}` : ''})`, this.socketError);
    });
  }

  private onOpen(ws: WebSocket): void {
    this.clearTimer('connectTimer');
    this.setState('open', 'connected');
    this.heartbeat.start();
    this.stableTimer = this.options.scheduler.setTimeout(() => {
      this.stableTimer = undefined;
      this.reconnectAttempt = 0;
    }, this.config.stableAfterMs);
    // Resubscribe everything: the venue forgets subscriptions with the socket.
    for (const m of this.monitors.values()) {
      if (ws !== this.socket) return;
      this.sendSubscribe(m);
    }
    this.refresh();
  }

  /** Abandons `ws` (if still current), reports every stream stale and schedules the reconnect. */
  private drop(ws: WebSocket | undefined, reason: string, cause?: unknown): void {
    if (ws === undefined || ws !== this.socket) return;
    this.socket = undefined;
    this.stopTimers();
    ws.terminate();
    this.scheduleReconnect(reason, cause);
  }

  private scheduleReconnect(reason: string, cause: unknown): void {
    const delay = backoffDelay(this.reconnectAttempt++, this.config.reconnect, this.options.rng);
    this.setState('reconnecting', `${reason}; reconnecting in ${delay} ms`, cause);
    for (const m of this.monitors.values()) m.onDisconnected();
    for (const done of [...this.unsubscribing.values()]) done(); // the venue forgot them with the socket
    this.reconnectTimer = this.options.scheduler.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.current === 'reconnecting') this.connect('backoff elapsed');
    }, delay);
  }

  private stopTimers(): void {
    this.heartbeat.stop();
    for (const t of ['reconnectTimer', 'connectTimer', 'stableTimer', 'stallTimer', 'refreshTimer'] as const) this.clearTimer(t);
  }

  private clearTimer(t: 'reconnectTimer' | 'connectTimer' | 'stableTimer' | 'stallTimer' | 'refreshTimer'): void {
    const h = this[t];
    if (h === undefined) return;
    this.options.scheduler.clearTimeout(h);
    this[t] = undefined;
  }

  private send(ws: WebSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(text, (e) => {
      if (e) this.drop(ws, 'send failed', e);
    });
  }

  private sendSubscribe(m: StreamMonitor): void {
    const ws = this.socket;
    if (ws === undefined || !isConnected(this.current)) return;
    m.subscribeSent();
    this.send(ws, JSON.stringify({ method: 'subscribe', subscription: m.subscription }));
  }

  private sendPing(): void {
    const ws = this.socket;
    if (ws === undefined) return;
    this.stats.pingsSent++;
    this.send(ws, PING);
  }

  // ── frames ────────────────────────────────────────────────────────────────────

  private onFrame(frame: Buffer): void {
    this.stats.framesIn++;
    if (frame.length === 0 || frame[0] !== 0x7b) {
      if (frame.toString('utf8', 0, GREETING.length + 2).trim() === GREETING) this.stats.greetings++;
      else this.connectionProblem('garbage', `frame is not a JSON object: ${preview(frame)}`);
      return;
    }
    let channel = peekChannel(frame);
    if (channel === undefined) {
      const parsed = this.parseControl(frame);
      if (parsed === undefined) return;
      channel = typeof parsed.channel === 'string' ? parsed.channel : undefined;
      if (channel === undefined) return this.connectionProblem('garbage', `frame without a channel: ${preview(frame)}`);
    }
    switch (channel) {
      case 'pong':
        this.stats.pongs++;
        this.heartbeat.pong();
        return;
      case 'subscriptionResponse':
        return this.onAck(frame);
      case 'error':
        return this.onVenueError(frame);
      case 'post':
        return this.deliverUnstreamed(channel, frame); // WS post answers belong to their caller, not to a stream
    }
    const key = frameStreamKey(channel, frame);
    if (key === undefined) return this.connectionProblem('garbage', `${channel} frame without a readable coin: ${preview(frame)}`);
    const m = this.monitors.get(key);
    if (m === undefined) {
      this.stats.unrouted++;
      return;
    }
    const t = ORDERED.has(routingChannel(channel)) ? peekInteger(frame, 'time') : NaN;
    if (!m.inOrder(t)) return;
    try {
      this.options.handler(channel, frame);
    } catch (e) {
      const garbage = e instanceof BadInputError || e instanceof SyntaxError;
      m.degrade(garbage ? 'garbage' : 'handler-error', `${channel} frame rejected by the handler: ${e instanceof Error ? e.message : String(e)}`, e);
      return;
    }
    m.onData(t);
  }

  private deliverUnstreamed(channel: string, frame: Buffer): void {
    try {
      this.options.handler(channel, frame);
    } catch (e) {
      this.connectionProblem('handler-error', `${channel} frame rejected by the handler: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }

  private parseControl(frame: Buffer): Record<string, unknown> | undefined {
    try {
      const v: unknown = JSON.parse(frame.toString('utf8'));
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
      this.connectionProblem('garbage', `frame is not an object: ${preview(frame)}`);
    } catch (e) {
      this.connectionProblem('garbage', `unreadable frame: ${preview(frame)}`, e);
    }
    return undefined;
  }

  private onAck(frame: Buffer): void {
    const parsed = this.parseControl(frame);
    if (parsed === undefined) return;
    const data = parsed.data as { method?: unknown; subscription?: unknown } | undefined;
    const echoed = data?.subscription;
    if (data?.method === 'subscribe') {
      for (const m of this.monitors.values()) {
        if (!m.acked && sameSubscription(m.subscription, echoed)) return m.onAcked();
      }
    } else if (data?.method === 'unsubscribe') {
      for (const [m, done] of this.unsubscribing) {
        if (sameSubscription(m.subscription, echoed)) return done();
      }
    }
    // An ack matching nothing we wait for: a duplicate, or the venue rewrote the subscription.
    this.connectionProblem('unrouted', `subscriptionResponse matches no pending request: ${preview(frame)}`);
  }

  private onVenueError(frame: Buffer): void {
    const parsed = this.parseControl(frame);
    if (parsed === undefined) return;
    const text = typeof parsed.data === 'string' ? parsed.data : JSON.stringify(parsed.data);
    // The venue answers a subscribe it refuses with an error echoing the subscription
    // ("Invalid subscription {…}", "Already subscribed: {…}") instead of an ack: settle that
    // subscribe now rather than let it run into the ack timeout and a reconnect.
    const echoed = embeddedObject(text);
    if (echoed !== undefined) {
      for (const [key, m] of this.monitors) {
        if (m.acked || !sameSubscription(m.subscription, echoed)) continue;
        // Already subscribed on this connection: it streams, which is all an ack would say.
        if (/^Already subscribed/i.test(text)) return m.onAcked();
        this.monitors.delete(key);
        m.dispose(new RejectedError(`hyperliquid ws: the venue refused ${key}: ${text}`));
        this.refresh();
        return;
      }
    }
    this.connectionProblem('venue-error', `venue error: ${text}`);
  }

  private connectionProblem(reason: DegradedReason, detail: string, cause?: unknown): void {
    const report = this.socketProblems.record(reason, this.options.scheduler.now());
    if (report !== undefined) {
      this.publish(
        this.events.degraded('*', { stream: CONNECTION, channel: CONNECTION, reason, detail, count: report.count, unreported: report.unreported, ...(cause !== undefined ? { cause } : {}) }),
      );
    }
    this.refresh();
  }

  // ── connection state from stream health ─────────────────────────────────────

  /** Re-derives open/stale/degraded from the streams, arms the expiry of degradation and the feed-stall watchdog. */
  private refresh(): void {
    if (!isConnected(this.current)) return;
    const now = this.options.scheduler.now();
    let stale = false;
    let degradedUntil = this.socketProblems.until;
    let watched = 0;
    let silent = 0;
    for (const m of this.monitors.values()) {
      if (m.status === 'stale') stale = true;
      degradedUntil = Math.max(degradedUntil, m.degradedUntil());
      if (m.thresholdMs !== Infinity) {
        watched++;
        if (m.silent()) silent++;
      }
    }
    const degraded = degradedUntil > now;
    const want: ConnectionState = stale ? 'stale' : degraded ? 'degraded' : 'open';
    if (want !== this.current) this.setState(want, stale ? 'a stream is stale' : degraded ? 'bad data seen recently' : 'all streams healthy');
    this.clearTimer('refreshTimer');
    if (degraded) {
      this.refreshTimer = this.options.scheduler.setTimeout(() => {
        this.refreshTimer = undefined;
        this.refresh();
      }, degradedUntil - now);
    }
    if (watched > 0 && silent === watched) {
      if (this.stallTimer === undefined) {
        this.stallTimer = this.options.scheduler.setTimeout(() => {
          this.stallTimer = undefined;
          this.drop(this.socket, `feed stalled: no data on any of ${watched} watched streams for ${this.config.feedStallReconnectMs} ms after they went stale`);
        }, this.config.feedStallReconnectMs);
      }
    } else {
      this.clearTimer('stallTimer');
    }
  }

  private setState(to: ConnectionState, reason: string, cause?: unknown): void {
    const from = this.current;
    this.current = transition(from, to);
    this.publish(this.events.connection({ from, to, reason, ...(cause !== undefined ? { cause } : {}) }));
  }

  private publish(e: HealthEvent): void {
    this.options.onEvent(e);
  }
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function preview(frame: Buffer): string {
  const s = frame.toString('utf8', 0, Math.min(frame.length, 120));
  return JSON.stringify(frame.length > 120 ? `${s}…` : s);
}

/** The JSON object that ends a venue error text (`Invalid subscription {"type":…}`), if there is one. */
function embeddedObject(text: string): unknown {
  const at = text.indexOf('{');
  if (at < 0) return undefined;
  try {
    return JSON.parse(text.slice(at)) as unknown;
  } catch {
    // Free text with a brace in it: not an echoed subscription.
    return undefined;
  }
}

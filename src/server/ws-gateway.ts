// The /ws gateway: upgrades on any node http.Server, subscriptions, snapshots, coalesced deltas framed once per flush, slow-client control, keepalive.
//
// Cost model (the design): every message text is built once per flush and shared by all its
// subscribers; connections with the same public subscriptions form a group whose batch frame
// (a JSON array) is also built once; each connection gets at most ONE socket write per flush.
// A connection whose socket holds more than `lowWaterBytes` unsent gets no write: its messages go
// to its backlog (ws-backlog.ts), which conflates, drops by priority and finally closes it.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  WS_CHANNELS,
  WS_CLOSE_DEAD,
  WS_CLOSE_SLOW_CONSUMER,
  parseWsClientMessage,
  type PrivateChannel,
  type PublicChannel,
  type WsChannel,
  type WsChannelSpec,
  type WsErrorCode,
  type WsServerMessage,
  type WsSubscribe,
} from '../api/ws-protocol.js';
import type { Scheduler, TimerHandle } from '../core/clock.js';
import { BadInputError, InvariantError, RejectedError } from '../core/errors.js';
import { WsBacklog, bump, newWsCounters, type WsCounters } from './ws-backlog.js';
import { refuse, textFrame } from './ws-frame.js';
import { finiteJson } from './ws-json.js';
import { registerWsMetrics } from './ws-metrics.js';
import { WsTopicIndex, snapshotText, takeUpdateText, type Grouped, type Group as WsGroup, type Topic as WsTopic, type WsSnapshot } from './ws-topics.js';

export type { WsSnapshot } from './ws-topics.js';

/** Who a connection belongs to; private channels carry only this user's data. */
export interface WsPrincipal {
  readonly user: string;
}


/** Called on subscribe and resync with the symbol (public) or the user (private). */
export type WsSnapshotProvider = (subject: string) => WsSnapshot | undefined;

export interface WsGatewayOptions {
  readonly scheduler: Scheduler;
  /**
   * The principal of an upgrade request, undefined for an anonymous (public-only) connection.
   * Throwing RejectedError or BadInputError refuses the upgrade with 401; anything else with 500.
   */
  readonly authenticate: (request: IncomingMessage) => WsPrincipal | undefined | Promise<WsPrincipal | undefined>;
  /** Per channel; without one a `latest` channel snapshots its last published value, an `append` one `[]`. */
  readonly snapshots?: Partial<Record<WsChannel, WsSnapshotProvider>>;
  readonly path?: string;
  /** Updates within this interval coalesce into one message per topic and one frame per client (default 50). */
  readonly flushIntervalMs?: number;
  /** A client message longer than this gets a `too_large` error frame (default 4 KiB). */
  readonly maxMessageBytes?: number;
  /** Frames longer than this close the connection with 1009 (default 64 KiB). */
  readonly hardMaxPayloadBytes?: number;
  /** A socket holding more unsent bytes than this gets no write this flush: its messages queue (default 64 KiB). */
  readonly lowWaterBytes?: number;
  /** Unsent + queued bytes allowed per client before dropping, then closing with 1013 (default 1 MiB). */
  readonly maxQueueBytes?: number;
  /** A connection continuously behind (backlogged) for longer than this is closed with 1013 (default 10 s). */
  readonly maxBehindMs?: number;
  /** Server ping every this long; a client silent for a whole interval is closed (default 30 s). */
  readonly pingIntervalMs?: number;
  /** After a close frame, the socket is destroyed this long later if still open (default 5 s). */
  readonly closeGraceMs?: number;
  readonly maxClients?: number;
  /** Client messages per connection per second; more get one `rate_limited` error frame a second and are ignored (default 50). */
  readonly maxMessagesPerSecond?: number;
  /** Topics per connection (default 500). */
  readonly maxSubscriptions?: number;
  /** Registers the gateway's counters (sextant_ws_*) in this registry. */
  readonly registry?: Registry;
  /** Failures inside the gateway (authenticate, snapshot providers, sockets): the daemon logs them. */
  readonly onError?: (where: string, e: unknown) => void;
}

export interface WsGatewayStats extends Readonly<WsCounters> {
  readonly connections: number;
  /** Connections with a backlog (their socket is behind). */
  readonly backlogged: number;
  /** Bytes in all backlogs. */
  readonly queuedBytes: number;
  /** Publishes folded into the next message of their topic within a flush interval, per channel. */
  readonly coalesced: Partial<Record<WsChannel, number>>;
}

export interface WsGateway {
  /** A public update; `fresh` false while the upstream stream is stale. Throws on NaN/Infinity in the payload. */
  publish(channel: PublicChannel, symbol: string, payload: unknown, fresh?: boolean): void;
  /** A private update, delivered only to `user`'s connections. */
  publishPrivate(user: string, channel: PrivateChannel, payload: unknown): void;
  stats(): WsGatewayStats;
  /** Closes every connection (1001) and detaches from the server. */
  close(): Promise<void>;
}

type Topic = WsTopic<Conn>;

interface Conn extends Grouped<Conn> {
  readonly ws: WebSocket;
  /** The upgraded TCP socket: data frames are written to it pre-framed, one write each (see textFrame). */
  readonly socket: Duplex;
  readonly principal: WsPrincipal | undefined;
  readonly privateTopics: Set<Topic>;
  readonly backlog: WsBacklog;
  snapshots: Topic[];
  extra: string[];
  extraTopics: Topic[];
  touchGen: number;
  /** When its socket fell behind (undefined while it keeps up). */
  behindSince: number | undefined;
  alive: boolean;
  closing: boolean;
  /** Start (ms) of the current one-second window of client messages, and the count in it. */
  windowStart: number;
  windowCount: number;
  killTimer: TimerHandle | undefined;
}

const TEXT = { binary: false } as const;
const DEFAULTS = {
  path: '/ws',
  flushIntervalMs: 50,
  maxMessageBytes: 4096,
  hardMaxPayloadBytes: 65_536,
  lowWaterBytes: 65_536,
  maxQueueBytes: 1_048_576,
  maxBehindMs: 10_000,
  pingIntervalMs: 30_000,
  closeGraceMs: 5_000,
  maxClients: 10_000,
  maxSubscriptions: 500,
  maxMessagesPerSecond: 50,
};

/** Serves the gateway on `server`'s upgrades to `path` (default /ws). */
export function attachWsGateway(server: Server, options: WsGatewayOptions): WsGateway {
  return new Gateway(server, options);
}

class Gateway implements WsGateway {
  private readonly o: WsGatewayOptions & typeof DEFAULTS;
  private readonly wss: WebSocketServer;
  private readonly counters: WsCounters = newWsCounters();
  private readonly coalesced: Partial<Record<WsChannel, number>> = {};
  private readonly index = new WsTopicIndex<Conn>();
  private readonly conns = new Set<Conn>();
  private readonly backlogged = new Set<Conn>();
  private dirty: Topic[] = [];
  private snapshotConns: Conn[] = [];
  private gen = 0;
  private flushTimer: TimerHandle | undefined;
  private pingTimer: TimerHandle | undefined;
  private closed = false;
  private upgrading = 0;
  private readonly onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

  constructor(
    private readonly server: Server,
    options: WsGatewayOptions,
  ) {
    this.o = { ...DEFAULTS, ...stripUndefined(options) } as WsGatewayOptions & typeof DEFAULTS;
    for (const k of ['flushIntervalMs', 'maxMessageBytes', 'hardMaxPayloadBytes', 'lowWaterBytes', 'maxQueueBytes', 'maxBehindMs', 'pingIntervalMs', 'closeGraceMs', 'maxClients', 'maxSubscriptions', 'maxMessagesPerSecond'] as const) {
      const v = this.o[k];
      if (!Number.isFinite(v) || v <= 0) throw new BadInputError(`ws gateway ${k}`, `expected a positive number, got ${v}`);
    }
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.o.hardMaxPayloadBytes, perMessageDeflate: false, clientTracking: false });
    this.onUpgrade = (req, socket, head) => this.upgrade(req, socket, head);
    server.on('upgrade', this.onUpgrade);
    if (this.o.registry !== undefined) registerWsMetrics(this.o.registry, () => this.stats());
    this.armPing();
  }

  // ---- publishing (the daemon) ----

  publish(channel: PublicChannel, symbol: string, payload: unknown, fresh = true): void {
    const spec = WS_CHANNELS[channel];
    if (spec === undefined || spec.private) throw new InvariantError(`ws publish: ${String(channel)} is not a public channel`);
    this.put(channel, spec, symbol, finiteJson(payload, `ws publish ${channel} ${symbol}`), fresh === true);
  }

  publishPrivate(user: string, channel: PrivateChannel, payload: unknown): void {
    const spec = WS_CHANNELS[channel];
    if (spec === undefined || !spec.private) throw new InvariantError(`ws publishPrivate: ${String(channel)} is not a private channel`);
    this.put(channel, spec, user, finiteJson(payload, `ws publish ${channel} for ${user}`), true);
  }

  private put(channel: WsChannel, spec: WsChannelSpec, subject: string, text: string, fresh: boolean): void {
    const latest = spec.coalesce === 'latest';
    let t = this.index.get(channel, subject);
    if (t === undefined || (!t.dirty && t.groups.size === 0 && t.conns.size === 0)) {
      // Nobody listens: a state topic remembers its value for the next snapshot, an event is not kept.
      if (!latest) return;
      t ??= this.index.topic(channel, subject);
      t.lastText = text;
      t.lastFresh = fresh;
      return;
    }
    if (latest) {
      if (t.pendingText !== undefined) bump(this.coalesced, channel);
      t.pendingText = text;
    } else {
      if (t.pendingItems.length > 0) bump(this.coalesced, channel);
      t.pendingItems.push(text);
    }
    t.pendingFresh = fresh;
    if (!t.dirty) {
      t.dirty = true;
      this.dirty.push(t);
      this.schedule();
    }
  }

  stats(): WsGatewayStats {
    let queuedBytes = 0;
    for (const c of this.backlogged) queuedBytes += c.backlog.bytes;
    const c = this.counters;
    return {
      connections: this.conns.size,
      backlogged: this.backlogged.size,
      queuedBytes,
      deliveries: c.deliveries,
      frames: c.frames,
      bytes: c.bytes,
      conflated: { ...c.conflated },
      dropped: { ...c.dropped },
      closed: { ...c.closed },
      errors: { ...c.errors },
      coalesced: { ...this.coalesced },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.server.off('upgrade', this.onUpgrade);
    if (this.flushTimer !== undefined) this.o.scheduler.clearTimeout(this.flushTimer);
    if (this.pingTimer !== undefined) this.o.scheduler.clearTimeout(this.pingTimer);
    for (const c of [...this.conns]) {
      bump(this.counters.closed, 'shutdown');
      if (c.ws.readyState === WebSocket.OPEN) c.ws.close(1001, 'server shutting down');
      c.ws.terminate();
      this.drop(c);
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ---- connections ----

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== this.o.path) {
      // Another upgrade handler may own this path; alone on the server, we answer it.
      if (this.server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    // Upgrades still authenticating count too: a burst of them cannot pass maxClients.
    if (this.conns.size + this.upgrading >= this.o.maxClients) return refuse(socket, 503, 'Service Unavailable');
    this.upgrading++;
    const onSocketError = (e: unknown): void => this.o.onError?.('ws upgrade socket', e);
    socket.on('error', onSocketError);
    Promise.resolve()
      .then(() => this.o.authenticate(req))
      .finally(() => void this.upgrading--)
      .then(
        (principal) => {
          if (socket.destroyed) return;
          if (this.closed) return refuse(socket, 503, 'Service Unavailable');
          this.wss.handleUpgrade(req, socket, head, (ws) => {
            socket.off('error', onSocketError);
            this.accept(ws, socket, principal);
          });
        },
        (e: unknown) => {
          if (e instanceof RejectedError || e instanceof BadInputError) return refuse(socket, 401, 'Unauthorized');
          this.o.onError?.('ws authenticate', e);
          refuse(socket, 500, 'Internal Server Error');
        },
      );
  }

  private accept(ws: WebSocket, socket: Duplex, principal: WsPrincipal | undefined): void {
    const c: Conn = {
      ws,
      socket,
      principal,
      publicTopics: new Set(),
      privateTopics: new Set(),
      backlog: new WsBacklog(this.counters),
      group: undefined,
      snapshots: [],
      extra: [],
      extraTopics: [],
      touchGen: -1,
      behindSince: undefined,
      alive: true,
      closing: false,
      windowStart: this.o.scheduler.now(),
      windowCount: 0,
      killTimer: undefined,
    };
    this.conns.add(c);
    ws.on('message', (data, isBinary) => this.onMessage(c, data, isBinary));
    ws.on('pong', () => void (c.alive = true));
    ws.on('error', (e) => {
      // ws closes the connection itself (e.g. 1009 for a frame over hardMaxPayloadBytes).
      bump(this.counters.closed, 'protocol_error');
      this.o.onError?.('ws connection', e);
    });
    ws.on('close', () => this.drop(c));
  }

  /** Forgets a connection: its subscriptions, queue and timers. */
  private drop(c: Conn): void {
    if (!this.conns.delete(c)) return;
    if (c.killTimer !== undefined) this.o.scheduler.clearTimeout(c.killTimer);
    c.backlog.discard();
    this.backlogged.delete(c);
    c.publicTopics.clear();
    this.index.regroup(c);
    for (const t of c.privateTopics) {
      t.conns.delete(c);
      this.index.maybeForget(t);
    }
    c.privateTopics.clear();
    c.snapshots = [];
  }

  private closeConn(c: Conn, code: number, reason: string, counter: string): void {
    if (c.closing) return;
    c.closing = true;
    bump(this.counters.closed, counter);
    // What it never got is counted as dropped, per channel.
    c.backlog.discard();
    if (c.ws.readyState === WebSocket.OPEN) c.ws.close(code, reason);
    c.killTimer = this.o.scheduler.setTimeout(() => c.ws.terminate(), this.o.closeGraceMs);
    // It gets nothing more; drop() on 'close' finishes the cleanup.
    this.backlogged.delete(c);
    c.publicTopics.clear();
    this.index.regroup(c);
    for (const t of c.privateTopics) t.conns.delete(c);
  }

  // ---- client messages ----

  private onMessage(c: Conn, data: RawData, isBinary: boolean): void {
    if (c.closing) return;
    const now = this.o.scheduler.now();
    if (now - c.windowStart >= 1000) {
      c.windowStart = now;
      c.windowCount = 0;
    }
    if (++c.windowCount > this.o.maxMessagesPerSecond) {
      if (c.windowCount === this.o.maxMessagesPerSecond + 1) this.error(c, 'rate_limited', `at most ${this.o.maxMessagesPerSecond} messages a second; the rest of this second's are ignored`);
      else bump(this.counters.errors, 'rate_limited');
      return;
    }
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (size > this.o.maxMessageBytes) return this.error(c, 'too_large', `a message is at most ${this.o.maxMessageBytes} bytes, this one has ${size}`);
    if (isBinary) return this.error(c, 'bad_request', 'send text frames (JSON), not binary');
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const r = parseWsClientMessage(text);
    if (!r.ok) return this.error(c, r.code, r.message);
    const m = r.message;
    switch (m.type) {
      case 'ping':
        return this.reply(c, m.id === undefined ? { type: 'pong', time: this.o.scheduler.now() } : { type: 'pong', id: m.id, time: this.o.scheduler.now() });
      case 'subscribe':
        return this.subscribe(c, m);
      case 'unsubscribe':
        return this.unsubscribe(c, m);
      case 'resync': {
        const spec = WS_CHANNELS[m.channel];
        const subject = spec.private ? c.principal?.user : m.symbol;
        const t = subject === undefined ? undefined : this.index.get(m.channel, subject);
        const mine = t !== undefined && (spec.private ? c.privateTopics.has(t) : c.publicTopics.has(t));
        if (!mine) return this.error(c, 'bad_request', `not subscribed to ${m.channel}${m.symbol === undefined ? '' : ` ${m.symbol}`}`);
        this.wantSnapshot(c, t);
        return;
      }
    }
  }

  private subscribe(c: Conn, m: WsSubscribe): void {
    const user = c.principal?.user;
    const privates = m.channels.filter((ch) => WS_CHANNELS[ch].private);
    if (privates.length > 0 && user === undefined) return this.error(c, 'unauthorized', `private channels (${privates.join(', ')}) need an authenticated connection`);
    const wanted: Topic[] = [];
    for (const ch of m.channels) {
      const spec = WS_CHANNELS[ch];
      if (spec.private) wanted.push(this.index.topic(ch, user as string));
      else for (const s of m.symbols) wanted.push(this.index.topic(ch, s));
    }
    const added = wanted.filter((t) => !c.publicTopics.has(t) && !c.privateTopics.has(t)).length;
    if (c.publicTopics.size + c.privateTopics.size + added > this.o.maxSubscriptions) {
      for (const t of wanted) this.index.maybeForget(t);
      return this.error(c, 'too_many_subscriptions', `at most ${this.o.maxSubscriptions} topics per connection (channel × symbol)`);
    }
    let regroup = false;
    for (const t of wanted) {
      if (t.spec.private) {
        c.privateTopics.add(t);
        t.conns.add(c);
      } else if (!c.publicTopics.has(t)) {
        c.publicTopics.add(t);
        regroup = true;
      }
      this.wantSnapshot(c, t);
    }
    if (regroup) this.index.regroup(c);
    this.reply(c, { type: 'subscribed', channels: m.channels, symbols: m.symbols });
  }

  private unsubscribe(c: Conn, m: WsSubscribe): void {
    const user = c.principal?.user;
    let regroup = false;
    for (const ch of m.channels) {
      const spec = WS_CHANNELS[ch];
      const subjects = spec.private ? (user === undefined ? [] : [user]) : m.symbols;
      for (const s of subjects) {
        const t = this.index.get(ch, s);
        if (t === undefined) continue;
        if (spec.private) {
          c.privateTopics.delete(t);
          t.conns.delete(c);
          this.index.maybeForget(t);
        } else if (c.publicTopics.delete(t)) regroup = true;
        c.snapshots = c.snapshots.filter((x) => x !== t);
      }
    }
    if (regroup) this.index.regroup(c);
    this.reply(c, { type: 'unsubscribed', channels: m.channels, symbols: m.symbols });
  }

  private wantSnapshot(c: Conn, t: Topic): void {
    if (c.snapshots.includes(t)) return;
    if (c.snapshots.length === 0) this.snapshotConns.push(c);
    c.snapshots.push(t);
    this.schedule();
  }

  // ---- the flush: build once, write once per client ----

  private schedule(): void {
    if (this.flushTimer === undefined && !this.closed) this.flushTimer = this.o.scheduler.setTimeout(() => this.flush(), this.o.flushIntervalMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const gen = ++this.gen;
    const touchedGroups: WsGroup<Conn>[] = [];
    const touched: Conn[] = [];
    const touch = (c: Conn): void => {
      if (c.touchGen !== gen) {
        c.touchGen = gen;
        touched.push(c);
      }
    };

    const dirty = this.dirty;
    this.dirty = [];
    for (const t of dirty) {
      const msg = takeUpdateText(t);
      for (const g of t.groups) {
        if (g.gen !== gen) {
          g.gen = gen;
          g.msgs = [];
          g.msgTopics = [];
          touchedGroups.push(g);
        }
        g.msgs.push(msg);
        g.msgTopics.push(t);
      }
      for (const c of t.conns) {
        touch(c);
        c.extra.push(msg);
        c.extraTopics.push(t);
      }
    }

    const snapshotConns = this.snapshotConns;
    this.snapshotConns = [];
    for (const c of snapshotConns) {
      const wanted = c.snapshots;
      c.snapshots = [];
      if (c.closing || !this.conns.has(c)) continue;
      const texts: string[] = [];
      const topics: Topic[] = [];
      for (const t of wanted) {
        let msg: string;
        try {
          msg = snapshotText(t, this.o.snapshots?.[t.channel]?.(t.subject));
        } catch (e) {
          this.o.onError?.(`ws snapshot ${t.channel} ${t.spec.private ? '(private)' : t.subject}`, e);
          this.error(c, 'snapshot_failed', `no snapshot of ${t.channel}${t.spec.private ? '' : ` ${t.subject}`} now; send resync to retry`);
          continue;
        }
        texts.push(msg);
        topics.push(t);
      }
      if (texts.length === 0) continue;
      touch(c);
      // Snapshots go first: an update of the same seq after them is then ignored by seq.
      c.extra = texts.concat(c.extra);
      c.extraTopics = topics.concat(c.extraTopics);
    }

    const low = this.o.lowWaterBytes;
    for (const g of touchedGroups) {
      let frame: Buffer | undefined;
      for (const c of g.conns) {
        if (c.touchGen === gen || c.backlog.size > 0 || c.socket.writableLength > low) {
          touch(c);
          continue;
        }
        frame ??= textFrame(`[${g.msgs.join(',')}]`);
        this.write(c, frame, g.msgs.length);
      }
    }
    for (const c of this.backlogged) touch(c);
    for (const c of touched) this.deliver(c, gen);
    for (const g of touchedGroups) {
      g.msgs = [];
      g.msgTopics = [];
    }
    if (this.backlogged.size > 0) this.schedule();
  }

  /** The slow path: a connection with its own messages this flush, or a socket behind. */
  private deliver(c: Conn, gen: number): void {
    const texts = c.extra;
    const topics = c.extraTopics;
    c.extra = [];
    c.extraTopics = [];
    if (c.closing) return;
    const g = c.group;
    if (g !== undefined && g.gen === gen) {
      for (let i = 0; i < g.msgs.length; i++) {
        texts.push(g.msgs[i]);
        topics.push(g.msgTopics[i]);
      }
    }
    const buffered = c.socket.writableLength;
    if (c.backlog.size === 0 && buffered <= this.o.lowWaterBytes) {
      if (texts.length > 0) this.write(c, textFrame(`[${texts.join(',')}]`), texts.length);
      return;
    }
    for (let i = 0; i < texts.length; i++) {
      const t = topics[i];
      c.backlog.add(t.key, t.channel, t.spec.priority, t.spec.coalesce === 'latest', texts[i]);
    }
    if (buffered <= this.o.lowWaterBytes) {
      const all = c.backlog.take();
      this.backlogged.delete(c);
      c.behindSince = undefined;
      if (all.length > 0) this.write(c, textFrame(`[${all.join(',')}]`), all.length);
      return;
    }
    const now = this.o.scheduler.now();
    if (c.behindSince === undefined) {
      c.behindSince = now;
      this.backlogged.add(c);
    }
    if (!c.backlog.trim(this.o.maxQueueBytes - buffered)) {
      this.closeConn(c, WS_CLOSE_SLOW_CONSUMER, `slow consumer: more than ${this.o.maxQueueBytes} bytes unsent`, 'slow_consumer');
    } else if (now - c.behindSince > this.o.maxBehindMs) {
      this.closeConn(c, WS_CLOSE_SLOW_CONSUMER, `slow consumer: behind for more than ${this.o.maxBehindMs} ms`, 'slow_consumer');
    }
  }

  /**
   * One socket write of a whole pre-framed message. ws writes its own frames (acks, pongs, close)
   * to the same socket synchronously, whole, so frames never interleave mid-frame.
   */
  private write(c: Conn, frame: Buffer, messages: number): void {
    if (c.ws.readyState !== WebSocket.OPEN || c.socket.destroyed) return;
    c.socket.write(frame);
    this.counters.deliveries += messages;
    this.counters.frames++;
    this.counters.bytes += frame.length;
  }

  /** Control answers (acks, pongs, errors) go at once; a client too far behind for them is closed. */
  private reply(c: Conn, m: WsServerMessage): void {
    if (c.closing || c.ws.readyState !== WebSocket.OPEN) return;
    if (c.socket.writableLength > this.o.maxQueueBytes) {
      this.closeConn(c, WS_CLOSE_SLOW_CONSUMER, `slow consumer: more than ${this.o.maxQueueBytes} bytes unsent`, 'slow_consumer');
      return;
    }
    const text = `[${JSON.stringify(m)}]`;
    c.ws.send(text, TEXT);
    this.counters.frames++;
    this.counters.bytes += text.length;
  }

  private error(c: Conn, code: WsErrorCode, message: string): void {
    bump(this.counters.errors, code);
    this.reply(c, { type: 'error', code, message });
  }

  // ---- keepalive ----

  private armPing(): void {
    this.pingTimer = this.o.scheduler.setTimeout(() => {
      for (const c of this.conns) {
        if (c.closing) continue;
        if (!c.alive) {
          bump(this.counters.closed, 'dead');
          c.closing = true;
          c.ws.close(WS_CLOSE_DEAD, 'no pong within the ping interval');
          c.ws.terminate();
          this.drop(c);
          continue;
        }
        c.alive = false;
        if (c.ws.readyState === WebSocket.OPEN) c.ws.ping();
      }
      this.armPing();
    }, this.o.pingIntervalMs);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

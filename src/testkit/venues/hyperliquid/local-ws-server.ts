// A local WebSocket server speaking the venue's protocol for tests: greeting, subscribe/unsubscribe acks, ping/pong, data pushes, cuts and stalls.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ServerConnection {
  readonly socket: WebSocket;
  /** Every client message, parsed. */
  readonly received: unknown[];
  /** Current subscriptions on this connection. */
  readonly subscriptions: Record<string, unknown>[];
}

export interface LocalWsServerOptions {
  /** Send the plain-text greeting on connect, like the venue (default true). */
  readonly greeting?: boolean;
  /** Add `nSigFigs: null, mantissa: null` to l2Book acks, like the venue (default true). */
  readonly venueAckQuirk?: boolean;
}

export class LocalWsServer {
  readonly connections: ServerConnection[] = [];
  /** Answer pings with pongs (turn off to test the pong timeout). */
  answerPings = true;
  /** Acknowledge subscriptions (turn off to test ack timeouts). */
  answerSubscribes = true;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly options: LocalWsServerOptions,
  ) {}

  static async start(options: LocalWsServerOptions = {}): Promise<LocalWsServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const s = new LocalWsServer(wss, options);
    wss.on('connection', (ws) => s.accept(ws));
    return s;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws`;
  }

  /** The newest connection. */
  get latest(): ServerConnection | undefined {
    return this.connections[this.connections.length - 1];
  }

  /** Sends a frame (an object as JSON, or raw text) to every open connection. */
  push(frame: unknown): void {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const c of this.connections) if (c.socket.readyState === c.socket.OPEN) c.socket.send(text);
  }

  /** Cuts every connection without a close handshake (like a dropped TCP connection). */
  cutAll(): void {
    for (const c of this.connections) c.socket.terminate();
  }

  /** Resolves when `check` holds (re-checked on every client message and connection). */
  waitUntil(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  /** Resolves when the newest connection holds `n` subscriptions (counting from connection number `connection`). */
  waitForSubscriptions(n: number, connection = this.connections.length): Promise<void> {
    return this.waitUntil(() => this.connections.length >= connection && (this.connections[connection - 1]?.subscriptions.length ?? 0) >= n);
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    const conn: ServerConnection = { socket: ws, received: [], subscriptions: [] };
    this.connections.push(conn);
    if (this.options.greeting !== false) ws.send('Websocket connection established.');
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { method?: string; subscription?: Record<string, unknown> };
      conn.received.push(msg);
      if (msg.method === 'ping') {
        if (this.answerPings) ws.send('{"channel":"pong"}');
      } else if (msg.method === 'subscribe' && msg.subscription !== undefined) {
        conn.subscriptions.push(msg.subscription);
        if (this.answerSubscribes) ws.send(JSON.stringify({ channel: 'subscriptionResponse', data: { method: 'subscribe', subscription: this.echo(msg.subscription) } }));
      } else if (msg.method === 'unsubscribe' && msg.subscription !== undefined) {
        const i = conn.subscriptions.findIndex((s) => JSON.stringify(s) === JSON.stringify(msg.subscription));
        if (i >= 0) conn.subscriptions.splice(i, 1);
        ws.send(JSON.stringify({ channel: 'subscriptionResponse', data: { method: 'unsubscribe', subscription: this.echo(msg.subscription) } }));
      }
      this.wake();
    });
    this.wake();
  }

  private echo(sub: Record<string, unknown>): Record<string, unknown> {
    if (this.options.venueAckQuirk === false || sub.type !== 'l2Book') return sub;
    return { ...sub, nSigFigs: sub.nSigFigs ?? null, mantissa: sub.mantissa ?? null };
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => (w.check() ? (w.resolve(), false) : true));
  }
}

/** Yields to I/O until `check` holds; fails after `ms` of wall time (a test guard, not a sleep). */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((r) => setImmediate(r));
  }
}

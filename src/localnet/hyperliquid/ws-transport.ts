// The local venue's WebSocket sockets: one hub connection per socket, a cap on sockets, and slow consumers closed instead of buffered without bound.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LocalVenue } from './local-venue.js';
import { MAX_BODY_BYTES } from './request-limits.js';

export interface WsTransportOptions {
  /** A socket with more than this many bytes sent but not yet taken by its client is closed (it stops reading). */
  readonly maxBufferedBytes: number;
  /** Sockets open at once; an upgrade beyond them is answered 429. */
  readonly maxConnections: number;
  readonly log: (line: string) => void;
  readonly onError: (e: unknown) => void;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 4 << 20;
export const DEFAULT_MAX_CONNECTIONS = 100;
/** Close code "policy violation", and how long a closed slow socket may take to go before it is cut. */
const POLICY_VIOLATION = 1008;
const CLOSE_GRACE_MS = 1_000;
const TOO_MANY = 'Too many WebSocket connections open.';
/** The whole HTTP answer to an upgrade over the cap (the socket is not yet a WebSocket). */
const TOO_MANY_RESPONSE = `HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(TOO_MANY)}\r\n\r\n${TOO_MANY}`;

export interface WsStats {
  readonly connections: number;
  /** Sockets closed because their client stopped reading. */
  readonly slowConsumersClosed: number;
  /** The most bytes any socket held unsent right after a send (stays within maxBufferedBytes plus one frame). */
  readonly bufferedHighWater: number;
}

export class WsTransport {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  private slowClosed = 0;
  private highWater = 0;

  constructor(
    private readonly venue: LocalVenue,
    private readonly opts: WsTransportOptions,
  ) {}

  stats(): WsStats {
    return { connections: this.wss.clients.size, slowConsumersClosed: this.slowClosed, bufferedHighWater: this.highWater };
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.wss.clients.size >= this.opts.maxConnections) {
      socket.end(TOO_MANY_RESPONSE);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws));
  }

  private attach(ws: WebSocket): void {
    const conn = this.venue.hub.connect({ send: (text) => this.send(ws, text) });
    // The venue greets with a plain-text line; clients are expected to skip non-JSON frames.
    ws.send('Websocket connection established.');
    ws.on('message', (data) => {
      conn.onMessage(data.toString()).catch(this.opts.onError);
    });
    ws.on('close', () => conn.close());
    ws.on('error', () => conn.close());
  }

  private send(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.opts.maxBufferedBytes) return this.closeSlow(ws);
    ws.send(text);
    if (ws.bufferedAmount > this.highWater) this.highWater = ws.bufferedAmount;
  }

  /** Stops queueing to a socket whose client does not read: close with the reason, cut it if the close cannot get through. */
  private closeSlow(ws: WebSocket): void {
    this.slowClosed++;
    this.opts.log(`closed a WebSocket that stopped reading (over ${this.opts.maxBufferedBytes} bytes unread; ${this.slowClosed} so far)`);
    ws.close(POLICY_VIOLATION, `slow consumer: over ${this.opts.maxBufferedBytes} bytes unread`);
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** Cuts every open socket without a close frame (an injected network fault): clients must reconnect and resubscribe. */
  cutAll(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

// The local venue on HTTP: POST /info and /exchange, WebSocket /ws, a market timer; closes cleanly.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadInputError } from '../../core/errors.js';
import { FaultInjector, type FaultPath } from './fault-injection.js';
import type { LocalVenue } from './local-venue.js';
import type { Reply } from './reply.js';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, nestedDeeperThan, TOO_DEEP } from './request-limits.js';
import { DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_CONNECTIONS, WsTransport, type WsStats } from './ws-transport.js';

export interface ServeOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Steps the market (and pushes WebSocket data) this often, ms; 0 = only when a request arrives. */
  readonly tickMs?: number;
  /** Unexpected errors in a handler (the request gets a 500). */
  readonly onError?: (e: unknown) => void;
  /** What the operator should see (a slow WebSocket consumer closed). */
  readonly log?: (line: string) => void;
  /** Unsent bytes a WebSocket may hold before it is closed as a slow consumer (default 4 MiB). */
  readonly maxBufferedBytes?: number;
  /** WebSocket connections open at once (default 100). */
  readonly maxConnections?: number;
  /** TCP connections open at once, HTTP and WebSocket (default 1000): more are dropped on accept. */
  readonly maxSockets?: number;
  /** A request must arrive whole (headers and body) within this long, else 408 (default 30 s; headers alone 10 s). */
  readonly requestTimeoutMs?: number;
  /** Injected faults (fault-injection.ts): dropped answers, delays, 5xx, 429, WebSocket cuts. */
  readonly faults?: FaultInjector;
}

const DEFAULT_MAX_SOCKETS = 1_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;

export interface RunningVenue {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  /** The WebSocket side: open sockets, slow consumers closed, the buffered high-water mark. */
  wsStats(): WsStats;
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.status === 200) {
    const body = JSON.stringify(reply.json);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  } else {
    res.writeHead(reply.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.text) });
    res.end(reply.text);
  }
}

/** A client still sending after the limit is cut off once it has sent this much more (the 422 then cannot reach it). */
const MAX_DISCARD_BYTES = 64 * MAX_BODY_BYTES;

/**
 * The body as text, or undefined when it is over MAX_BODY_BYTES. An oversized body is read to its
 * end and dropped (not kept) so the client, still sending, can read the 422; destroying the socket
 * mid-upload made clients see a reset instead.
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DISCARD_BYTES) {
        resolve(undefined);
        req.destroy();
      } else if (size <= MAX_BODY_BYTES) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function route(venue: LocalVenue, req: IncomingMessage, res: ServerResponse, faults: FaultInjector | undefined): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'POST' || (path !== '/info' && path !== '/exchange')) {
    send(res, { status: 404, text: 'Not found: the local venue serves POST /info, POST /exchange and WebSocket /ws' });
    return;
  }
  const fault = faults?.decide(path.slice(1) as FaultPath);
  if (fault !== undefined && fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
  switch (fault?.fail) {
    case undefined:
    case 'drop-after-act':
      break;
    case 'drop':
      return void req.socket.destroy();
    case '5xx':
      return sendText(res, 502, 'Bad Gateway (injected fault: nothing was done)');
    case '429':
      res.setHeader('Retry-After', '1');
      return sendText(res, 429, 'Too many requests (injected fault: nothing was done)');
  }
  const text = await readBody(req);
  if (text === undefined) res.setHeader('Connection', 'close');
  const reply = await answer(venue, text, path);
  // The venue acted; the client never hears of it.
  if (fault?.fail === 'drop-after-act') return void req.socket.destroy();
  send(res, reply);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function answer(venue: LocalVenue, text: string | undefined, path: string): Promise<Reply> {
  if (text === undefined) return { status: 422, text: `Request body too large: at most ${MAX_BODY_BYTES} bytes` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { status: 422, text: `Failed to parse the request body as JSON: ${(e as Error).message}` };
  }
  if (nestedDeeperThan(body, MAX_JSON_DEPTH)) return { status: 422, text: TOO_DEEP };
  return path === '/info' ? venue.info(body) : await venue.exchange(body);
}

export async function serveLocalVenue(venue: LocalVenue, opts: ServeOptions): Promise<RunningVenue> {
  const host = opts.host ?? '127.0.0.1';
  const onError = opts.onError ?? (() => {});
  const requestTimeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // A client that opens sockets and sends slowly (or never) holds them only this long; node checks every interval.
  const timeouts = { requestTimeout, headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout), connectionsCheckingInterval: Math.min(1_000, requestTimeout) };
  const server = createServer(timeouts, (req, res) => {
    route(venue, req, res, opts.faults).catch((e: unknown) => {
      onError(e);
      if (!res.headersSent) send(res, { status: 500, text: 'Internal error of the local venue' });
    });
  });
  server.maxConnections = opts.maxSockets ?? DEFAULT_MAX_SOCKETS;
  const ws = new WsTransport(venue, {
    maxBufferedBytes: opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    maxConnections: opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    log: opts.log ?? (() => {}),
    onError,
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/ws') {
      socket.destroy();
      return;
    }
    ws.upgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, host, opts.port)));
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = opts.tickMs !== undefined && opts.tickMs > 0 ? setInterval(() => safely(() => venue.sync(), onError), opts.tickMs) : undefined;
  timer?.unref();
  const cutEvery = opts.faults?.plan.wsCutEveryMs;
  const cutTimer = cutEvery !== undefined ? setInterval(() => {
    opts.faults?.noteWsCut();
    ws.cutAll();
  }, cutEvery) : undefined;
  cutTimer?.unref();
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/ws`,
    port,
    wsStats: () => ws.stats(),
    close: async () => {
      if (timer !== undefined) clearInterval(timer);
      if (cutTimer !== undefined) clearInterval(cutTimer);
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/** Listening failures the operator can fix (port taken, no permission, no such address) are bad input; others stay as they are. */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  const reason = e.code === 'EADDRINUSE' ? 'address already in use' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EADDRNOTAVAIL' ? 'address not available on this machine' : undefined;
  return reason === undefined ? e : new BadInputError(`${host}:${port}`, reason, { cause: e });
}

function safely(f: () => void, onError: (e: unknown) => void): void {
  try {
    f();
  } catch (e) {
    onError(e);
  }
}

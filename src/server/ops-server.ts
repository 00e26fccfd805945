// The daemon's operations HTTP server: /health, /ready, /metrics and the read endpoints under /api, on 127.0.0.1 by default.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorBody, OpsProjection } from '../api/ops-views.js';
import { BadInputError } from '../core/errors.js';
import { metricsText, type DaemonMetrics } from '../live/telemetry/metrics.js';

export const DEFAULT_OPS_HOST = '127.0.0.1';
export const DEFAULT_FILLS_LIMIT = 100;
const MAX_FILLS_LIMIT = 10_000;
const DEFAULT_MAX_CONNECTIONS = 100;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
// Pipelined requests queue their answers until the client reads: a connection may ask this many, then 503s.
const MAX_REQUESTS_PER_SOCKET = 100;

export interface OpsServerOptions {
  readonly projection: OpsProjection;
  readonly metrics: DaemonMetrics;
  /** Default 127.0.0.1: the read endpoints have no authentication yet. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** A request that failed inside the projection (answered 500): the daemon logs it. */
  readonly onError?: (path: string, e: unknown) => void;
  /** TCP connections open at once (default 100): more are dropped on accept. */
  readonly maxConnections?: number;
  /** A request's headers must arrive within this long, else 408 (default 10 s): requests here have no body. */
  readonly requestTimeoutMs?: number;
}

export interface OpsServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  close(): Promise<void>;
}

type Handler = (url: URL) => Promise<{ status: number; contentType: string; body: string }> | { status: number; contentType: string; body: string };

const JSON_TYPE = 'application/json; charset=utf-8';
const json = (status: number, value: unknown): { status: number; contentType: string; body: string } => ({ status, contentType: JSON_TYPE, body: `${JSON.stringify(value)}\n` });

function fillsLimit(url: URL): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return DEFAULT_FILLS_LIMIT;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > MAX_FILLS_LIMIT) throw new BadInputError(`limit=${raw}`, `expected a whole number from 1 to ${MAX_FILLS_LIMIT}`);
  return n;
}

function routes(o: OpsServerOptions): ReadonlyMap<string, Handler> {
  const p = o.projection;
  return new Map<string, Handler>([
    ['/health', () => json(200, { status: 'ok' })],
    [
      '/ready',
      () => {
        const r = p.readiness();
        return json(r.ready ? 200 : 503, r);
      },
    ],
    [
      '/metrics',
      async () => {
        const m = await metricsText(o.metrics);
        return { status: 200, contentType: m.contentType, body: m.body };
      },
    ],
    ['/api/status', () => json(200, p.status())],
    ['/api/bots', () => json(200, p.bots())],
    ['/api/positions', () => json(200, p.positions())],
    ['/api/orders', () => json(200, p.orders())],
    ['/api/fills', (url) => json(200, p.fills(fillsLimit(url)))],
    ['/api/risk', () => json(200, p.risk())],
  ]);
}

async function answer(table: ReadonlyMap<string, Handler>, o: OpsServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = URL.canParse(req.url ?? '/', 'http://ops.invalid') ? new URL(req.url ?? '/', 'http://ops.invalid') : undefined;
  const send = (r: { status: number; contentType: string; body: string }, headers: Record<string, string> = {}): void => {
    res.writeHead(r.status, { 'content-type': r.contentType, 'cache-control': 'no-store', ...headers });
    res.end(req.method === 'HEAD' ? undefined : r.body);
  };
  const error = (status: number, message: string, headers?: Record<string, string>): void => send(json(status, { error: message, path: url?.pathname ?? req.url ?? '' } satisfies ErrorBody), headers);
  if (url === undefined) return error(400, 'the request target is not a valid URL path');
  const handler = table.get(url.pathname);
  if (handler === undefined) return error(404, `no such endpoint (${[...table.keys()].join(', ')})`);
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405, `method ${req.method} not allowed (GET only)`, { allow: 'GET, HEAD' });
  try {
    send(await handler(url));
  } catch (e) {
    if (e instanceof BadInputError) return error(400, e.message);
    o.onError?.(url.pathname, e);
    error(500, `the daemon could not answer: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function startOpsServer(o: OpsServerOptions): Promise<OpsServer> {
  const table = routes(o);
  const requestTimeout = o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // A client that opens sockets and sends slowly (or never) holds them only this long; node checks every interval.
  const timeouts = { requestTimeout, headersTimeout: requestTimeout, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, connectionsCheckingInterval: Math.min(1_000, requestTimeout) };
  const server = createServer(timeouts, (req, res) => {
    answer(table, o, req, res).catch((e: unknown) => {
      // Only writing the response itself can fail here (the client went away): nothing left to answer.
      o.onError?.(req.url ?? '', e);
      res.destroy();
    });
  });
  server.maxConnections = o.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  server.maxRequestsPerSocket = MAX_REQUESTS_PER_SOCKET;
  const host = o.host ?? DEFAULT_OPS_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

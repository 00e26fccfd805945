// The daemon's HTTP API on Fastify: /health, /ready, /metrics, /api (authenticated, scope-checked, CORS allow-listed) and its OpenAPI document; 127.0.0.1 by default.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerFactoryHandler } from 'fastify';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { JsonSchema } from '../api/json-schema.js';
import type { ErrorBody, OpsProjection } from '../api/ops-views.js';
import { BadInputError } from '../core/errors.js';
import type { DaemonMetrics } from '../live/telemetry/metrics.js';
import { AuthRefusedError, clientAddress, RateLimitedError, requireScope, type AuthService, type Principal } from './auth/index.js';
import { JSON_TYPE, registerRoute, type RouteAccess, type RouteSpec } from './define-route.js';
import { authRoutes } from './routes/auth.js';
import { botsRoutes } from './routes/bots.js';
import { docsRoutes } from './routes/docs.js';
import { fillsRoutes } from './routes/fills.js';
import { ordersRoutes } from './routes/orders.js';
import { positionsRoutes } from './routes/positions.js';
import { probeRoutes } from './routes/probes.js';
import { riskRoutes } from './routes/risk.js';
import type { OpsRouteDeps, RiskControl } from './routes/route-deps.js';
import { statusRoutes } from './routes/status.js';

export { DEFAULT_FILLS_LIMIT } from '../api/ops-schemas.js';
export type { RiskControl } from './routes/route-deps.js';
export const DEFAULT_OPS_HOST = '127.0.0.1';
const DEFAULT_MAX_CONNECTIONS = 100;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** The reads take no body: a request may carry at most this many bytes (mutating routes will set their own). */
const DEFAULT_BODY_LIMIT = 4_096;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
// Pipelined requests queue their answers until the client reads: a connection may ask this many, then 503s.
const MAX_REQUESTS_PER_SOCKET = 100;

/** On every answer, errors included. /docs replaces the Content-Security-Policy with its own. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export interface OpsServerOptions {
  readonly projection: OpsProjection;
  readonly metrics: DaemonMetrics;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /**
   * Builds the server's auth for the origin it listens on (`http://127.0.0.1:PORT`). Given, every /api
   * route but the public ones (auth endpoints, the API document) needs a session or an API key with the
   * route's scope, and cross-origin requests need an allowed Origin. Absent: no auth (tests of the reads).
   */
  readonly auth?: (origin: string) => AuthService;
  /** A reverse proxy in front terminates TLS: the client's address is the last X-Forwarded-For entry. */
  readonly behindProxy?: boolean;
  /** The daemon's kill path (POST /api/risk/kill, /api/risk/resume); absent: those answer 503. */
  readonly control?: RiskControl;
  /** 0 picks a free port. */
  readonly port: number;
  /** A request that failed inside the projection (answered 500): the daemon logs it. */
  readonly onError?: (path: string, e: unknown) => void;
  /** TCP connections open at once (default 100): more are dropped on accept. */
  readonly maxConnections?: number;
  /** A request (headers and body) must arrive within this long, else 408 (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** The largest request body accepted, in bytes (default 4 KiB): larger is a 413. */
  readonly bodyLimit?: number;
}

export interface OpsServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  /** The listening node server (the WebSocket gateway attaches to its upgrades). */
  readonly server: Server;
  close(): Promise<void>;
}

/** Every route of the ops API, in the order the API document lists them. */
export function opsRoutes(d: OpsRouteDeps): RouteSpec[] {
  const api = [...probeRoutes(d), ...(d.auth !== undefined ? authRoutes(d) : []), ...statusRoutes(d), ...botsRoutes(d), ...positionsRoutes(d), ...ordersRoutes(d), ...fillsRoutes(d), ...riskRoutes(d)];
  return [...api, ...docsRoutes(api)];
}

const pathOf = (url: string): string => url.split('?')[0];

/** What a query parameter must be, in words, from its schema. */
function expectation(s: JsonSchema | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (s.enum !== undefined) return `one of ${s.enum.join(', ')}`;
  const what = s.type === 'integer' ? 'a whole number' : s.type === 'number' ? 'a number' : s.type === 'boolean' ? 'true or false' : undefined;
  if (what === undefined) return undefined;
  if (s.minimum !== undefined && s.maximum !== undefined) return `${what} from ${s.minimum} to ${s.maximum}`;
  if (s.minimum !== undefined) return `${what} of at least ${s.minimum}`;
  if (s.maximum !== undefined) return `${what} of at most ${s.maximum}`;
  return what;
}

/** A schema validation failure in words: which parameter, what it was, what it must be. */
function validationMessage(e: FastifyError, req: FastifyRequest): string {
  const first = e.validation?.[0];
  if (first === undefined || e.validationContext !== 'querystring') return e.message;
  const schema = req.routeOptions.schema?.querystring as JsonSchema | undefined;
  const known = Object.keys(schema?.properties ?? {});
  const extra = (first.params as { additionalProperty?: string }).additionalProperty;
  if (first.keyword === 'additionalProperties' && extra !== undefined) return `unknown query parameter ${extra} (${known.length === 0 ? 'this endpoint takes none' : `expected ${known.join(', ')}`})`;
  const name = first.instancePath.replace(/^\//, '');
  const raw = new URLSearchParams(req.url.slice(pathOf(req.url).length)).getAll(name).join(',');
  return `${name}=${raw}: expected ${expectation(schema?.properties?.[name]) ?? first.message ?? 'something else'}`;
}

/** The Fastify application serving `routes`; not listening yet. */
function opsApp(o: OpsServerOptions, routes: readonly RouteSpec[], auth: () => AuthService | undefined): FastifyInstance<Server> {
  const requestTimeout = o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const bodyLimit = o.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const serverFactory = (handler: FastifyServerFactoryHandler): Server => {
    // A client that opens sockets and sends slowly (or never) holds them only this long; node checks every interval.
    const timeouts = { requestTimeout, headersTimeout: requestTimeout, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, connectionsCheckingInterval: Math.min(1_000, requestTimeout) };
    const server = createServer(timeouts, (req, res) => {
      if (canonicalTarget(req, res)) handler(req, res);
    });
    server.maxConnections = o.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    server.maxRequestsPerSocket = MAX_REQUESTS_PER_SOCKET;
    return server;
  };
  const app = Fastify({
    serverFactory,
    logger: false,
    bodyLimit,
    forceCloseConnections: true,
    return503OnClosing: true,
    // Unknown query parameters are a 400, not silently dropped; no loose coercion (typedQuery converts a query's strings strictly).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
    // A path that does not percent-decode (`/api/%zz`): the same error body as every other refusal.
    frameworkErrors: (e, req, reply) => void (reply as FastifyReply).headers(SECURITY_HEADERS).code(400).type(JSON_TYPE).send({ error: e.message, path: pathOf(req.url) } satisfies ErrorBody),
    clientErrorHandler: (e: NodeJS.ErrnoException, socket: Socket) => clientError(e, socket),
  });
  // The caller each request's auth hook found (kept with the request, gone with it).
  const callers = new WeakMap<FastifyRequest, Principal>();
  const ipOf = (req: FastifyRequest): string => clientAddress(req.socket.remoteAddress, req.headers, o.behindProxy === true);
  const context = (req: FastifyRequest): { ip: string; principal: Principal | undefined } => ({ ip: ipOf(req), principal: callers.get(req) });
  const methods = new Map<string, string[]>();
  for (const r of routes) {
    registerRoute(app, r, context);
    methods.set(r.url, [...(methods.get(r.url) ?? []), ...(r.method === 'GET' ? ['GET', 'HEAD'] : [r.method])]);
  }
  const error = (reply: FastifyReply, status: number, req: FastifyRequest, message: string, extra: Partial<ErrorBody> = {}): FastifyReply =>
    reply.code(status).type(JSON_TYPE).send({ error: message, path: pathOf(req.url), ...extra } satisfies ErrorBody);
  /** A 401 / 403 / 429 of auth: its sentence, its stable reason, Retry-After on a 429. */
  const refused = (reply: FastifyReply, req: FastifyRequest, e: AuthRefusedError | RateLimitedError): FastifyReply => {
    if (e instanceof RateLimitedError) return error(reply.header('retry-after', String(e.retryAfterSeconds)), 429, req, e.message, { reason: e.reason, retryAfterSeconds: e.retryAfterSeconds });
    return error(reply, e.status, req, e.message, { reason: e.reason });
  };
  const notFound = (req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const allowed = methods.get(pathOf(req.url));
    if (allowed !== undefined) return error(reply.header('allow', allowed.join(', ')), 405, req, `method ${req.method} not allowed (${allowed.filter((m) => m !== 'HEAD').join(', ')} only)`);
    return error(reply, 404, req, `no such endpoint (${[...methods.keys()].join(', ')})`);
  };

  app.addHook('onRequest', async (req, reply) => {
    // Refused before a byte of the body is read (a chunked body is counted as it arrives: FST_ERR_CTP_BODY_TOO_LARGE).
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > bodyLimit) return error(reply.header('connection', 'close'), 413, req, `the request body is ${length} bytes; at most ${bodyLimit} are accepted`);
    const a = auth();
    if (a !== undefined) {
      // CORS by the exact allow-list: a browser page of another origin gets a 403, and no CORS headers.
      const origin = req.headers.origin;
      const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
      try {
        const cors = a.cors.check(typeof origin === 'string' ? origin : undefined, preflight);
        for (const [k, v] of Object.entries(cors.headers)) reply.header(k, v);
      } catch (e) {
        if (e instanceof AuthRefusedError) return refused(reply, req, e);
        throw e;
      }
      if (preflight) return reply.code(204).send();
    }
    // No route: answered before any body is parsed (a POST to a GET route is a 405 whatever it carries).
    if (req.is404) return notFound(req, reply);
    const access = (req.routeOptions.config as { access?: RouteAccess }).access ?? 'read';
    if (a === undefined || access === 'public') return;
    // Before the body is read: an unauthenticated or unauthorised POST costs no parsing.
    const outcome = await a.authenticate(req.headers, ipOf(req));
    if (!outcome.ok) return refused(reply, req, outcome.error);
    try {
      requireScope(outcome.principal, access);
    } catch (e) {
      if (e instanceof AuthRefusedError) return refused(reply, req, e);
      throw e;
    }
    callers.set(req, outcome.principal);
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
    // Auth's headers that the API's own set lacks (COOP, CORP, Permissions-Policy, HSTS over https).
    for (const [k, v] of Object.entries(auth()?.securityHeaders() ?? {})) if (!reply.hasHeader(k.toLowerCase())) reply.header(k.toLowerCase(), v);
    // A JSON body ends its line, as curl users expect.
    return typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('application/json') ? `${payload}\n` : payload;
  });
  app.setNotFoundHandler((req, reply) => notFound(req, reply));
  app.setErrorHandler((e: FastifyError, req, reply) => {
    if (e.validation !== undefined) return error(reply, 400, req, validationMessage(e, req));
    if (e instanceof BadInputError) return error(reply, 400, req, e.message);
    if (e instanceof AuthRefusedError || e instanceof RateLimitedError) return refused(reply, req, e);
    // Fastify's own refusals (413 body too large, 415 media type, 400 bad JSON or URL) are the client's to fix.
    if (typeof e.code === 'string' && e.code.startsWith('FST_') && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return error(reply, e.statusCode, req, e.message);
    o.onError?.(pathOf(req.url), e);
    return error(reply, 500, req, `the daemon could not answer: ${e.message}`);
  });
  return app;
}

/**
 * Resolves the request target to `path?query` (`/api/../health` is `/health`, `http://x/health` is `/health`);
 * a target that is no URL at all (`//[`) is answered 400 here. True when the request goes on to the router.
 */
function canonicalTarget(req: IncomingMessage, res: ServerResponse): boolean {
  const raw = req.url ?? '/';
  if (URL.canParse(raw, 'http://ops.invalid')) {
    const u = new URL(raw, 'http://ops.invalid');
    req.url = u.pathname + u.search;
    return true;
  }
  const body = `${JSON.stringify({ error: 'the request target is not a valid URL path', path: raw } satisfies ErrorBody)}\n`;
  res.writeHead(400, { ...SECURITY_HEADERS, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return false;
}

/** Answers what node's parser refused before there was a request (408 too slow, 431 headers too large, 400 malformed), then closes. */
function clientError(e: NodeJS.ErrnoException, socket: Socket): void {
  if (e.code === 'ECONNRESET' || socket.destroyed) return;
  const status = e.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : e.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const why = status === 408 ? 'the request did not arrive in time' : status === 431 ? 'the request headers are too large' : `the request is not valid HTTP (${e.code ?? e.message})`;
  const body = JSON.stringify({ error: why, path: '' } satisfies ErrorBody);
  const headers = Object.entries({ ...SECURITY_HEADERS, 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}\r\n${body}`);
  socket.destroy();
}

export async function startOpsServer(o: OpsServerOptions): Promise<OpsServer> {
  const built: { auth?: AuthService } = {};
  const auth = (): AuthService | undefined => built.auth;
  const app = opsApp(o, opsRoutes({ projection: o.projection, metrics: o.metrics, ...(o.auth !== undefined ? { auth } : {}), ...(o.control !== undefined ? { control: o.control } : {}) }), auth);
  const host = o.host ?? DEFAULT_OPS_HOST;
  // Until auth is built (right after listen) a request to a non-public route is refused, never let through.
  if (o.auth !== undefined) app.addHook('onRequest', async (req, reply) => {
    if (built.auth === undefined && !req.is404 && (req.routeOptions.config as { access?: RouteAccess }).access !== 'public') return reply.code(503).type(JSON_TYPE).send({ error: 'starting', path: pathOf(req.url) } satisfies ErrorBody);
  });
  await app.listen({ port: o.port, host });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (o.auth !== undefined) {
    // The origin users open: a wildcard bind is opened as loopback.
    built.auth = o.auth(host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}` : url);
  }
  return {
    url,
    server: app.server,
    close: () => app.close(),
  };
}

// One HTTP route as data (method, path, schemas, handler) and its registration on Fastify; the OpenAPI document reads the same data.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { JsonSchema } from '../api/json-schema.js';
import { ERROR_BODY_SCHEMA } from '../api/ops-schemas.js';
import { InvariantError } from '../core/errors.js';
import type { Scope } from '../api/auth.js';
import type { Principal, RequestHeaders } from './auth/index.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** One response of a route: JSON (serialized through `schema`) unless `contentType` says otherwise. */
export interface ResponseSpec {
  readonly description: string;
  readonly schema: JsonSchema;
  /** A non-JSON body (Prometheus text, HTML): the handler sends a string, served as is. */
  readonly contentType?: string;
}

/** A handler's answer with a status other than the route's first documented one (e.g. 503 with a body). */
export class StatusAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** Extra headers for this answer (e.g. Set-Cookie). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/** Who may call a route: anyone, or an authenticated caller holding the scope. */
export type RouteAccess = 'public' | Scope;

/** What a handler gets: the validated query and body, the headers, the client's address and the caller. */
export interface RouteRequest<Q> {
  readonly query: Q;
  /** The JSON body, validated against the route's `body` schema (undefined when it has none). */
  readonly body: unknown;
  readonly headers: RequestHeaders;
  readonly ip: string;
  /** The authenticated caller; undefined on a public route (or when the server runs without auth). */
  readonly principal: Principal | undefined;
}

/** Per request, from the server: the client's address and the caller its auth hook found. */
export type RequestContext = (req: FastifyRequest) => { readonly ip: string; readonly principal: Principal | undefined };

export interface RouteSpec<Q = unknown> {
  readonly method: HttpMethod;
  /** A fixed path (path parameters come with the first route that needs them). */
  readonly url: string;
  /** One line for the API document. */
  readonly summary: string;
  readonly description?: string;
  /** Groups routes in the API document. */
  readonly tag: string;
  /** Default 'read': an authenticated caller with that scope (checked by the server before the handler). */
  readonly access?: RouteAccess;
  /** The JSON request body (mutating routes); absent: the route takes none. */
  readonly body?: JsonSchema;
  /** The query string; parameters not in it are a 400 (no schema: the route takes no parameter). */
  readonly querystring?: JsonSchema;
  /** Success (and other deliberate) responses by status code; 4xx and 5xx answer ErrorBody. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Extra response headers (e.g. a Content-Security-Policy for a page). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The query arrives validated against `querystring` (defaults filled in). Answers the body of the
   * route's first documented status, or a StatusAnswer for another documented one.
   */
  handler(request: RouteRequest<Q>): unknown;
}

/** The identity, typed: lets a route file state its query type once. */
export function defineRoute<Q = Record<string, never>>(spec: RouteSpec<Q>): RouteSpec<Q> {
  return spec;
}

/** The first path at which a JSON body holds a number that is not finite (NaN, ±Infinity): JSON has no such number. */
export function nonFiniteAt(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nonFiniteAt(value[i], `${path}[${i}]`);
      if (at !== undefined) return at;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const at = nonFiniteAt(v, `${path}.${k}`);
      if (at !== undefined) return at;
    }
  }
  return undefined;
}

const INTEGER = /^-?(0|[1-9]\d*)$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * Turns a query's strings into the numbers and booleans its schema declares, by a strict grammar: `1e3`,
 * `0x10`, ` 5`, `Infinity` and `NaN` stay strings, so validation refuses them (Ajv's own coercion lets
 * them through). Anything else is left for validation to judge.
 */
export function typedQuery(query: Record<string, unknown>, schema: JsonSchema): void {
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const raw = query[name];
    if (typeof raw !== 'string') continue;
    if (p.type === 'integer' && INTEGER.test(raw) && Number.isSafeInteger(Number(raw))) query[name] = Number(raw);
    else if (p.type === 'number' && DECIMAL.test(raw) && Number.isFinite(Number(raw))) query[name] = Number(raw);
    else if (p.type === 'boolean' && (raw === 'true' || raw === 'false')) query[name] = raw === 'true';
  }
}

/** The query of a route that takes none: any parameter is a 400 (a typo is not silently ignored). */
export const NO_QUERY: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

/** The Fastify response schemas: every JSON response, and ErrorBody for 4xx and 5xx. */
function responseSchemas(spec: RouteSpec<unknown>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = { '4xx': ERROR_BODY_SCHEMA, '5xx': ERROR_BODY_SCHEMA };
  for (const [code, r] of Object.entries(spec.responses)) if (r.contentType === undefined) out[code] = r.schema;
  return out;
}

/** Registers `spec` on `app` (GET routes answer HEAD too). */
export function registerRoute(app: FastifyInstance, spec: RouteSpec<unknown>, context: RequestContext): void {
  const codes = Object.keys(spec.responses).map(Number);
  const first = codes[0];
  if (first === undefined) throw new InvariantError(`${spec.method} ${spec.url} documents no response`);
  const query = spec.querystring ?? NO_QUERY;
  const route: RouteOptions = {
    method: spec.method,
    url: spec.url,
    schema: { querystring: query, ...(spec.body !== undefined ? { body: spec.body } : {}), response: responseSchemas(spec) },
    config: { access: spec.access ?? 'read' },
    preValidation: async (request: FastifyRequest) => typedQuery(request.query as Record<string, unknown>, query),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const { ip, principal } = context(request);
      const answer = await spec.handler({ query: request.query, body: request.body, headers: request.headers, ip, principal });
      const status = answer instanceof StatusAnswer ? answer.status : first;
      const body = answer instanceof StatusAnswer ? answer.body : answer;
      const response = spec.responses[status];
      if (response === undefined) throw new InvariantError(`${spec.method} ${spec.url} answered ${status}, which its schema does not document`);
      const bad = nonFiniteAt(body);
      if (bad !== undefined) throw new InvariantError(`${spec.method} ${spec.url} answered a number that is not finite at ${bad}`);
      for (const [k, v] of Object.entries({ ...spec.headers, ...(answer instanceof StatusAnswer ? answer.headers : {}) })) reply.header(k, v);
      reply.code(status).type(response.contentType ?? JSON_TYPE);
      return body;
    },
  };
  app.route(route);
}

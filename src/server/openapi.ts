// The OpenAPI 3.1 document of the HTTP API, generated from the registered routes' schemas.
import type { JsonSchema } from '../api/json-schema.js';
import { ERROR_BODY_SCHEMA } from '../api/ops-schemas.js';
import { JSON_TYPE, type RouteSpec } from './define-route.js';

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'query';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

export interface OpenApiResponse {
  readonly description: string;
  readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>>;
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly parameters: readonly OpenApiParameter[];
  readonly requestBody?: { readonly required: true; readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> };
  /** Absent: the document's default (a session or an API key); [] on a public route. */
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  /** The scope a caller needs (read, trade, admin), when the route is not public. */
  readonly 'x-scope'?: string;
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components: { readonly schemas: { readonly ErrorBody: JsonSchema }; readonly securitySchemes: Readonly<Record<string, Readonly<Record<string, string>>>> };
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' } as unknown as JsonSchema;
const errorResponse = (description: string): OpenApiResponse => ({ description, content: { [JSON_TYPE]: { schema: ERROR_REF } } });

/** `GET /api/fills` → `getApiFills`. */
function operationId(spec: RouteSpec): string {
  const words = spec.url.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return spec.method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function parameters(spec: RouteSpec): OpenApiParameter[] {
  const q = spec.querystring;
  if (q === undefined) return [];
  return Object.entries(q.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: 'query', required: (q.required ?? []).includes(name), ...(description !== undefined ? { description } : {}), schema: rest };
  });
}

function operation(spec: RouteSpec): OpenApiOperation {
  const responses: Record<string, OpenApiResponse> = {};
  for (const [code, r] of Object.entries(spec.responses)) responses[code] = { description: r.description, content: { [r.contentType ?? JSON_TYPE]: { schema: r.schema } } };
  responses['400'] = errorResponse(spec.querystring === undefined ? 'The endpoint takes no query parameter.' : 'A query parameter is unknown, malformed or out of range.');
  const access = spec.access ?? 'read';
  if (access !== 'public') {
    responses['401'] = errorResponse('Not authenticated: log in, or send a session token or API key as Authorization: Bearer (body: reason).');
    responses['403'] = errorResponse(`Not allowed: the caller lacks the ${access} scope, or the origin is not allowed.`);
    responses['429'] = errorResponse('Too many requests for this user (Retry-After).');
  }
  responses['4XX'] = errorResponse('The request was refused (404 no such path, 405 method, 413 too large, 408 too slow).');
  responses['5XX'] = errorResponse('The daemon could not answer.');
  return {
    operationId: operationId(spec),
    summary: spec.summary,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    tags: [spec.tag],
    parameters: parameters(spec),
    ...(spec.body !== undefined ? { requestBody: { required: true as const, content: { [JSON_TYPE]: { schema: spec.body } } } } : {}),
    ...(access === 'public' ? { security: [] } : { 'x-scope': access }),
    responses,
  };
}

/** The version of the API contract (info.version): bumped when a response changes shape. */
export const API_VERSION = '0.2.0';

/** The document for `routes`, in their order. */
export function openApiDocument(routes: readonly RouteSpec[]): OpenApiDocument {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const spec of routes) (paths[spec.url] ??= {})[spec.method.toLowerCase()] = operation(spec);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sextant daemon API',
      version: API_VERSION,
      description:
        'The daemon’s HTTP API. Every error answers {error, path} (401 / 403 / 429 add a stable reason). Everything under /api except the auth endpoints and this document needs a session token (login) or an API key, as Authorization: Bearer or the browser’s session cookie; each route names the scope it needs in x-scope (read ⊂ trade ⊂ admin).',
    },
    paths,
    components: {
      schemas: { ErrorBody: ERROR_BODY_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A session token (sxs_…) or an API key (sxk_…).' }, cookie: { type: 'apiKey', in: 'cookie', name: 'sextant_session' } },
    },
    security: [{ bearer: [] }, { cookie: [] }],
  };
}

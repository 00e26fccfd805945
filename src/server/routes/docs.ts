// GET /api/openapi.json and GET /docs: the API document of every route (these two included) and its HTML page.
import { defineRoute, type RouteSpec } from '../define-route.js';
import { DOCS_CSP, docsPage } from '../docs-page.js';
import { openApiDocument } from '../openapi.js';

export const OPENAPI_PATH = '/api/openapi.json';

/** The document routes for an API made of `routes` (and of these two). */
export function docsRoutes(routes: readonly RouteSpec[]): RouteSpec[] {
  const own: RouteSpec[] = [
    defineRoute({
      method: 'GET',
      url: OPENAPI_PATH,
      tag: 'docs',
      access: 'public',
      summary: 'This API as an OpenAPI 3.1 document, generated from the route schemas.',
      responses: { 200: { description: 'The OpenAPI document.', schema: { type: 'object', required: ['openapi', 'info', 'paths'], additionalProperties: true } } },
      handler: () => doc,
    }),
    defineRoute({
      method: 'GET',
      url: '/docs',
      tag: 'docs',
      access: 'public',
      summary: 'The OpenAPI document as a readable page.',
      responses: { 200: { description: 'An HTML page.', schema: { type: 'string' }, contentType: 'text/html; charset=utf-8' } },
      headers: { 'content-security-policy': DOCS_CSP },
      handler: () => page,
    }),
  ];
  const doc = openApiDocument([...routes, ...own]);
  const page = docsPage(doc, OPENAPI_PATH);
  return own;
}

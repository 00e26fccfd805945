// GET /api/fills?limit=N: the most recent fills, newest first.
import { DEFAULT_FILLS_LIMIT, FILLS_QUERY_SCHEMA, FILLS_SCHEMA, type FillsQuery } from '../../api/ops-schemas.js';
import { defineRoute, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

export function fillsRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute<FillsQuery>({
      method: 'GET',
      url: '/api/fills',
      tag: 'trading',
      summary: 'The most recent fills, newest first.',
      querystring: FILLS_QUERY_SCHEMA,
      responses: { 200: { description: 'OK.', schema: FILLS_SCHEMA } },
      handler: ({ query }) => d.projection.fills(query.limit ?? DEFAULT_FILLS_LIMIT),
    }),
  ];
}

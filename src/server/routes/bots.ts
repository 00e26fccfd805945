// GET /api/bots: the hosted bots and their state.
import { BOTS_SCHEMA } from '../../api/ops-schemas.js';
import { defineRoute, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

export function botsRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/bots',
      tag: 'bots',
      summary: 'The bots the daemon hosts and their state.',
      responses: { 200: { description: 'OK.', schema: BOTS_SCHEMA } },
      handler: () => d.projection.bots(),
    }),
  ];
}

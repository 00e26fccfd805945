// GET /api/status: the daemon's mode, market, readiness, kill level, equity and counts.
import { STATUS_SCHEMA } from '../../api/ops-schemas.js';
import { defineRoute, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

export function statusRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/status',
      tag: 'daemon',
      summary: 'The daemon: mode, market, readiness, kill level, equity and counts.',
      responses: { 200: { description: 'OK.', schema: STATUS_SCHEMA } },
      handler: () => d.projection.status(),
    }),
  ];
}

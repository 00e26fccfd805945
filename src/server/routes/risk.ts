// GET /api/risk: kill level, its reason and blocks by rule.
import { RISK_SCHEMA } from '../../api/ops-schemas.js';
import { defineRoute, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

export function riskRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/risk',
      tag: 'risk',
      summary: 'The kill level, its reason and orders blocked by rule.',
      responses: { 200: { description: 'OK.', schema: RISK_SCHEMA } },
      handler: () => d.projection.risk(),
    }),
  ];
}

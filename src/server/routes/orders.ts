// GET /api/orders: open and recently closed orders from the OMS.
import { ORDERS_SCHEMA } from '../../api/ops-schemas.js';
import { defineRoute, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

export function ordersRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/orders',
      tag: 'trading',
      summary: 'Open orders first, then the most recent closed ones.',
      responses: { 200: { description: 'OK.', schema: ORDERS_SCHEMA } },
      handler: () => d.projection.orders(),
    }),
  ];
}

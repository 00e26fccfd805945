// GET /api/positions: open positions from the ledger.
import { POSITIONS_SCHEMA } from '../../api/ops-schemas.js';
import { defineRoute, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

export function positionsRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/positions',
      tag: 'trading',
      summary: 'Open positions with mark price and unrealized PnL.',
      responses: { 200: { description: 'OK.', schema: POSITIONS_SCHEMA } },
      handler: () => d.projection.positions(),
    }),
  ];
}

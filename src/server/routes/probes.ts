// /health, /ready and /metrics: the probes a supervisor or Prometheus polls.
import { HEALTH_SCHEMA, READINESS_SCHEMA } from '../../api/ops-schemas.js';
import { metricsText } from '../../live/telemetry/metrics.js';
import { defineRoute, StatusAnswer, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps } from './route-deps.js';

const PROMETHEUS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function probeRoutes(d: OpsRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/health',
      tag: 'probes',
      access: 'public',
      summary: 'Liveness: answers while the process runs.',
      responses: { 200: { description: 'Alive.', schema: HEALTH_SCHEMA } },
      handler: () => ({ status: 'ok' }),
    }),
    defineRoute({
      method: 'GET',
      url: '/ready',
      tag: 'probes',
      access: 'public',
      summary: 'Readiness: reconciled and the market data fresh.',
      responses: {
        200: { description: 'Ready: the daemon takes new entries.', schema: READINESS_SCHEMA },
        503: { description: 'Not ready, with the reasons.', schema: READINESS_SCHEMA },
      },
      handler: () => {
        const r = d.projection.readiness();
        return r.ready ? r : new StatusAnswer(503, r);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      tag: 'probes',
      access: 'public',
      summary: 'The daemon’s metrics in the Prometheus text format.',
      responses: { 200: { description: 'Prometheus exposition text.', schema: { type: 'string' }, contentType: PROMETHEUS_TYPE } },
      handler: async () => {
        const m = await metricsText(d.metrics);
        return m.body;
      },
    }),
  ];
}

// GET /api/risk (kill level, its reason, blocks by rule); POST /api/risk/kill and /api/risk/resume (trade scope, through the daemon's kill path).
import { RISK_SCHEMA } from '../../api/ops-schemas.js';
import type { RiskView } from '../../api/ops-views.js';
import { BadInputError, InvariantError } from '../../core/errors.js';
import { defineRoute, StatusAnswer, type RouteSpec } from '../define-route.js';
import type { OpsRouteDeps, RiskControl } from './route-deps.js';

const KILL_LEVEL = RISK_SCHEMA.properties.killLevel;
const KILL_LEVELS: readonly unknown[] = KILL_LEVEL.enum ?? [];
const REASON = { type: 'string', minLength: 1, maxLength: 200, description: 'Why, in a few words (logged, audited and alerted).' } as const;
const UNAVAILABLE = { 503: { description: 'No daemon behind this server can act.', schema: RISK_SCHEMA } };

/** A reason as one printable line (it goes into the log, the audit trail and alerts). */
function reasonOf(body: unknown): string {
  const r = (body as { reason?: unknown }).reason;
  if (typeof r !== 'string' || !/^[^\x00-\x1f\x7f]+$/.test(r) || r.trim() === '') throw new BadInputError('reason', 'expected one line of printable text');
  return r.trim();
}

export function riskRoutes(d: OpsRouteDeps): RouteSpec[] {
  const control = (): RiskControl | StatusAnswer => d.control ?? new StatusAnswer(503, d.projection.risk());
  return [
    defineRoute({
      method: 'GET',
      url: '/api/risk',
      tag: 'risk',
      summary: 'The kill level, its reason and orders blocked by rule.',
      responses: { 200: { description: 'OK.', schema: RISK_SCHEMA } },
      handler: () => d.projection.risk(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/risk/kill',
      tag: 'risk',
      access: 'trade',
      summary: 'Sets the API’s kill level (source api): logged, audited, alerted and saved like the kill file; off clears the API’s level.',
      body: { type: 'object', properties: { level: KILL_LEVEL, reason: REASON }, required: ['level', 'reason'], additionalProperties: false },
      responses: { 200: { description: 'The risk state after the change.', schema: RISK_SCHEMA }, ...UNAVAILABLE },
      handler: (r): RiskView | StatusAnswer => {
        const c = control();
        if (c instanceof StatusAnswer) return c;
        const level = (r.body as { level: RiskView['killLevel'] }).level;
        if (!KILL_LEVELS.includes(level)) throw new InvariantError(`the body schema let through kill level ${String(level)}`);
        return c.kill(level, reasonOf(r.body), r.principal as NonNullable<typeof r.principal>);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/risk/resume',
      tag: 'risk',
      access: 'trade',
      summary: 'Clears the API’s kill level and a level a breached risk rule latched (an operator’s resume).',
      body: { type: 'object', properties: { reason: REASON }, required: ['reason'], additionalProperties: false },
      responses: { 200: { description: 'The risk state after the resume.', schema: RISK_SCHEMA }, ...UNAVAILABLE },
      handler: (r): RiskView | StatusAnswer => {
        const c = control();
        if (c instanceof StatusAnswer) return c;
        return c.resume(reasonOf(r.body), r.principal as NonNullable<typeof r.principal>);
      },
    }),
  ];
}

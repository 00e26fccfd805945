// What the ops routes read and act through: the daemon's projections, its metrics registry, auth and the risk controls.
import type { OpsProjection, RiskView } from '../../api/ops-views.js';
import type { DaemonMetrics } from '../../live/telemetry/metrics.js';
import type { AuthService, Principal } from '../auth/index.js';

/** The daemon's kill path, for POST /api/risk/kill and /api/risk/resume (logged, audited, alerted and saved by the daemon). */
export interface RiskControl {
  kill(level: RiskView['killLevel'], reason: string, by: Principal): RiskView;
  resume(reason: string, by: Principal): RiskView;
}

export interface OpsRouteDeps {
  readonly projection: OpsProjection;
  readonly metrics: DaemonMetrics;
  /** The server's auth (built once it listens and knows its origin); absent: a server without auth and without the auth routes. */
  readonly auth?: () => AuthService | undefined;
  /** Absent: the kill routes answer 503 (a server without a daemon behind it). */
  readonly control?: RiskControl;
}

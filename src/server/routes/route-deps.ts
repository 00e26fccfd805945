// What the ops routes read: the daemon's projections and its metrics registry.
import type { OpsProjection } from '../../api/ops-views.js';
import type { DaemonMetrics } from '../../live/telemetry/metrics.js';

export interface OpsRouteDeps {
  readonly projection: OpsProjection;
  readonly metrics: DaemonMetrics;
}

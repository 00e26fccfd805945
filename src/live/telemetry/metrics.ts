// The daemon's Prometheus metrics (prom-client), in a registry of its own: two daemons in one process never mix.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface DaemonMetrics {
  readonly registry: Registry;
  /** Seconds between an event's venue time and the kernel taking it, per stream (e.g. `trades:BTC`). */
  readonly eventLag: Histogram<'stream'>;
  /** Events waiting in a queue (e.g. `kernel`). */
  readonly queueDepth: Gauge<'queue'>;
  /** Seconds from sending an order to the venue's acknowledgement. */
  readonly submitToAck: Histogram<'venue'>;
  /** Market-data streams currently stale (1) or fresh (0), per stream. */
  readonly staleStreams: Gauge<'stream'>;
  /** Order intents the risk manager blocked, per rule. */
  readonly riskBlocks: Counter<'rule'>;
  /** Differences the reconciler found between the venue and us, per kind (position, open_order, fill). */
  readonly reconciliationDifferences: Counter<'kind'>;
}

export interface MetricsOptions {
  /** Also collect Node's process metrics (CPU, memory, event loop lag) under `sextant_process_`. */
  readonly processMetrics?: boolean;
  /** Labels on every metric (e.g. `{ mode: 'paper' }`). */
  readonly defaultLabels?: Readonly<Record<string, string>>;
}

/** A fresh registry with the daemon's metrics; never the global default registry. */
export function createDaemonMetrics(o: MetricsOptions = {}): DaemonMetrics {
  const registry = new Registry();
  if (o.defaultLabels !== undefined) registry.setDefaultLabels({ ...o.defaultLabels });
  const registers = [registry];
  const m: DaemonMetrics = {
    registry,
    eventLag: new Histogram({
      name: 'sextant_event_lag_seconds',
      help: 'Seconds from an event’s venue time to the kernel taking it',
      labelNames: ['stream'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    queueDepth: new Gauge({ name: 'sextant_queue_depth', help: 'Events waiting in a queue', labelNames: ['queue'], registers }),
    submitToAck: new Histogram({
      name: 'sextant_order_submit_to_ack_seconds',
      help: 'Seconds from sending an order to the venue acknowledging it',
      labelNames: ['venue'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    staleStreams: new Gauge({ name: 'sextant_stream_stale', help: 'Market-data stream stale (1) or fresh (0)', labelNames: ['stream'], registers }),
    riskBlocks: new Counter({ name: 'sextant_risk_blocks_total', help: 'Order intents blocked by the risk manager, per rule', labelNames: ['rule'], registers }),
    reconciliationDifferences: new Counter({
      name: 'sextant_reconciliation_differences_total',
      help: 'Differences between the venue and Sextant found by the reconciler, per kind',
      labelNames: ['kind'],
      registers,
    }),
  };
  // eventLoopMonitoringPrecision samples on the event loop; no timer of ours keeps the process alive.
  if (o.processMetrics === true) collectDefaultMetrics({ register: registry, prefix: 'sextant_process_' });
  return m;
}

/** The registry's content in Prometheus's text format, with its content type. */
export async function metricsText(m: DaemonMetrics): Promise<{ contentType: string; body: string }> {
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

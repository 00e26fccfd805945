// The /ws gateway's Prometheus metrics (sextant_ws_*): read from its plain counters at scrape time, so the hot path only adds numbers.
import { Counter, Gauge, type Registry } from 'prom-client';

export interface WsMetricSource {
  readonly connections: number;
  readonly backlogged: number;
  readonly queuedBytes: number;
  readonly deliveries: number;
  readonly frames: number;
  readonly bytes: number;
  readonly conflated: Readonly<Record<string, number>>;
  readonly dropped: Readonly<Record<string, number>>;
  readonly coalesced: Readonly<Record<string, number>>;
  readonly closed: Readonly<Record<string, number>>;
  readonly errors: Readonly<Record<string, number>>;
}

export function registerWsMetrics(registry: Registry, read: () => WsMetricSource): void {
  const registers = [registry];
  const gauge = (name: string, help: string, pick: (s: WsMetricSource) => number): void =>
    void new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(pick(read()));
      },
    });
  const total = (name: string, help: string, pick: (s: WsMetricSource) => number): void =>
    void new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(pick(read()));
      },
    });
  const perLabel = (name: string, help: string, label: string, pick: (s: WsMetricSource) => Readonly<Record<string, number>>): void =>
    void new Counter({
      name,
      help,
      labelNames: [label],
      registers,
      collect() {
        this.reset();
        for (const [k, v] of Object.entries(pick(read()))) this.inc({ [label]: k }, v);
      },
    });
  gauge('sextant_ws_connections', 'Open /ws connections', (s) => s.connections);
  gauge('sextant_ws_backlogged_connections', '/ws connections whose socket is behind (messages queued)', (s) => s.backlogged);
  gauge('sextant_ws_queued_bytes', 'Bytes queued for slow /ws connections', (s) => s.queuedBytes);
  total('sextant_ws_deliveries_total', 'Messages written to /ws clients (one message to one client)', (s) => s.deliveries);
  total('sextant_ws_frames_total', 'WebSocket frames written (one socket write each)', (s) => s.frames);
  total('sextant_ws_bytes_total', 'Bytes of data frames written to /ws clients', (s) => s.bytes);
  perLabel('sextant_ws_coalesced_total', 'Updates folded into the next message of their topic within a flush interval', 'channel', (s) => s.coalesced);
  perLabel('sextant_ws_conflated_total', 'Messages replaced by a newer one of their topic in a slow client’s queue', 'channel', (s) => s.conflated);
  perLabel('sextant_ws_dropped_total', 'Messages a slow client never got (dropped by priority, or queued when it was closed)', 'channel', (s) => s.dropped);
  perLabel('sextant_ws_closed_total', 'Connections closed by the gateway, per reason', 'reason', (s) => s.closed);
  perLabel('sextant_ws_errors_total', 'Client errors per code (error frames sent; rate_limited counts every ignored message)', 'code', (s) => s.errors);
}

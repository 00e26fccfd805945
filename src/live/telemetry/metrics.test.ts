// The daemon's metrics: each daemon has its own registry, the global default one stays untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register as globalRegistry } from 'prom-client';
import { createDaemonMetrics, metricsText } from './metrics.js';

test('the metrics the issue names are exposed in the Prometheus text format', async () => {
  const m = createDaemonMetrics({ defaultLabels: { mode: 'paper' } });
  m.eventLag.observe({ stream: 'trades:BTC' }, 0.004);
  m.queueDepth.set({ queue: 'kernel' }, 3);
  m.submitToAck.observe({ venue: 'hyperliquid' }, 0.0021);
  m.staleStreams.set({ stream: 'l2:ETH' }, 1);
  m.riskBlocks.inc({ rule: 'max_notional' });
  m.riskBlocks.inc({ rule: 'max_notional' });
  m.reconciliationDifferences.inc({ kind: 'position' });
  const { contentType, body } = await metricsText(m);
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  assert.match(body, /^sextant_event_lag_seconds_bucket\{le="0\.005",mode="paper",stream="trades:BTC"\} 1$/m);
  assert.match(body, /^sextant_queue_depth\{queue="kernel",mode="paper"\} 3$/m);
  assert.match(body, /^sextant_order_submit_to_ack_seconds_count\{mode="paper",venue="hyperliquid"\} 1$/m);
  assert.match(body, /^sextant_stream_stale\{stream="l2:ETH",mode="paper"\} 1$/m);
  assert.match(body, /^sextant_risk_blocks_total\{rule="max_notional",mode="paper"\} 2$/m);
  assert.match(body, /^sextant_reconciliation_differences_total\{kind="position",mode="paper"\} 1$/m);
});

test('two daemons keep separate counts and the global default registry holds none of them', async () => {
  const a = createDaemonMetrics();
  const b = createDaemonMetrics();
  a.riskBlocks.inc({ rule: 'daily_loss' });
  assert.match(await a.registry.metrics(), /sextant_risk_blocks_total\{rule="daily_loss"\} 1/);
  assert.doesNotMatch(await b.registry.metrics(), /daily_loss/);
  assert.doesNotMatch(await globalRegistry.metrics(), /sextant_/);
});

test('process metrics are optional and carry their own prefix', async () => {
  const m = createDaemonMetrics({ processMetrics: true });
  assert.match(await m.registry.metrics(), /^sextant_process_process_cpu_user_seconds_total/m);
  assert.doesNotMatch(await createDaemonMetrics().registry.metrics(), /sextant_process_/);
});

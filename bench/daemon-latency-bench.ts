// Daemon latencies on the in-process local venue: a trade frame in → the signed order out (and where the time goes), and an order's submit → the venue's ack.
import { fileURLToPath } from 'node:url';
import { isTerminal } from '../src/oms/order-lifecycle.js';
import { makeIntent } from '../src/oms/order-intent.js';
import { startBenchDaemon, type BenchDaemon } from './daemon-harness.js';

const STRATEGY = fileURLToPath(new URL('./strategies/ioc-on-trade.ts', import.meta.url));
const SYMBOL = 'BTC';

export interface DaemonLatencyOptions {
  readonly samples?: number;
  readonly warmup?: number;
  readonly acks?: number;
}

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const us = (ms: number): number => Math.round(ms * 1000 * 10) / 10;
const ms3 = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Yields to the event loop until `cond` holds (the probes stamp their own times; this only waits). */
async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`daemon latency bench: timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

async function midOf(d: BenchDaemon, symbol: string): Promise<number> {
  const mids = (await d.venue.info.allMids()) as Record<string, string>;
  const m = Number(mids[symbol]);
  if (!(m > 0)) throw new Error(`daemon latency bench: the venue has no mid for ${symbol}`);
  return m;
}

/** One trade frame through the daemon to the signed order out; resolves once the order is over (the next sample starts clean). */
async function oneSample(d: BenchDaemon, mid: number): Promise<{ total: number; toMarket: number; toStrategyOrder: number; prePersist: number; saveIntent: number; nonceSave: number; audit: number; afterPersist: number }> {
  const now = Date.now();
  // The daemon keeps the touch from the venue's l2Book frames; the risk rules want a fresh one.
  d.books.set(SYMBOL, { bid: mid * 0.9999, ask: mid * 1.0001, ts: now });
  const frame = Buffer.from(d.tradeFrameText(SYMBOL, mid, 0.01, now));
  const before = d.manager.orders().length;
  d.probe.exchangeOut = 0;
  d.probe.auditAppends.length = 0;
  const t0 = performance.now();
  d.injectFrame(frame);
  await until(() => d.probe.exchangeOut >= t0, 'the signed order');
  const p = { ...d.probe };
  // The audit trail's appends that ran while the order was on its way (they share the thread).
  let audit = 0;
  for (const [a, b] of p.auditAppends) audit += Math.max(0, Math.min(b, p.exchangeOut) - Math.max(a, t0));
  await p.exchangeAnswered;
  await until(() => {
    const all = d.manager.orders();
    return all.length > before && isTerminal(all[all.length - 1].status);
  }, 'the order to end');
  // Let the venue's order update reach the bot before the next frame.
  await new Promise((r) => setTimeout(r, 2));
  return { total: p.exchangeOut - t0, toMarket: p.marketIn - t0, toStrategyOrder: p.riskCheckStart - t0, prePersist: p.saveIntentStart - t0, saveIntent: p.saveIntentEnd - p.saveIntentStart, nonceSave: p.nonceSaveEnd - p.nonceSaveStart, audit, afterPersist: p.exchangeOut - p.saveIntentEnd - (p.nonceSaveEnd - p.nonceSaveStart) };
}

export async function benchDaemonLatency(o: DaemonLatencyOptions = {}): Promise<Record<string, number>> {
  const samples = o.samples ?? 2_000;
  const ackSamples = o.acks ?? 300;
  const warmup = o.warmup ?? 200;
  const d = await startBenchDaemon({ symbols: [SYMBOL], strategy: STRATEGY, params: { notional: 20, belowPct: 2 } });
  try {
    const mid = await midOf(d, SYMBOL);
    // First, on a fresh venue account, before the samples below place their thousands of orders.
    const acks = await benchSubmitToAck(d, mid, ackSamples);
    const cols: Record<'total' | 'toMarket' | 'toStrategyOrder' | 'prePersist' | 'saveIntent' | 'nonceSave' | 'audit' | 'afterPersist', number[]> = { total: [], toMarket: [], toStrategyOrder: [], prePersist: [], saveIntent: [], nonceSave: [], audit: [], afterPersist: [] };
    for (let i = 0; i < warmup + samples; i++) {
      const s = await oneSample(d, mid);
      d.check();
      if (i % 200 === 0) d.flush();
      if (i < warmup) continue;
      for (const k of Object.keys(cols) as (keyof typeof cols)[]) cols[k].push(s[k]);
    }
    const body = JSON.parse(d.probe.exchangeBody) as { action?: { type?: string } };
    if (body.action?.type !== 'order') throw new Error(`daemon latency bench: the last /exchange body was ${body.action?.type ?? 'not an order'}`);
    const out: Record<string, number> = {
      daemon_event_to_order_us_p50: us(q(cols.total, 0.5)),
      daemon_event_to_order_us_p99: us(q(cols.total, 0.99)),
      daemon_event_to_market_us_p50: us(q(cols.toMarket, 0.5)),
      daemon_event_to_market_us_p99: us(q(cols.toMarket, 0.99)),
      daemon_event_to_risk_check_us_p50: us(q(cols.toStrategyOrder, 0.5)),
      daemon_event_to_risk_check_us_p99: us(q(cols.toStrategyOrder, 0.99)),
      daemon_event_to_persist_us_p50: us(q(cols.prePersist, 0.5)),
      daemon_event_to_persist_us_p99: us(q(cols.prePersist, 0.99)),
      daemon_save_intent_us_p50: us(q(cols.saveIntent, 0.5)),
      daemon_save_intent_us_p99: us(q(cols.saveIntent, 0.99)),
      daemon_nonce_save_us_p50: us(q(cols.nonceSave, 0.5)),
      daemon_nonce_save_us_p99: us(q(cols.nonceSave, 0.99)),
      daemon_audit_in_path_us_p50: us(q(cols.audit, 0.5)),
      daemon_audit_in_path_us_p99: us(q(cols.audit, 0.99)),
      daemon_sign_and_send_us_p50: us(q(cols.afterPersist, 0.5)),
      daemon_sign_and_send_us_p99: us(q(cols.afterPersist, 0.99)),
      daemon_event_to_order_samples: samples,
    };
    return { ...out, ...acks };
  } finally {
    await d.close();
  }
}

/**
 * A resting limit order (GTC, 5% under the market) from OrderManager.submit (store the intent, sign,
 * POST over loopback) to the venue's ack, then cancelled (untimed); and the same through the adapter
 * alone (no OMS store).
 */
async function benchSubmitToAck(d: BenchDaemon, mid: number, n: number): Promise<Record<string, number>> {
  const price = Math.floor(mid * 0.95);
  const oms: number[] = [];
  const adapter: number[] = [];
  const base = Date.now();
  for (let i = 0; i < n + 20; i++) {
    const intent = makeIntent({ botId: 'bench-ack', symbol: SYMBOL, side: 'buy', qty: 0.001, type: 'limit', price, tif: 'GTC', reason: 'bench', decisionTs: base + i, n: 0 });
    let t = performance.now();
    const order = await d.manager.submit(intent);
    const a = performance.now() - t;
    if (order.status !== 'accepted') throw new Error(`submit-to-ack bench: the order is ${order.status}, expected accepted`);
    await d.manager.cancel(intent.cloid);
    t = performance.now();
    const r = await d.hl.adapter.submitOrder({ symbol: SYMBOL, side: 'buy', qty: 0.001, type: 'limit', price, tif: 'GTC', clientId: `ack-${base}-${i}` });
    const b = performance.now() - t;
    if (r.status !== 'resting') throw new Error(`submit-to-ack bench: the adapter's order is ${r.status}, expected resting`);
    await d.hl.adapter.cancelOrder(`ack-${base}-${i}`, { symbol: SYMBOL });
    if (i < 20) continue;
    oms.push(a);
    adapter.push(b);
  }
  return {
    order_submit_to_ack_ms_p50: ms3(q(oms, 0.5)),
    order_submit_to_ack_ms_p99: ms3(q(oms, 0.99)),
    adapter_submit_to_ack_ms_p50: ms3(q(adapter, 0.5)),
    adapter_submit_to_ack_ms_p99: ms3(q(adapter, 0.99)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await benchDaemonLatency({ samples: Number(process.env.BENCH_SAMPLES ?? '2000'), acks: Number(process.env.BENCH_ACKS ?? '300') })) + '\n');
}

// Daemon memory over 10 simulated hours: the local venue's market simulator, stepped fast on its manual clock, drives the daemon's pieces (bot, risk, OMS, ledger, audit, session recording); RSS sampled along the way.
import { fileURLToPath } from 'node:url';
import { startBenchDaemon } from './daemon-harness.js';

const HOUR = 3_600_000;

export interface RssOptions {
  readonly hours?: number;
  /** Simulated ms per step of the bench loop (the venue steps its market every stepMs within it). */
  readonly advanceMs?: number;
  readonly log?: (s: string) => void;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;

export async function benchDaemonRss(o: RssOptions = {}): Promise<Record<string, number>> {
  const log = o.log ?? ((s: string) => void process.stderr.write(s + '\n'));
  const hours = o.hours ?? 10;
  const advanceMs = o.advanceMs ?? 2_000;
  // sma-cross on 5 s bars: an order every few minutes of market time, each one stored, signed, sent, filled and recorded.
  const d = await startBenchDaemon({ symbols: ['BTC', 'ETH'], strategy: 'sma-cross', params: { fast: 5, slow: 20, stakePct: 5, longOnly: 0 } as never, intervalMs: 5_000, venueMarket: 'sim', venueStepMs: 500 });
  const samples: { h: number; rss: number; heap: number }[] = [];
  const wall = performance.now();
  try {
    const steps = Math.round((hours * HOUR) / advanceMs);
    const every = Math.round(HOUR / 4 / advanceMs);
    for (let i = 0; i <= steps; i++) {
      if (i % every === 0) {
        gc();
        const m = process.memoryUsage();
        const h = (i * advanceMs) / HOUR;
        samples.push({ h, rss: m.rss, heap: m.heapUsed });
        log(`bench: ${h.toFixed(2)} h simulated: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, ${d.manager.orders().length} orders in the OMS (${Math.round((performance.now() - wall) / 1000)} s wall)`);
      }
      d.venue.advance(advanceMs);
      // The frames go out over the loopback socket: let the daemon take them (and its orders go and come back).
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 0));
      if (i % 10 === 0) {
        d.flush();
        d.check();
      }
    }
  } finally {
    await d.close();
  }
  const half = samples.filter((s) => s.h >= hours / 2);
  const last = samples[samples.length - 1];
  return {
    daemon_rss_mb: mb(last.rss),
    daemon_rss_growth_second_half_mb: mb(last.rss - half[0].rss),
    daemon_heap_mb: mb(last.heap),
    daemon_heap_growth_second_half_mb: mb(last.heap - half[0].heap),
    daemon_rss_sim_hours: hours,
    daemon_rss_wall_s: Math.round((performance.now() - wall) / 1000),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await benchDaemonRss({ hours: Number(process.env.BENCH_HOURS ?? '10') })) + '\n');
}

// The /ws load benchmark's gateway process (run by ws-bench.ts): serves /ws on loopback, spawns the clients process, publishes, measures its own CPU; one JSON line on stdout.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LiveClock } from '../src/core/live-clock.js';
import { attachWsGateway } from '../src/server/ws-gateway.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const env = (k: string, d: number): number => {
  const v = Number(process.env[k] ?? d);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${k} must be a positive number, got ${process.env[k]}`);
  return v;
};
const CLIENTS = env('SEXTANT_BENCH_WS_CLIENTS', 5000);
const SECONDS = env('SEXTANT_BENCH_WS_SECONDS', 10);
const UNIVERSE = env('SEXTANT_BENCH_WS_UNIVERSE', 10);
const PER_CLIENT = Math.min(10, UNIVERSE);
const HZ = 20;
const FLUSH_MS = env('SEXTANT_BENCH_WS_FLUSH_MS', 50);
const SAMPLE_EVERY = 10;
const log = (s: string): void => void process.stderr.write(`bench ws: ${s}\n`);
const now = (): number => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.maxConnections = CLIENTS + 100;
  const gw = attachWsGateway(server, { scheduler: new LiveClock(), authenticate: () => undefined, flushIntervalMs: FLUSH_MS, maxClients: CLIENTS + 100 });
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r));
  const { port } = server.address() as AddressInfo;
  const symbols = Array.from({ length: UNIVERSE }, (_, i) => `SYM${i}`);

  const child = spawn(process.execPath, [...process.execArgv.filter((a) => a !== '--expose-gc'), join(HERE, 'ws-clients-main.ts'), '127.0.0.1', String(port), String(CLIENTS), symbols.join(','), String(PER_CLIENT), String(SAMPLE_EVERY)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done === true) throw new Error('the clients process ended early');
    return r.value;
  };
  const t0 = performance.now();
  if ((await next()) !== 'ready') throw new Error('the clients process did not get ready');
  log(`${CLIENTS} clients connected in ${Math.round(performance.now() - t0)} ms`);

  // Each symbol updates HZ times a second, the symbols spread evenly over the period (a 5 ms step for 10).
  const stepMs = 1000 / HZ / UNIVERSE;
  let k = 0;
  let seqBook = 0;
  const startAt = performance.now();
  const publisher = setInterval(() => {
    const due = Math.floor((performance.now() - startAt) / stepMs);
    for (; k < due; k++) {
      const s = symbols[k % UNIVERSE];
      seqBook++;
      gw.publish('books', s, { t: now(), bid: 100 + (seqBook % 7), ask: 100.5 + (seqBook % 5), bsz: 1.25, asz: 0.75 });
    }
  }, Math.max(1, Math.floor(stepMs)));

  await new Promise((r) => setTimeout(r, 2000)); // warm-up: subscriptions settled, JIT warm
  const before = gw.stats();
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  child.stdin.write('start\n');
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  child.stdin.write('stop\n');
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - w0) / 1000;
  const after = gw.stats();
  const res = JSON.parse(await next()) as Record<string, number>;
  clearInterval(publisher);
  const serverCpuUs = cpu.user + cpu.system;
  const mem = process.memoryUsage();
  const out = {
    ws_clients: CLIENTS,
    ws_symbols_per_client: PER_CLIENT,
    ws_subscription_sets: Math.min(UNIVERSE, CLIENTS),
    ws_flush_ms: FLUSH_MS,
    ws_deliveries_per_s: Math.round(res.messages / wall),
    ws_offered_per_s: CLIENTS * PER_CLIENT * HZ,
    ws_frames_per_s: Math.round(res.frames / wall),
    ws_cpu_us_per_delivery: Number((serverCpuUs / res.messages).toFixed(3)),
    ws_cpu_us_per_frame: Number((serverCpuUs / res.frames).toFixed(2)),
    // The kernel's share (the socket writes; on loopback they include the receiving side's TCP work).
    ws_cpu_system_share: Number((cpu.system / serverCpuUs).toFixed(2)),
    ws_server_cpu_pct: Math.round((serverCpuUs / 1e6 / wall) * 100),
    ws_client_cpu_pct: Math.round((res.cpu_ms / 1000 / wall) * 100),
    ws_p50_ms: Number(res.p50_ms.toFixed(1)),
    ws_p99_ms: Number(res.p99_ms.toFixed(1)),
    ws_latency_samples: res.samples,
    ws_coalesced: (after.coalesced.books ?? 0) - (before.coalesced.books ?? 0),
    ws_conflated: (after.conflated.books ?? 0) - (before.conflated.books ?? 0),
    ws_dropped: (after.dropped.books ?? 0) - (before.dropped.books ?? 0),
    ws_closed: Object.values(after.closed).reduce((a, b) => a + b, 0),
    ws_server_rss_mb: Math.round(mem.rss / 1048576),
  };
  log(JSON.stringify(out));
  process.stdout.write(JSON.stringify(out) + '\n');
  child.kill();
  await gw.close();
  server.closeAllConnections();
  server.close();
}

await main();

// The /ws gateway load benchmark for `npm run bench`: the gateway and its clients each in a process of their own (two cores), results as ws_* keys.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs bench/ws-gateway-main.ts (which spawns bench/ws-clients-main.ts). Client count and length:
 * SEXTANT_BENCH_WS_CLIENTS (default 5000), SEXTANT_BENCH_WS_SECONDS (10); SEXTANT_BENCH_WS_UNIVERSE
 * (10: every client watches the same 10 symbols; more gives as many distinct subscription sets).
 */
export function benchWsGateway(root: string): Record<string, number> {
  const args = [...process.execArgv.filter((a) => a !== '--expose-gc'), join(root, 'bench', 'ws-gateway-main.ts')];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', timeout: 10 * 60_000 });
  if (r.status !== 0) throw new Error(`ws bench: the gateway process ended with ${r.status ?? r.signal}`, { cause: r.error });
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, number>;
}

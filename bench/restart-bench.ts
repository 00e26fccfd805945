// Restart after a crash: `sextant start` (paper, on an in-process local venue) trades a little, is killed with SIGKILL, and is started again; spawn → /ready 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalVenue } from '../src/app/venue-root.js';
import { defaultVenueOptions, parseSymbols } from '../src/localnet/hyperliquid/venue-options.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const URL_LINE = /sextant status --url (http:\/\/\S+)/;

interface Daemon {
  readonly child: ChildProcess;
  readonly url: string;
  /** ms from spawn to /ready answering 200. */
  readonly readyMs: number;
  readonly exited: Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function startDaemonProcess(venueUrl: string, dataDir: string, log: (s: string) => void): Promise<Daemon> {
  const args = ['bin/sextant.js', 'start', '--mode', 'paper', '--venue-url', venueUrl, '--strategy', 'sma-cross', '--symbols', 'BTC,ETH', '--interval', '1s', '--port', '0', '--data-dir', dataDir];
  // Short averages and a stake within the default risk limits, so it trades within seconds.
  args.push('--param', 'fast=2', '--param', 'slow=4', '--param', 'stakePct=5', '--param', 'longOnly=false');
  // The daemon's JSON log goes to a file beside its data (kept with BENCH_KEEP=1, to see where a slow start spent its time).
  const out = openSync(join(dataDir, `daemon-${Date.now()}.log`), 'a');
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', out, 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  closeSync(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let err = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      err += s;
      const m = URL_LINE.exec(err);
      if (m) ok(m[1]);
    });
    child.once('exit', (code, signal) => fail(new Error(`restart bench: the daemon exited (${code ?? signal}) before it was up:\n${err.slice(-2000)}`)));
  });
  for (;;) {
    const r = await fetch(`${url}/ready`).catch(() => undefined);
    if (r !== undefined) {
      await r.text();
      if (r.status === 200) break;
    }
    if (performance.now() - t0 > 60_000) throw new Error('restart bench: not ready within 60 s');
    await sleep(5);
  }
  const readyMs = performance.now() - t0;
  if (err.includes('running the TypeScript sources')) log('bench: dist/ is stale, so the daemon ran from the sources (slower start): run `npm run build` first');
  log(`bench: daemon pid ${child.pid} ready in ${Math.round(readyMs)} ms at ${url}`);
  return { child, url, readyMs, exited };
}

async function countOf(url: string, what: 'orders' | 'fills'): Promise<number> {
  const r = await fetch(`${url}/api/${what}`).catch(() => undefined);
  if (r === undefined || r.status !== 200) return 0;
  const body = (await r.json()) as unknown;
  const list = Array.isArray(body) ? body : ((body as Record<string, unknown[] | undefined>)[what] ?? []);
  return list.length;
}

/** The daemon's resident memory from its own /metrics (prom-client's process metrics), MB. */
async function rssOf(url: string): Promise<number> {
  const r = await fetch(`${url}/metrics`).catch(() => undefined);
  if (r === undefined || r.status !== 200) return Number.NaN;
  const m = /^\w*process_resident_memory_bytes(?:\{[^}]*\})? (\d+)/m.exec(await r.text());
  return m === null ? Number.NaN : Math.round((Number(m[1]) / 1048576) * 10) / 10;
}

export async function benchRestart(o: { restarts?: number; tradeMs?: number; log?: (s: string) => void } = {}): Promise<Record<string, number>> {
  const log = o.log ?? ((s: string) => void process.stderr.write(s + '\n'));
  const venue = await startLocalVenue(defaultVenueOptions({ symbols: parseSymbols('BTC,ETH'), market: 'sim', seed: 3, stepMs: 100 }), { port: 0 }, () => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-restart-'));
  const times: number[] = [];
  let first = 0;
  let fills = 0;
  let rss = Number.NaN;
  try {
    let d = await startDaemonProcess(venue.url, dataDir, log);
    first = d.readyMs;
    for (let i = 0; i < (o.restarts ?? 3); i++) {
      // Let it trade a little (orders on the venue, intents and fills in its store), then kill it hard.
      const until = performance.now() + (o.tradeMs ?? 8_000);
      while (performance.now() < until) await sleep(250);
      fills = await countOf(d.url, 'fills');
      rss = await rssOf(d.url);
      log(`bench: ${await countOf(d.url, 'orders')} orders, ${fills} fills listed, rss ${rss} MB; kill -9`);
      d.child.kill('SIGKILL');
      await d.exited;
      d = await startDaemonProcess(venue.url, dataDir, log);
      times.push(d.readyMs);
    }
    d.child.kill('SIGTERM');
    await d.exited;
  } finally {
    await venue.close();
    if (process.env.BENCH_KEEP === '1') log(`bench: data and daemon logs kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    restart_to_ready_ms: Math.round(sorted[Math.floor(sorted.length / 2)]),
    restart_to_ready_ms_max: Math.round(sorted[sorted.length - 1]),
    first_start_to_ready_ms: Math.round(first),
    restart_fills_before_kill: fills,
    daemon_process_rss_mb: rss,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await benchRestart()) + '\n');
}

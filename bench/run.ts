// `npm run bench`: engine, end-to-end, indicator, latency and /ws gateway load benchmarks; last line is one JSON object.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BarSeries } from '../src/core/bars.js';
import { runBacktest, type BacktestOptions } from '../src/research/backtest-runner.js';
import { sharedDataFile } from '../src/testkit/shared-data.js';
import { readBarFile } from '../src/store/formats/read-bar-file.js';
import { smaCross } from '../src/strategy/sma-cross.js';
import { findBuiltinStrategy } from '../src/strategy/registry.js';
import { benchBook } from './book-bench.js';
import { benchCliHelp } from './cli-help-bench.js';
import { benchCandleBuilder } from './candle-bench.js';
import { benchMarketSim } from './market-sim-bench.js';
import { benchCsv } from './csv-bench.js';
import { benchEventToIntent } from './event-to-intent.js';
import { benchHlFrames } from './hl-bench.js';
import { benchIndicators } from './indicators-bench.js';
import { ensureBenchBars } from './make-bars.js';
import { benchSdkStrategy } from './sdk-bench.js';
import { benchWsGateway } from './ws-bench.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TC_CONFIG = sharedDataFile('aiquant', 'strategy.yaml');
const log = (s: string): void => void process.stderr.write(s + '\n');

/** Best (fastest) of `n` timed runs, in ms. */
function best(n: number, f: () => void): number {
  let b = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

const smaOptions = (series: BarSeries[]): BacktestOptions => ({
  strategy: smaCross,
  params: { fast: 10, slow: 30, size: 100, longOnly: true },
  series,
  cash: 1_000_000,
  fillModel: 'next-open',
  makerFeeBps: 10,
  takerFeeBps: 10,
  feePerUnit: 0,
  multiplier: 1,
  slippageBps: 0,
  // Measured separately by the ledger tests; the engine benchmark times the run itself.
  checkInvariants: false,
});

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * The recorder benchmark runs in a child process, as `sextant record` runs in its own: in this one
 * the heap the earlier benchmarks leave (the 1M-bar series, their garbage) makes V8 mark and
 * compact during the recorder's runs, on helper threads whose CPU time the benchmark counts.
 */
function inOwnProcess(script: string, ...args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, [...process.execArgv, join(ROOT, 'bench', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')}: the child process ended with ${r.status ?? r.signal}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, number>;
}

async function main(): Promise<void> {
  const file = ensureBenchBars(ROOT, log);
  const out: Record<string, unknown> = {};

  gc();
  const before = heapBytes();
  const loaded = await readBarFile(file);
  const series = loaded.series;
  const bars = series[0].length;
  log(`bench: ${bars} bars loaded`);
  let result = runBacktest(smaOptions(series));
  gc();
  out.bytes_per_bar = Math.round((heapBytes() - before) / bars);
  out.sma_cross_fills = result.fills.length;
  out.sma_cross_final_equity = result.finalEquity;

  const engineMs = best(5, () => void (result = runBacktest(smaOptions(series))));
  out.sma_cross_bars_per_s = Math.round(bars / (engineMs / 1000));
  log(`bench: sma-cross engine ${out.sma_cross_bars_per_s} bars/s`);

  let e2eMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const f = await readBarFile(file);
    runBacktest(smaOptions(f.series));
    e2eMs = Math.min(e2eMs, performance.now() - t);
  }
  out.sma_cross_e2e_bars_per_s = Math.round(bars / (e2eMs / 1000));
  log(`bench: sma-cross end to end ${out.sma_cross_e2e_bars_per_s} bars/s`);

  const tc = findBuiltinStrategy('trend-confidence');
  if (tc) {
    // The AI Quant golden config (it trades on this file; the built-in defaults barely do).
    const config = TC_CONFIG !== undefined ? (parseYaml(readFileSync(TC_CONFIG, 'utf8')) as unknown) : undefined;
    const tcOptions: BacktestOptions = {
      ...smaOptions(series),
      strategy: tc,
      params: Object.fromEntries(tc.params.map((p) => [p.name, p.default])),
      strategyOptions: { config, configSource: TC_CONFIG },
      fillModel: 'close',
      makerFeeBps: 3.5,
      takerFeeBps: 3.5,
      exitSlippageBps: 0.5,
      tick: 1e-12,
      lotSize: 1e-12,
    };
    let trades = 0;
    const ms = best(3, () => void (trades = runBacktest(tcOptions).trades.length));
    out.trend_confidence_bars_per_s = Math.round(bars / (ms / 1000));
    out.trend_confidence_trades = trades;
    log(`bench: trend-confidence ${out.trend_confidence_bars_per_s} bars/s (${trades} trades)`);
  }

  Object.assign(out, benchSdkStrategy(smaOptions(series), best));
  log(`bench: SDK strategy (indicators, a weekly timeframe, exits) ${out.sdk_strategy_bars_per_s} bars/s (${out.sdk_strategy_fills} fills)`);

  out.indicator_ns_per_update = benchIndicators(series[0]);

  const lat = benchEventToIntent(series[0], smaOptions(series));
  out.event_to_intent_us_p50 = lat.p50_us;
  out.event_to_intent_us_p99 = lat.p99_us;
  out.event_to_intent_samples = lat.samples;

  const csv = benchCsv(file);
  out.csv_rows_per_s = csv.rows_per_s;
  Object.assign(out, benchBook());
  log(`bench: order book ${out.book_level_updates_per_s} level updates/s`);
  Object.assign(out, benchCandleBuilder());
  log(`bench: candle builder ${out.candle_builder_trades_per_s} trades/s`);
  Object.assign(out, benchMarketSim());
  log(`bench: market simulator ${out.market_sim_events_per_s} events/s`);
  Object.assign(out, benchHlFrames());
  Object.assign(out, inOwnProcess('record-main.ts'));
  log(`bench: recorder ${out.record_rows_per_s} rows/s`);
  Object.assign(out, benchCliHelp(ROOT));
  log(`bench: sextant --help ${out.cli_help_ms} ms wall, ${out.cli_help_cpu_ms} ms CPU (median of child processes)`);
  Object.assign(out, benchWsGateway(ROOT));
  log(`bench: /ws gateway ${out.ws_deliveries_per_s} deliveries/s to ${out.ws_clients} clients, ${out.ws_cpu_us_per_delivery} µs server CPU each, p99 ${out.ws_p99_ms} ms`);

  // The daemon's benchmarks, each in its own process for the same reason (and the RSS one measures its process).
  Object.assign(out, inOwnProcess('daemon-main.ts', 'latency'));
  log(`bench: daemon trade frame → signed order p50 ${out.daemon_event_to_order_us_p50} µs, p99 ${out.daemon_event_to_order_us_p99} µs; submit → ack p99 ${out.order_submit_to_ack_ms_p99} ms`);
  Object.assign(out, inOwnProcess('daemon-main.ts', 'restart'));
  log(`bench: daemon restart after kill -9 → /ready ${out.restart_to_ready_ms} ms`);
  Object.assign(out, inOwnProcess('daemon-main.ts', 'rss'));
  log(`bench: daemon RSS after ${out.daemon_rss_sim_hours} simulated hours ${out.daemon_rss_mb} MB (second half ${out.daemon_rss_growth_second_half_mb} MB)`);

  process.stdout.write(JSON.stringify(out) + '\n');
}

await main();

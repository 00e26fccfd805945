// `sextant backtest`: runs a strategy over a data file or stored bars and prints metrics, JSON or an HTML report.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sliceBars, type BarSeries } from '../../core/bars.js';
import { LiveClock } from '../../core/clock.js';
import { openStore } from '../../store/open-store.js';
import { BadInputError } from '../../core/errors.js';
import type { BacktestResult } from '../../research/backtest-result.js';
import { runBacktest } from '../../research/backtest-runner.js';
import { computeMetrics, type BacktestMetrics } from '../../research/metrics.js';
import { renderReportHtml } from '../../research/report-html.js';
import { parseFillModel } from '../../sim/fill-model.js';
import { resolveParams } from '../../strategy/params.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { parseFromOption, parseToOption } from '../date-option.js';
import { loadStrategy, loadStrategyConfig } from '../load-strategy.js';
import { progressPrinter } from '../progress.js';
import { loadBacktestData } from '../load-bars.js';
import { checkOutputFile, writeFileAtomic } from '../output-file.js';
import { mergeEvents } from '../../engine/event-driver.js';
import { readTickFile } from '../../store/formats/read-tick-file.js';
import { readFundingFile, type FundingRates } from '../../store/formats/funding-file.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'strategy', kind: 'string', placeholder: 'NAME|PATH', help: 'built-in strategy name, or path to a .ts strategy file' },
  { name: 'data', kind: 'string', placeholder: 'FILE', help: 'bar file (csv, backtrader, freqtrade or aiquant; detected from content)' },
  { name: 'format', kind: 'string', placeholder: 'F', help: 'force the --data format: csv|backtrader|freqtrade|aiquant' },
  { name: 'symbols', kind: 'string', placeholder: 'A,B', help: 'stored symbols to backtest (instead of --data)' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'bar interval of stored symbols, e.g. 1m, 1h' },
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'venue of stored symbols', default: 'file' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: 'data/sextant.db' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'symbol name for a single-symbol --data file' },
  { name: 'from', kind: 'string', placeholder: 'DATE', help: 'first bar time (inclusive, UTC)' },
  { name: 'to', kind: 'string', placeholder: 'DATE', help: 'last bar time (inclusive; a date includes the whole day)' },
  { name: 'param', kind: 'list', placeholder: 'k=v', help: 'strategy parameter' },
  { name: 'strategy-config', kind: 'string', placeholder: 'FILE', help: 'strategy config YAML (e.g. an AI Quant strategy.yaml)' },
  { name: 'cash', kind: 'string', placeholder: 'N', help: 'starting cash', default: '10000' },
  { name: 'fee-bps', kind: 'string', placeholder: 'N', help: 'fee in bps of notional, maker and taker' },
  { name: 'fee-per-unit', kind: 'string', placeholder: 'N', help: 'fee per unit of quantity (per contract)', default: '0' },
  { name: 'multiplier', kind: 'string', placeholder: 'N', help: 'contract multiplier: PnL = Δprice × qty × multiplier', default: '1' },
  { name: 'slippage-bps', kind: 'string', placeholder: 'N', help: 'adverse slippage on taker fills, bps' },
  { name: 'fill-model', kind: 'string', placeholder: 'M', help: 'next-open (default) or close' },
  { name: 'leverage', kind: 'string', placeholder: 'N', help: 'default leverage for margin checks', default: '10' },
  { name: 'tick', kind: 'string', placeholder: 'N', help: 'price tick (default: the data’s decimal grid)' },
  { name: 'lot', kind: 'string', placeholder: 'N', help: 'quantity step (default 1e-8)' },
  { name: 'ticks', kind: 'list', placeholder: 'FILE', help: 'tick data to fill on (tardis trades / incremental L2 CSV, Bybit orderbook JSONL); bars then arrive at their close' },
  { name: 'funding', kind: 'list', placeholder: '[SYMBOL=]FILE', help: 'funding-rate series (freqtrade JSON, Hyperliquid fundingHistory JSON or time,rate CSV)' },
  { name: 'json', kind: 'flag', help: 'print one JSON object with metrics and fills' },
  { name: 'report', kind: 'string', placeholder: 'FILE', help: 'write a self-contained HTML report' },
  { name: 'quiet', kind: 'flag', help: 'no progress output' },
  { name: 'no-save', kind: 'flag', help: 'do not record the run in the store’s backtest_runs' },
];

const positive = (n: number): string | undefined => (n > 0 ? undefined : 'must be > 0');
const nonNegative = (n: number): string | undefined => (n >= 0 ? undefined : 'must be ≥ 0');

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'backtest a strategy on a data file or stored bars',
  usage: 'sextant backtest --strategy NAME|PATH (--data FILE | --symbols A,B --interval I) [options]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const strategySpec = args.values.get('strategy');
    if (strategySpec === undefined) throw new BadInputError('--strategy', 'is required (e.g. --strategy sma-cross)');
    const strategy = await loadStrategy(strategySpec, io.cwd);
    const params = resolveParams(strategy.name, strategy.params, args.lists.get('param') ?? []);
    const strategyOptions = loadStrategyConfig(args.values.get('strategy-config'), io.cwd);
    const defaults = strategy.simDefaultsFor?.(strategyOptions) ?? strategy.simDefaults ?? {};
    const fillModel = parseFillModel(args.values.get('fill-model') ?? defaults.fillModel ?? 'next-open');
    const from = parseFromOption(args.values.get('from'));
    const to = parseToOption(args.values.get('to'));
    if (from !== undefined && to !== undefined && to <= from) throw new BadInputError('--to', 'must be after --from');

    const settings = {
      cash: numberOption(args, 'cash', positive) as number,
      fillModel,
      feeBps: numberOption(args, 'fee-bps', nonNegative) ?? defaults.takerFeeBps ?? 0,
      feePerUnit: numberOption(args, 'fee-per-unit', nonNegative) as number,
      multiplier: numberOption(args, 'multiplier', positive) as number,
      slippageBps: numberOption(args, 'slippage-bps', nonNegative) ?? defaults.slippageBps ?? 0,
      exitSlippageBps: args.values.has('slippage-bps') ? undefined : defaults.exitSlippageBps,
      leverage: numberOption(args, 'leverage', (n) => (n >= 1 ? undefined : 'must be ≥ 1')),
      tick: numberOption(args, 'tick', positive) ?? defaults.tick,
      lotSize: numberOption(args, 'lot', positive) ?? defaults.lot,
    };

    const reportPath = args.values.get('report');
    const reportFile = reportPath === undefined ? undefined : resolve(io.cwd, reportPath);
    const dbFile = args.flags.has('no-save') ? undefined : resolve(io.cwd, args.values.get('db') ?? 'data/sextant.db');
    // Every file the run will write is checked before the work, not found unwritable after it.
    for (const f of [reportFile, dbFile]) if (f !== undefined) checkOutputFile(f);

    const data = await loadBacktestData(args, io);
    const series: BarSeries[] = data.series.map((s) => sliceBars(s, from, to));
    const events = mergeEvents((args.lists.get('ticks') ?? []).map((f) => readTickFile(resolve(io.cwd, f)).events.filter((e) => (from === undefined || e.tsEvent >= from) && (to === undefined || e.tsEvent < to))));
    const bars = series.reduce((n, s) => n + s.length, 0) + events.length;
    if (bars === 0) throw new BadInputError(data.source, `no bars${from !== undefined || to !== undefined ? ' in the --from/--to range' : ''}`);
    const funding = new Map(data.funding ?? []);
    for (const [sym, f] of loadFunding(args.lists.get('funding') ?? [], series, io.cwd)) funding.set(sym, f);
    const progress = args.flags.has('quiet') ? undefined : progressPrinter(io, 'backtest', () => performance.now());
    const result = runBacktest({ strategy, params, strategyOptions, series, events, ...settings, funding, onProgress: progress });
    const metrics = computeMetrics(result);
    if (reportFile !== undefined) {
      writeFileAtomic(reportFile, renderReportHtml(result, metrics, { title: `${strategy.name} backtest`, generatedBy: 'sextant backtest' }));
      if (args.flags.has('json')) io.err(`report: ${reportFile}\n`);
    }
    // Recorded only once its files are written: a failed report leaves no run behind.
    if (dbFile !== undefined) await saveRun(dbFile, result, metrics);
    if (args.flags.has('json')) io.out(JSON.stringify(backtestJson(result, metrics)) + '\n');
    else io.out(summaryText(result, metrics, data.source) + (reportFile !== undefined ? `report        ${reportFile}\n` : ''));
    return 0;
  },
};

/** Records the run (strategy, params, data range, metrics) in the store. */
async function saveRun(dbPath: string, result: BacktestResult, metrics: BacktestMetrics): Promise<void> {
  const store = openStore(dbPath, { clock: new LiveClock() });
  try {
    const t = result.equityTime;
    await store.runs.saveRun({
      strategy: result.strategy,
      params: result.params,
      symbols: result.symbols,
      dataFrom: t.length > 0 ? t[0] : undefined,
      dataTo: t.length > 0 ? t[t.length - 1] : undefined,
      fillModel: result.fillModel,
      metrics: { ...metrics },
    });
  } finally {
    store.close();
  }
}

/** `--funding [SYMBOL=]FILE`: without a symbol the file belongs to the run's only symbol. */
function loadFunding(specs: readonly string[], series: readonly BarSeries[], cwd: string): Map<string, FundingRates> {
  const out = new Map<string, FundingRates>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    let symbol: string;
    if (eq > 0) symbol = spec.slice(0, eq);
    else if (series.length === 1) symbol = series[0].symbol;
    else throw new BadInputError(`--funding ${spec}`, `this run has several symbols (${series.map((s) => s.symbol).join(', ')}): write SYMBOL=FILE`);
    if (!series.some((s) => s.symbol === symbol)) throw new BadInputError(`--funding ${spec}`, `symbol ${symbol} is not in this run`);
    if (out.has(symbol)) throw new BadInputError(`--funding ${spec}`, `funding for ${symbol} given twice`);
    out.set(symbol, readFundingFile(resolve(cwd, eq > 0 ? spec.slice(eq + 1) : spec)));
  }
  return out;
}

/** The `--json` object: the metrics, then every fill. Times are ISO-8601 UTC. */
export function backtestJson(result: BacktestResult, metrics: BacktestMetrics): Record<string, unknown> {
  return {
    strategy: result.strategy,
    params: result.params,
    symbols: result.symbols,
    fill_model: result.fillModel,
    bars: result.barCount,
    ...metrics,
    fills: result.fills.map((f) => ({ time: new Date(f.time).toISOString(), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee: f.fee, reason: f.reason })),
  };
}

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`;
}

function num(x: number | null, d = 2): string {
  return x === null ? 'n/a' : x.toFixed(d);
}

export function summaryText(r: BacktestResult, m: BacktestMetrics, source: string): string {
  const first = r.equityTime.length > 0 ? new Date(r.equityTime[0]).toISOString() : '-';
  const last = r.equityTime.length > 0 ? new Date(r.equityTime[r.equityTime.length - 1]).toISOString() : '-';
  const rows: [string, string][] = [
    ['strategy', `${r.strategy} ${JSON.stringify(r.params)}`],
    ['data', `${source}: ${r.symbols.join(', ')}, ${r.barCount} bars, ${first} … ${last}`],
    ['fill model', r.fillModel],
    ['final equity', r.finalEquity],
    ['final cash', r.finalCash],
    ['total return', pct(m.total_return)],
    ['CAGR', pct(m.cagr)],
    ['max drawdown', pct(m.max_drawdown)],
    ['sharpe', num(m.sharpe)],
    ['sortino', num(m.sortino)],
    ['calmar', num(m.calmar)],
    ['profit factor', num(m.profit_factor)],
    ['win rate', pct(m.win_rate)],
    ['trades', String(m.trades)],
    ['open position', m.open_position.length === 0 ? 'flat' : m.open_position.map((p) => `${p.symbol} ${p.qty} @ ${p.avg_price}`).join('; ')],
    ['exposure', pct(m.exposure)],
    ['fees', r.totalFees],
    ['funding', r.totalFunding],
  ];
  return rows.map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n') + '\n';
}

// `sextant backtest`: parses the options into a backtest request, runs it through the app root, and prints metrics, JSON or an HTML report.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { executeBacktest, prepareBacktest, saveBacktestRun, type BacktestRequest } from '../../app/backtest-root.js';
import type { FeeSpec } from '../../app/backtest-spec.js';
import { specReportSettings } from '../../app/run-settings.js';
import { inputWarnings, outcomeWarnings } from '../../app/backtest-warnings.js';
import { BadInputError } from '../../core/errors.js';
import type { BacktestResult } from '../../research/backtest-result.js';
import type { BacktestMetrics } from '../../research/metrics.js';
import { renderReportHtml } from '../../research/report-html.js';
import { FEE_PRESETS } from '../../sim/fee-presets.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { parseFromOption, parseToOption } from '../date-option.js';
import { progressPrinter } from '../progress.js';
import { dataRequest } from '../load-bars.js';
import { checkOutputFile, writeFileAtomic } from '../output-file.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'strategy', kind: 'string', placeholder: 'NAME|PATH', help: 'built-in strategy name, or path to a .ts strategy file' },
  { name: 'data', kind: 'string', placeholder: 'FILE', help: 'bar file (csv, backtrader, freqtrade or aiquant; detected from content)' },
  { name: 'format', kind: 'string', placeholder: 'F', help: 'force the --data format: csv|backtrader|freqtrade|aiquant' },
  { name: 'symbols', kind: 'string', placeholder: 'A,B', help: 'stored symbols to backtest (instead of --data)' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'bar interval of stored symbols, e.g. 1m, 1h' },
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'venue of stored symbols', default: 'file' },
  { name: 'recording', kind: 'string', placeholder: 'ID', help: 'a recording made by sextant record: its trades and l2Book frames as tick events, as they arrived; bars from its candles' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: 'data/sextant.db' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'symbol name for a single-symbol --data file' },
  { name: 'from', kind: 'string', placeholder: 'DATE', help: 'first bar time (inclusive, UTC)' },
  { name: 'to', kind: 'string', placeholder: 'DATE', help: 'last bar time (inclusive; a date includes the whole day)' },
  { name: 'param', kind: 'list', placeholder: 'k=v', help: 'strategy parameter' },
  { name: 'no-typecheck', kind: 'flag', help: 'load a TypeScript strategy without type-checking it first' },
  { name: 'strategy-config', kind: 'string', placeholder: 'FILE', help: 'strategy config YAML (e.g. an AI Quant strategy.yaml)' },
  { name: 'cash', kind: 'string', placeholder: 'N', help: 'starting cash', default: '10000' },
  { name: 'fees', kind: 'string', placeholder: 'VENUE', help: `venue base-tier maker/taker fees: ${FEE_PRESETS.map((p) => p.name).join('|')} (default: the data's venue; none for a generic file)` },
  { name: 'fee-bps', kind: 'string', placeholder: 'N', help: 'fee in bps of notional, maker and taker' },
  { name: 'maker-bps', kind: 'string', placeholder: 'N', help: 'maker fee in bps of notional (overrides --fees and --fee-bps)' },
  { name: 'taker-bps', kind: 'string', placeholder: 'N', help: 'taker fee in bps of notional (overrides --fees and --fee-bps)' },
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
  { name: 'no-save', kind: 'flag', help: 'do not record the run in the store’s backtest_runs (see sextant runs)' },
];

const positive = (n: number): string | undefined => (n > 0 ? undefined : 'must be > 0');
const nonNegative = (n: number): string | undefined => (n >= 0 ? undefined : 'must be ≥ 0');

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'backtest a strategy on a data file, stored bars or a recording',
  usage: 'sextant backtest --strategy NAME|PATH (--data FILE | --symbols A,B --interval I | --recording ID | --ticks FILE) [options]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const strategy = args.values.get('strategy');
    if (strategy === undefined) throw new BadInputError('--strategy', 'is required (e.g. --strategy sma-cross)');
    const configPath = args.values.get('strategy-config');
    const request: BacktestRequest = {
      cwd: io.cwd,
      strategy,
      params: args.lists.get('param') ?? [],
      typecheck: !args.flags.has('no-typecheck'),
      strategyConfig: configPath === undefined ? undefined : { path: configPath },
      data: dataRequest(args),
      ticks: args.lists.get('ticks') ?? [],
      funding: args.lists.get('funding') ?? [],
      from: parseFromOption(args.values.get('from')),
      to: parseToOption(args.values.get('to')),
      cash: numberOption(args, 'cash', positive) as number,
      fees: {
        preset: args.values.get('fees'),
        bps: numberOption(args, 'fee-bps', nonNegative),
        makerBps: numberOption(args, 'maker-bps', nonNegative),
        takerBps: numberOption(args, 'taker-bps', nonNegative),
        perUnit: numberOption(args, 'fee-per-unit', nonNegative) as number,
      },
      slippageBps: numberOption(args, 'slippage-bps', nonNegative),
      fillModel: args.values.get('fill-model'),
      leverage: numberOption(args, 'leverage', (n) => (n >= 1 ? undefined : 'must be ≥ 1')),
      tick: numberOption(args, 'tick', positive),
      lot: numberOption(args, 'lot', positive),
      multiplier: numberOption(args, 'multiplier', positive) as number,
    };
    const reportPath = args.values.get('report');
    const reportFile = reportPath === undefined ? undefined : resolve(io.cwd, reportPath);
    const dbFile = args.flags.has('no-save') ? undefined : resolve(io.cwd, args.values.get('db') ?? 'data/sextant.db');
    // Every file the run will write is checked before the work, not found unwritable after it.
    for (const f of [reportFile, dbFile]) if (f !== undefined) checkOutputFile(f);
    const prepared = await prepareBacktest(request);
    for (const w of inputWarnings(request, prepared)) io.err(`warning: ${w}\n`);
    const progress = args.flags.has('quiet') ? undefined : progressPrinter(io, 'backtest', () => performance.now());
    const outcome = executeBacktest(prepared, progress);
    const { result, metrics } = outcome;
    for (const w of outcomeWarnings(result, metrics)) io.err(`warning: ${w}\n`);
    if (reportFile !== undefined) {
      const settings = specReportSettings(outcome.spec, outcome.source, result.symbols);
      writeFileAtomic(reportFile, renderReportHtml(result, metrics, { title: `${prepared.strategy.name} backtest`, generatedBy: 'sextant backtest', settings }));
      if (args.flags.has('json')) io.err(`report: ${reportFile}\n`);
    }
    // Saved only once its files are written: a failed report leaves no run behind.
    if (dbFile !== undefined) {
      const id = await saveBacktestRun(dbFile, outcome);
      io.err(`run ${id} saved (sextant runs show ${id})\n`);
    }
    if (args.flags.has('json')) io.out(JSON.stringify(backtestJson(result, metrics, outcome.spec.fees)) + '\n');
    else io.out(summaryText(result, metrics, outcome.source, outcome.spec.fees) + (reportFile !== undefined ? `report        ${reportFile}\n` : ''));
    return 0;
  },
};

/** The `--json` object: the metrics, then every fill. Times are ISO-8601 UTC. */
export function backtestJson(result: BacktestResult, metrics: BacktestMetrics, fees: FeeSpec): Record<string, unknown> {
  return {
    strategy: result.strategy,
    params: result.params,
    symbols: result.symbols,
    fill_model: result.fillModel,
    bars: result.barCount,
    fee_schedule: { maker_bps: fees.makerBps, taker_bps: fees.takerBps, per_unit: fees.perUnit, preset: fees.preset, basis: fees.basis },
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

/** The summary table; `fees` adds the schedule the run used and why (omitted where the caller states its own). */
export function summaryText(r: BacktestResult, m: BacktestMetrics, source: string, fees?: FeeSpec): string {
  const first = r.equityTime.length > 0 ? new Date(r.equityTime[0]).toISOString() : '-';
  const last = r.equityTime.length > 0 ? new Date(r.equityTime[r.equityTime.length - 1]).toISOString() : '-';
  const rows: [string, string][] = [
    ['strategy', `${r.strategy} ${JSON.stringify(r.params)}`],
    ['data', `${source}: ${r.symbols.join(', ')}, ${r.barCount} bars, ${first} … ${last}`],
    ['fill model', r.fillModel],
    ...(fees !== undefined ? [['fee schedule', fees.basis] as [string, string]] : []),
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
    ['rejected', rejectedText(m)],
    ['open position', m.open_position.length === 0 ? 'flat' : m.open_position.map((p) => `${p.symbol} ${p.qty} @ ${p.avg_price}`).join('; ')],
    ['exposure', pct(m.exposure)],
    ['fees', r.totalFees],
    ['funding', r.totalFunding],
  ];
  return rows.map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n') + '\n';
}

/** `0`, or `12 (insufficient margin 10, price not on the grid 2)`. */
function rejectedText(m: BacktestMetrics): string {
  const counts = Object.entries(m.rejected_orders);
  if (counts.length === 0) return '0';
  return `${counts.reduce((n, [, c]) => n + c, 0)} (${counts.map(([k, c]) => `${k} ${c}`).join(', ')})`;
}

// `sextant runs list|show|compare|rm|rerun`: the stored backtest runs, side by side, and reruns that prove identity from the stored spec.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rerunBacktest, type RerunReport } from '../../app/backtest-rerun.js';
import { specReportSettings } from '../../app/run-settings.js';
import { type Clock, isoShort } from '../../core/clock.js';
import { LiveClock } from '../../core/live-clock.js';
import { BadInputError } from '../../core/errors.js';
import { renderReportHtml } from '../../research/report-html.js';
import { withStore } from '../../store/open-store.js';
import type { BacktestRunRecord } from '../../store/ports.js';
import { idArgument, numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { existingStore } from '../existing-store.js';
import { progressPrinter } from '../progress.js';
import { textTable } from '../text-table.js';
import { backtestJson } from './backtest-command.js';
import { DEFAULT_DB } from './import-command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: DEFAULT_DB },
  { name: 'strategy', kind: 'string', placeholder: 'S', help: 'list: only this strategy’s runs' },
  { name: 'limit', kind: 'string', placeholder: 'N', help: 'list: at most N runs (newest first)' },
  { name: 'json', kind: 'flag', help: 'list, show: JSON; rerun: the rerun’s backtest JSON (as `backtest --json` printed it)' },
  { name: 'report', kind: 'string', placeholder: 'FILE', help: 'rerun: write the rerun’s HTML report' },
  { name: 'force', kind: 'flag', help: 'rerun: run even though inputs changed, and report the difference' },
  { name: 'quiet', kind: 'flag', help: 'rerun: no progress output' },
];

const SUBCOMMANDS = ['list', 'show', 'compare', 'rm', 'rerun'] as const;

/** The runs command with an injected clock (used only if opening the store migrates it). */
export function makeRunsCommand(clock: Clock): Command {
  return {
    name: 'runs',
    summary: 'stored backtest runs: list, show, compare, rm, rerun (repeat one and check its outputs byte for byte)',
    usage: 'sextant runs list [--strategy S] [--limit N] [--json] | show ID [--json] | compare ID ID... | rm ID... | rerun ID [--report FILE] [--json] [--force]',
    options: OPTIONS,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const [sub, ...rest] = args.positionals;
      if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new BadInputError('runs', `expected a subcommand (${SUBCOMMANDS.join(', ')}), got ${JSON.stringify(sub ?? '')}`);
      const { arg: dbArg, path: db } = existingStore(args, io.cwd, 'a backtest saves its run there');
      const ids = rest.map((r) => idArgument(r, 'run'));
      if (sub === 'list') {
        if (ids.length > 0) throw new BadInputError('runs list', `takes no run ids, got ${rest.join(' ')}`);
        const limit = numberOption(args, 'limit', (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'expected a whole number ≥ 1'));
        const runs = await withStore(db, { clock }, (s) => s.runs.listRuns({ strategy: args.values.get('strategy'), limit }));
        io.out(args.flags.has('json') ? JSON.stringify(runs.map(runJson)) + '\n' : listText(runs, dbArg));
        return 0;
      }
      if (sub === 'rerun') {
        if (ids.length !== 1) throw new BadInputError('runs rerun', 'expected one run id');
        return rerun(ids[0], db, args, io, clock);
      }
      if (ids.length === 0) throw new BadInputError(`runs ${sub}`, 'expected run ids (see sextant runs list)');
      if (sub === 'show' && ids.length !== 1) throw new BadInputError('runs show', 'expected one run id');
      if (sub === 'compare' && ids.length < 2) throw new BadInputError('runs compare', 'expected two or more run ids');
      return withStore(db, { clock }, async (store) => {
        const runs: BacktestRunRecord[] = [];
        const missing: number[] = [];
        for (const id of ids) {
          const r = await store.runs.getRun(id);
          if (r === undefined) missing.push(id);
          else runs.push(r);
        }
        if (missing.length > 0) throw new BadInputError(`runs ${sub}`, `no run ${missing.join(', ')} in ${dbArg} (see sextant runs list)`);
        if (sub === 'show') io.out(args.flags.has('json') ? JSON.stringify(runJson(runs[0])) + '\n' : showText(runs[0]));
        else if (sub === 'compare') io.out(compareText(runs));
        else {
          const gone = await store.runs.deleteRuns(ids);
          io.out(`deleted run${gone.length > 1 ? 's' : ''} ${gone.join(', ')}\n`);
        }
        return 0;
      });
    },
  };
}

export const runsCommand: Command = makeRunsCommand(new LiveClock());

function runJson(r: BacktestRunRecord): Record<string, unknown> {
  return {
    id: r.id,
    created_at: isoShort(r.createdAt),
    strategy: r.strategy,
    params: r.params,
    symbols: r.symbols,
    data_from: r.dataFrom === undefined ? null : isoShort(r.dataFrom),
    data_to: r.dataTo === undefined ? null : isoShort(r.dataTo),
    fill_model: r.fillModel,
    metrics: r.metrics,
    spec: r.spec ?? null,
    digest: r.digest ?? null,
  };
}

/** Metrics that are fractions, printed as percentages as the backtest summary prints them. */
const PERCENT_METRICS = new Set(['total_return', 'cagr', 'max_drawdown', 'win_rate', 'exposure']);

const metric = (r: BacktestRunRecord, k: string): string => {
  const v = r.metrics[k];
  return PERCENT_METRICS.has(k) && typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : cell(v);
};

function cell(v: unknown): string {
  if (v === undefined) return '-';
  if (v === null) return 'n/a';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function digestOf(r: BacktestRunRecord): string {
  const d = r.digest as { sha256?: unknown } | undefined;
  return typeof d?.sha256 === 'string' ? d.sha256.slice(0, 12) : '-';
}

function listText(runs: readonly BacktestRunRecord[], db: string): string {
  if (runs.length === 0) return `no runs in ${db}\n`;
  const rows = [
    ['id', 'created', 'strategy', 'symbols', 'data from', 'data to', 'final equity', 'return', 'sharpe', 'trades', 'digest'],
    ...runs.map((r) => [
      String(r.id),
      isoShort(r.createdAt),
      r.strategy,
      r.symbols.join(','),
      r.dataFrom === undefined ? '-' : isoShort(r.dataFrom),
      r.dataTo === undefined ? '-' : isoShort(r.dataTo),
      metric(r, 'final_equity'),
      metric(r, 'total_return'),
      metric(r, 'sharpe'),
      metric(r, 'trades'),
      digestOf(r),
    ]),
  ];
  return textTable(rows, new Set([0, 6, 7, 8, 9]));
}

/** Spec fields holding ms UTC, shown as ISO-8601. */
const TIME_KEYS: ReadonlySet<string> = new Set(['from', 'to', 'inputs.first', 'inputs.last']);

/** A spec as `path = value` leaves (the config's content by its hash only), for show and compare. */
function settings(r: BacktestRunRecord): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) if (!(path === 'strategyConfig' && k === 'content')) walk(x, path === '' ? k : `${path}.${k}`);
    } else out.set(path, TIME_KEYS.has(path) && typeof v === 'number' ? isoShort(v) : cell(v));
  };
  if (r.spec !== undefined) walk(r.spec, '');
  else walk({ strategy: r.strategy, params: r.params, symbols: r.symbols, fillModel: r.fillModel, spec: 'none (saved before run specs)' }, '');
  return out;
}

function showText(r: BacktestRunRecord): string {
  const lines = [`run ${r.id}, ${isoShort(r.createdAt)}: ${r.strategy} on ${r.symbols.join(', ')}`, '', 'spec'];
  lines.push(textTable([...settings(r)].map(([k, v]) => ['  ' + k, v])).trimEnd(), '', 'metrics');
  lines.push(textTable(Object.entries(r.metrics).map(([k, v]) => ['  ' + k, cell(v)])).trimEnd(), '');
  const d = r.digest;
  if (typeof d !== 'object' || d === null) lines.push(d === undefined ? 'digest   none (saved before output digests)' : `digest   ${cell(d)} (not an output digest)`);
  else {
    const o = d as Record<string, unknown>;
    lines.push(`digest   ${cell(o.sha256)} (fills ${cell(o.fills)}, equity ${cell(o.equity)}, ledger ${cell(o.ledger)}; ${cell(o.fillCount)} fills, ${cell(o.steps)} steps)`);
  }
  return lines.join('\n') + '\n';
}

function compareText(runs: readonly BacktestRunRecord[]): string {
  const head = ['', ...runs.map((r) => `run ${r.id}`)];
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  const out = ['metrics', textTable([head, ...keys.map((k) => ['  ' + k, ...runs.map((r) => metric(r, k))])]).trimEnd(), '', 'settings that differ'];
  const all = runs.map(settings);
  const paths = [...new Set(all.flatMap((m) => [...m.keys()]))];
  const differ = paths.filter((p) => new Set(all.map((m) => m.get(p) ?? '-')).size > 1);
  out.push(differ.length === 0 ? '  none: the same spec' : textTable([head, ...differ.map((p) => ['  ' + p, ...all.map((m) => m.get(p) ?? '-')])]).trimEnd());
  return out.join('\n') + '\n';
}

async function rerun(id: number, db: string, args: ParsedArgs, io: CommandIO, clock: Clock): Promise<number> {
  const progress = args.flags.has('quiet') ? undefined : progressPrinter(io, 'rerun', () => performance.now());
  const rep = await rerunBacktest(db, id, { force: args.flags.has('force'), cwd: io.cwd, clock, onProgress: progress });
  // The verdict goes to stderr with --json, so stdout is the rerun's JSON exactly as the run printed it.
  const say = (t: string): void => (args.flags.has('json') ? io.err(t) : io.out(t));
  say(verdictText(rep, args.flags.has('force')));
  const o = rep.outcome;
  if (o !== undefined) {
    const reportPath = args.values.get('report');
    if (reportPath !== undefined) {
      const file = resolve(io.cwd, reportPath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, renderReportHtml(o.result, o.metrics, { title: `${o.result.strategy} backtest (rerun of run ${id})`, generatedBy: 'sextant runs rerun', settings: specReportSettings(o.spec, o.source, o.result.symbols) }));
      say(`report        ${file}\n`);
    }
    if (args.flags.has('json')) io.out(JSON.stringify(backtestJson(o.result, o.metrics, o.spec.fees)) + '\n');
  }
  return rep.identical ? 0 : 1;
}

function verdictText(rep: RerunReport, force: boolean): string {
  const lines: string[] = [];
  for (const n of rep.notes) lines.push(`note: ${n}`);
  if (rep.changes.length > 0) {
    lines.push(`run ${rep.run.id}: inputs changed since the run:`);
    for (const c of rep.changes) lines.push(`  ${c.what}: sha256 ${c.was}… → ${c.now === 'missing' ? 'missing' : c.now + '…'}`);
    if (!force) {
      lines.push('not rerun (--force runs it anyway and reports the difference)');
      return lines.join('\n') + '\n';
    }
  }
  const o = rep.outcome;
  if (o === undefined) return lines.join('\n') + '\n';
  if (rep.identical) {
    lines.push(`run ${rep.run.id}: identical: output digest ${o.digest.sha256} (${o.digest.fillCount} fills, ${o.digest.steps} equity steps, final ledger figures)`);
  } else {
    const parts = { fills: 'fills', equity: 'equity curve', ledger: 'final ledger figures' } as const;
    lines.push(`run ${rep.run.id}: different: output digest ${o.digest.sha256.slice(0, 12)}… (stored ${rep.stored.sha256.slice(0, 12)}…); differs in ${rep.differences.map((d) => parts[d as keyof typeof parts]).join(', ') || 'the digest layout'}`);
    const now = o.metrics as unknown as Record<string, unknown>;
    const rows = Object.keys(rep.run.metrics)
      .filter((k) => cell(rep.run.metrics[k]) !== cell(now[k]))
      .map((k) => ['  ' + k, cell(rep.run.metrics[k]), '→', cell(now[k])]);
    if (rows.length > 0) lines.push(textTable([['  metric', 'stored', '', 'rerun'], ...rows]).trimEnd());
  }
  return lines.join('\n') + '\n';
}

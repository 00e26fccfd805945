// `sextant demo` (what `npm start` runs until the daemon exists): a seeded synthetic market, a backtest, its report.
import { resolve } from 'node:path';
import { createRng } from '../../core/rng.js';
import { DEFAULT_LEVERAGE, runBacktest } from '../../research/backtest-runner.js';
import { computeMetrics } from '../../research/metrics.js';
import { renderReportHtml } from '../../research/report-html.js';
import { reportSettings } from '../../research/report-settings.js';
import { syntheticBars } from '../../sim/synthetic-market.js';
import { resolveParams } from '../../strategy/params.js';
import { smaCross } from '../../strategy/sma-cross.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { checkOutputFile, writeFileAtomic } from '../output-file.js';
import { summaryText } from './backtest-command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'seed', kind: 'string', placeholder: 'N', help: 'seed of the synthetic market', default: '42' },
  { name: 'bars', kind: 'string', placeholder: 'N', help: 'number of hourly bars', default: '4380' },
  { name: 'out', kind: 'string', placeholder: 'DIR', help: 'folder for the report', default: 'reports' },
];

export const demoCommand: Command = {
  name: 'demo',
  summary: 'backtest sma-cross on a seeded synthetic market and write its HTML report',
  usage: 'sextant demo [--seed N] [--bars N] [--out DIR]',
  options: OPTIONS,
  run(args: ParsedArgs, io: CommandIO): number {
    const seed = numberOption(args, 'seed', (n) => (Number.isInteger(n) && n >= 0 ? undefined : 'must be an integer ≥ 0')) as number;
    const bars = numberOption(args, 'bars', (n) => (Number.isInteger(n) && n >= 50 ? undefined : 'must be an integer ≥ 50')) as number;
    const file = resolve(io.cwd, args.values.get('out') as string, `demo-seed-${seed}.html`);
    checkOutputFile(file);
    const series = syntheticBars(
      { symbol: 'SYNTH-PERP', bars, start: Date.UTC(2024, 0, 1), intervalMs: 3_600_000, startPrice: 30_000, tick: 0.1, volatility: 0.6 },
      createRng(seed),
    );
    io.err(`SIMULATED DATA: ${bars} hourly bars of SYNTH-PERP from seed ${seed}\n`);
    const params = resolveParams(smaCross.name, smaCross.params, ['fast=20', 'slow=60', 'stakePct=50', 'longOnly=false']);
    const result = runBacktest({
      strategy: smaCross,
      params,
      series: [series],
      cash: 10_000,
      fillModel: 'next-open',
      makerFeeBps: 4.5,
      takerFeeBps: 4.5,
      feePerUnit: 0,
      multiplier: 1,
      slippageBps: 1,
      lotSize: 0.0001,
    });
    const metrics = computeMetrics(result);
    const settings = reportSettings({ strategy: smaCross.name, params, data: `SIMULATED: ${bars} hourly bars of SYNTH-PERP, seed ${seed}`, cash: 10_000, fillModel: 'next-open', feeBps: 4.5, slippageBps: 1, lot: 0.0001, tick: 0.1, leverage: DEFAULT_LEVERAGE });
    writeFileAtomic(file, renderReportHtml(result, metrics, { title: `Sextant demo: sma-cross on a synthetic market (seed ${seed})`, generatedBy: 'sextant demo', settings }));
    io.out(summaryText(result, metrics, `synthetic seed ${seed}`));
    io.out(`report        ${file}\n`);
    return 0;
  },
};

// `sextant indicators`: computes indicators over a bar file and prints them as CSV, one row per bar.
import { resolve } from 'node:path';
import type { BarSeries } from '../../core/bars.js';
import { BadInputError } from '../../core/errors.js';
import { computeBatch, createIndicator, INDICATOR_SPECS, type BatchLine } from '../../indicators/index.js';
import { readBarFile } from '../../store/formats/read-bar-file.js';
import { requireOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { parseFormatOption } from '../load-bars.js';
import { quoteJson } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'data', kind: 'string', placeholder: 'FILE', help: 'bar file (csv, backtrader, freqtrade or aiquant; detected from content)' },
  { name: 'ind', kind: 'list', placeholder: 'LABEL=NAME[:k=v,...]', help: `indicator column(s), e.g. fast=sma:period=10 (names: ${INDICATOR_SPECS.map((s) => s.name).join(' ')})` },
  { name: 'format', kind: 'string', placeholder: 'F', help: 'force the --data format: csv|backtrader|freqtrade|aiquant' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'symbol to use when the file holds several (aiquant)' },
];

export interface IndicatorColumnSpec {
  readonly label: string;
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
}

const LABEL = /^[A-Za-z0-9_-]+$/;

/** Parses one `--ind LABEL=NAME[:key=value,...]` (the label defaults to the name). */
export function parseIndicatorSpec(spec: string): IndicatorColumnSpec {
  const where = `--ind ${spec}`;
  const colon = spec.indexOf(':');
  const head = colon < 0 ? spec : spec.slice(0, colon);
  const tail = colon < 0 ? '' : spec.slice(colon + 1);
  const eq = head.indexOf('=');
  const label = eq < 0 ? head : head.slice(0, eq);
  const name = eq < 0 ? head : head.slice(eq + 1);
  if (!LABEL.test(label)) throw new BadInputError(where, `label must be letters, digits, _ or -, got ${quoteJson(label)} (expected LABEL=NAME[:key=value,...])`);
  if (name === '') throw new BadInputError(where, 'missing indicator name (expected LABEL=NAME[:key=value,...])');
  const params: Record<string, string> = {};
  if (tail.trim() !== '') {
    for (const part of tail.split(',')) {
      const i = part.indexOf('=');
      const key = i < 0 ? '' : part.slice(0, i).trim();
      const value = i < 0 ? '' : part.slice(i + 1).trim();
      if (key === '' || value === '') throw new BadInputError(where, `expected key=value, got ${quoteJson(part)}`);
      if (Object.hasOwn(params, key)) throw new BadInputError(where, `parameter ${quoteJson(key)} given twice`);
      params[key] = value;
    }
  }
  return { label, name, params };
}

/** `YYYY-MM-DD` when every bar opens at midnight UTC, else `YYYY-MM-DD HH:MM:SS`. */
export function dateFormatter(time: Float64Array): (t: number) => string {
  const daily = time.every((t) => t % 86_400_000 === 0);
  return daily ? (t) => new Date(t).toISOString().slice(0, 10) : (t) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

function pickSeries(series: BarSeries[], symbol: string | undefined, file: string): BarSeries {
  const chosen = symbol === undefined || series.length === 1 ? series : series.filter((s) => s.symbol === symbol);
  if (chosen.length === 0) throw new BadInputError('--symbol', `${quoteJson(symbol)} is not in ${file} (symbols: ${series.map((s) => s.symbol).join(', ')})`);
  if (chosen.length > 1) throw new BadInputError('--symbol', `${file} holds ${chosen.length} symbols (${chosen.map((s) => s.symbol).join(', ')}); choose one with --symbol`);
  return chosen[0];
}

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: 'compute indicators over a bar file and print CSV',
  usage: 'sextant indicators --data FILE --ind LABEL=NAME[:key=value,...] [--ind ...] [--format F] [--symbol S]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const data = requireOption(args, 'data');
    const specs = (args.lists.get('ind') ?? []).map(parseIndicatorSpec);
    if (specs.length === 0) throw new BadInputError('--ind', 'give at least one, e.g. --ind fast=sma:period=10');
    const labels = new Set<string>();
    for (const s of specs) {
      if (labels.has(s.label)) throw new BadInputError(`--ind ${s.label}`, 'label used twice');
      labels.add(s.label);
    }
    // Build every indicator before reading the file so a bad spec fails fast.
    const raw = args.lists.get('ind') ?? [];
    const indicators = specs.map((s, i) => createIndicator(s.name, s.params, `--ind ${raw[i]}`));

    const file = resolve(io.cwd, data);
    const symbol = args.values.get('symbol');
    const read = await readBarFile(file, { format: parseFormatOption(args.values.get('format')), symbol });
    if (read.series.length === 0) throw new BadInputError(file, 'holds no bars');
    const bars = pickSeries(read.series, symbol, file);

    const header = ['date'];
    const columns: BatchLine[] = [];
    indicators.forEach((ind, i) => {
      const lines = computeBatch(ind, bars);
      for (const line of lines) {
        header.push(line.name === '' ? specs[i].label : `${specs[i].label}.${line.name}`);
        columns.push(line);
      }
    });
    io.out(header.join(',') + '\n');
    const fmt = dateFormatter(bars.time);
    const rows: string[] = [];
    for (let r = 0; r < bars.length; r++) {
      let row = fmt(bars.time[r]);
      for (const c of columns) row += r >= c.first && r < c.end ? ',' + String(c.values[r]) : ',';
      rows.push(row);
      if (rows.length === 10_000) {
        io.out(rows.join('\n') + '\n');
        rows.length = 0;
        // A slow reader holds the loop here instead of the rows piling up in memory; a closed pipe ends it.
        await io.drain();
      }
    }
    if (rows.length > 0) io.out(rows.join('\n') + '\n');
    return 0;
  },
};

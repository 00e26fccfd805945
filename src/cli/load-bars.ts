// Loads the bars a command runs on: a data file (`--data`, format detected) or stored series (`--symbols`, `--interval`).
import { resolve } from 'node:path';
import { LiveClock } from '../core/clock.js';
import { formatInterval, parseInterval, type BarSeries } from '../core/bars.js';
import type { FundingRates } from '../store/formats/funding-file.js';
import { BadInputError } from '../core/errors.js';
import { BAR_FILE_FORMATS, readBarFile, type BarFileFormat } from '../store/formats/read-bar-file.js';
import { listValue, type ParsedArgs } from './args.js';
import type { CommandIO } from './command.js';
import { openExistingStore } from './existing-store.js';
import { quoteJson } from '../core/quote-input.js';

export interface LoadedBars {
  readonly series: BarSeries[];
  /** Human description of where the bars came from (file path or store). */
  readonly source: string;
  /** Funding series stored beside the bars, by symbol (stored bars only). */
  readonly funding?: ReadonlyMap<string, FundingRates>;
}

export function parseFormatOption(text: string | undefined): BarFileFormat | undefined {
  if (text === undefined) return undefined;
  if ((BAR_FILE_FORMATS as readonly string[]).includes(text)) return text as BarFileFormat;
  throw new BadInputError('--format', `expected one of ${BAR_FILE_FORMATS.join(', ')}, got ${quoteJson(text)}`);
}

export async function loadBacktestData(args: ParsedArgs, io: CommandIO): Promise<LoadedBars> {
  const dataPath = args.values.get('data');
  const symbols = args.values.get('symbols');
  if (dataPath !== undefined && symbols !== undefined) throw new BadInputError('--symbols', 'give either --data FILE or --symbols with --interval, not both');
  if (dataPath !== undefined) {
    const file = resolve(io.cwd, dataPath);
    const read = await readBarFile(file, { format: parseFormatOption(args.values.get('format')), symbol: args.values.get('symbol'), interval: args.values.get('interval') });
    return { series: read.series, source: file };
  }
  if (symbols !== undefined) return loadStoredBars(args, io, symbols);
  if ((args.lists.get('ticks') ?? []).length > 0) return { series: [], source: 'tick files' };
  throw new BadInputError('--data', 'give --data FILE, or --symbols A,B with --interval I for stored bars, or --ticks FILE');
}

/** `--symbols A,B --interval I [--venue V] [--db PATH] [--from] [--to]`: bars and funding from the store. */
async function loadStoredBars(args: ParsedArgs, io: CommandIO, symbolsArg: string): Promise<LoadedBars> {
  const intervalText = args.values.get('interval');
  if (intervalText === undefined) throw new BadInputError('--interval', 'is required with --symbols (e.g. --interval 1h)');
  const intervalMs = parseInterval(intervalText, '--interval');
  const symbols = listValue(symbolsArg);
  if (symbols.length === 0) throw new BadInputError('--symbols', 'expected a comma-separated list of symbols');
  const venue = args.values.get('venue') ?? 'file';
  const dbPath = resolve(io.cwd, args.values.get('db') ?? 'data/sextant.db');
  const store = openExistingStore(dbPath, io.cwd, new LiveClock());
  try {
    const series: BarSeries[] = [];
    const funding = new Map<string, FundingRates>();
    for (const symbol of symbols) {
      const s = await store.candles.loadBars(venue, symbol, intervalMs);
      if (s.length === 0) {
        const stored = (await store.candles.listSeries()).map((x) => `${x.venue}/${x.symbol}/${formatInterval(x.intervalMs)}`);
        throw new BadInputError(`--symbols ${symbol}`, `no ${formatInterval(intervalMs)} bars of ${symbol} (venue ${venue}) in ${dbPath}; stored: ${stored.join(', ') || 'nothing yet (see sextant import)'}`);
      }
      series.push(s);
      const points = await store.funding.loadFunding(venue, symbol);
      if (points.length > 0) funding.set(symbol, { time: Float64Array.from(points, (p) => p.time), rate: Float64Array.from(points, (p) => p.rate) });
    }
    return { series, source: `${dbPath} (${venue}, ${formatInterval(intervalMs)})`, funding };
  } finally {
    store.close();
  }
}

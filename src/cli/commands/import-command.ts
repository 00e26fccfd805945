// `sextant import`: reads a bar file (csv, backtrader, freqtrade, aiquant) and stores its series, all or nothing.
import { resolve } from 'node:path';
import { formatInterval } from '../../core/bars.js';
import type { BarSeries } from '../../core/bars.js';
import { isoShort, type Clock } from '../../core/clock.js';
import { LiveClock } from '../../core/live-clock.js';
import { BadInputError } from '../../core/errors.js';
import { readBarFile } from '../../store/formats/read-bar-file.js';
import { openStore } from '../../store/open-store.js';
import type { ImportRecord } from '../../store/ports.js';
import { requireOption } from '../args.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { parseFormatOption } from '../load-bars.js';
import { checkOutputFile } from '../output-file.js';
import { progressPrinter } from '../progress.js';
import { textTable } from '../text-table.js';

export const DEFAULT_DB = 'data/sextant.db';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'file', kind: 'string', placeholder: 'FILE', help: 'the bar file to import' },
  { name: 'format', kind: 'string', placeholder: 'F', help: 'csv|backtrader|freqtrade|aiquant (default: detected from the content)' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'symbol of a single-series file (default: from the file name); for aiquant, import only this symbol' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'bar interval such as 1m, 1h, 1d (default: from the file name or the data)' },
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'venue the bars are stored under', default: 'file' },
  { name: 'skip-bad', kind: 'flag', help: 'skip bad rows (and count them) instead of stopping at the first' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store (relative to the working directory)', default: DEFAULT_DB },
];

/** The interval a series is stored under, or a BadInputError asking for --interval. */
function intervalOf(s: BarSeries): number {
  if (s.intervalMs !== undefined) return s.intervalMs;
  throw new BadInputError('--interval', `${s.symbol}: ${s.length} bar(s) are too few to infer the interval; give --interval (e.g. 1h)`);
}

/** One line per imported series: symbol, interval, rows, time range and what the store did. */
export function importSummary(file: string, format: string, sha256: string, records: readonly ImportRecord[], series: readonly BarSeries[], skipped: number, db: string): string {
  const rows = records.map((r, i) => {
    const s = series[i];
    return [r.venue, r.symbol, formatInterval(r.intervalMs), `${r.rows} bars`, `${isoShort(s.time[0])} … ${isoShort(s.time[s.length - 1])}`, `new ${r.counts.inserted}, changed ${r.counts.updated}, unchanged ${r.counts.unchanged}`];
  });
  const table = textTable(rows).replace(/^(?=.)/gm, '  ');
  return `imported ${file} (${format}, sha256 ${sha256.slice(0, 12)}…) into ${db}\n${table}${skipped > 0 ? `skipped ${skipped} bad row${skipped === 1 ? '' : 's'}\n` : ''}`;
}

/** The import command with an injected clock (stamps imported_at, paces progress lines). */
export function makeImportCommand(clock: Clock): Command {
  return {
    name: 'import',
    summary: 'import a bar file (csv, backtrader, freqtrade, aiquant) into the store',
    usage: 'sextant import --file FILE [--format F] [--symbol S] [--interval I] [--venue V] [--skip-bad] [--db PATH]',
    options: OPTIONS,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const fileArg = requireOption(args, 'file');
      const file = resolve(io.cwd, fileArg);
      const dbArg = args.values.get('db') ?? DEFAULT_DB;
      const venue = args.values.get('venue') ?? 'file';
      if (venue.trim() === '') throw new BadInputError('--venue', 'must not be empty');
      const dbFile = resolve(io.cwd, dbArg);
      checkOutputFile(dbFile);
      // Parse everything before touching the store: a bad file leaves the database as it was.
      const read = await readBarFile(file, {
        format: parseFormatOption(args.values.get('format')),
        symbol: args.values.get('symbol'),
        interval: args.values.get('interval'),
        skipBad: args.flags.has('skip-bad'),
        onProgress: progressPrinter(io, `reading ${fileArg}`, () => clock.now()),
      });
      const empty = read.series.filter((s) => s.length === 0);
      if (empty.length > 0) {
        throw new BadInputError(fileArg, `no bars to import for ${empty.map((s) => s.symbol).join(', ')}${read.skipped > 0 ? ` (${read.skipped} bad rows skipped)` : ''}`);
      }
      const items = read.series.map((series) => ({ series, intervalMs: intervalOf(series) }));
      const total = items.reduce((n, x) => n + x.series.length, 0);
      if (total >= 200_000) io.err(`storing ${total.toLocaleString('en-US')} bars in ${dbArg} …\n`);
      const store = openStore(dbFile, { clock });
      try {
        const records = await store.imports.importBars({ fileSha256: read.fileSha256, fileName: fileArg, format: read.format, venue, skipped: read.skipped, series: items });
        io.out(importSummary(fileArg, read.format, read.fileSha256, records, read.series, read.skipped, dbArg));
      } finally {
        await store.close();
      }
      return 0;
    },
  };
}

export const importCommand: Command = makeImportCommand(new LiveClock());

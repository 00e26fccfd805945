// `sextant data list|check`: the stored bar series with their gaps and forming bars, and the data checks of one series or all.
import { formatInterval, parseInterval } from '../../core/bars.js';
import { type Clock, isoShort } from '../../core/clock.js';
import { LiveClock } from '../../core/live-clock.js';
import { BadInputError, InvariantError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import type { SeriesCheck, Store } from '../../store/ports.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { existingStore } from '../existing-store.js';
import { textTable } from '../text-table.js';
import { checkJson, checkText, problemCount } from './data-check.js';
import { DEFAULT_DB } from './import-command.js';
import { quoteJson } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store (relative to the working directory)', default: DEFAULT_DB },
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'check: only series of this venue' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'check: only series of this symbol' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'check: only series of this interval (e.g. 1m)' },
  { name: 'limit', kind: 'string', placeholder: 'N', help: 'check: items listed per kind of problem', default: '10' },
  { name: 'json', kind: 'flag', help: 'check: one JSON object on stdout' },
];

/** The data command with an injected clock (only used if opening the store migrates it). */
export function makeDataCommand(clock: Clock): Command {
  return {
    name: 'data',
    summary: 'list the stored bar series, or check them (gaps, forming bars, duplicates, bad values, alignment)',
    usage: 'sextant data list [--db PATH] | sextant data check [--venue V] [--symbol S] [--interval I] [--json] [--db PATH]',
    options: OPTIONS,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const [sub, ...extra] = args.positionals;
      if ((sub !== 'list' && sub !== 'check') || extra.length > 0) throw new BadInputError('data', `expected the subcommand list or check, got ${quoteJson(args.positionals.join(' '))}`);
      if (sub === 'list') for (const o of ['venue', 'symbol', 'interval', 'json']) if (args.values.has(o) || args.flags.has(o)) throw new BadInputError(`--${o}`, 'is an option of data check, not of data list');
      const { arg: dbArg, path } = existingStore(args, io.cwd, 'import data first: sextant import --file FILE');
      const filter = sub === 'check' ? seriesFilter(args) : undefined;
      const limit = numberOption(args, 'limit', (n) => (Number.isInteger(n) && n >= 0 ? undefined : 'expected a whole number ≥ 0')) as number;
      const store = openStore(path, { clock });
      try {
        const checks = await checkAll(store, filter, filter === undefined ? 0 : limit);
        if (filter === undefined) {
          io.out(checks.length === 0 ? `no bar series in ${dbArg}\n` : listTable(checks));
          return 0;
        }
        if (checks.length === 0) {
          const what = [...Object.entries(filter)].filter(([, v]) => v !== undefined).map(([k, v]) => `--${k} ${k === 'interval' ? formatInterval(v as number) : String(v)}`);
          throw new BadInputError(what.length > 0 ? what.join(' ') : '--db', `no stored bar series matches in ${dbArg}`);
        }
        io.out(args.flags.has('json') ? checkJson(checks) : checkText(checks));
        return checks.some((c) => problemCount(c) > 0) ? 1 : 0;
      } finally {
        await store.close();
      }
    },
  };
}

interface SeriesFilter {
  readonly venue: string | undefined;
  readonly symbol: string | undefined;
  readonly interval: number | undefined;
}

function seriesFilter(args: ParsedArgs): SeriesFilter {
  const iv = args.values.get('interval');
  return { venue: args.values.get('venue'), symbol: args.values.get('symbol'), interval: iv === undefined ? undefined : parseInterval(iv, '--interval') };
}

async function checkAll(store: Store, f: SeriesFilter | undefined, limit: number): Promise<SeriesCheck[]> {
  const out: SeriesCheck[] = [];
  for (const s of await store.candles.listSeries()) {
    if (f !== undefined && ((f.venue !== undefined && s.venue !== f.venue) || (f.symbol !== undefined && s.symbol !== f.symbol) || (f.interval !== undefined && s.intervalMs !== f.interval))) continue;
    const c = await store.candles.checkSeries(s.venue, s.symbol, s.intervalMs, limit);
    if (c === undefined) throw new InvariantError(`data: the listed series ${s.venue} ${s.symbol} ${s.intervalMs} has no check`);
    out.push(c);
  }
  return out;
}

/** `data list`: one row per series with its gaps (runs of missing bars, and how many) and forming bars. */
function listTable(checks: readonly SeriesCheck[]): string {
  const rows = [
    ['venue', 'symbol', 'interval', 'bars', 'from', 'to', 'gaps', 'missing', 'forming'],
    ...checks.map((c) => {
      const s = c.series;
      return [s.venue, s.symbol, formatInterval(s.intervalMs), String(s.bars), isoShort(s.from), isoShort(s.to), String(c.gaps.count), String(c.missingBars), String(c.notFinal.count)];
    }),
  ];
  return textTable(rows, new Set([3, 6, 7, 8]));
}

export const dataCommand: Command = makeDataCommand(new LiveClock());

// `sextant data list`: the bar series in the store (venue, symbol, interval, bars, first and last bar).
import { formatInterval } from '../../core/bars.js';
import { LiveClock, isoShort } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { openExistingStore } from '../existing-store.js';
import { DEFAULT_DB } from './import-command.js';
import { quoteJson } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [{ name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store (relative to the working directory)', default: DEFAULT_DB }];

/** The data command with an injected clock (only used if opening the store migrates it). */
export function makeDataCommand(clock: Clock): Command {
  return {
    name: 'data',
    summary: 'list the stored bar series (sextant data list)',
    usage: 'sextant data list [--db PATH]',
    options: OPTIONS,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const [sub, ...extra] = args.positionals;
      if (sub !== 'list' || extra.length > 0) throw new BadInputError('data', `expected the subcommand list, got ${quoteJson(args.positionals.join(' '))}`);
      const dbArg = args.values.get('db') ?? DEFAULT_DB;
      const store = openExistingStore(dbArg, io.cwd, clock);
      try {
        const list = await store.candles.listSeries();
        if (list.length === 0) {
          io.out(`no bar series in ${dbArg}\n`);
          return 0;
        }
        const rows = [['venue', 'symbol', 'interval', 'bars', 'from', 'to'], ...list.map((s) => [s.venue, s.symbol, formatInterval(s.intervalMs), String(s.bars), isoShort(s.from), isoShort(s.to)])];
        const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
        io.out(rows.map((r) => r.map((c, k) => (k === 3 ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join('  ').trimEnd()).join('\n') + '\n');
      } finally {
        await store.close();
      }
      return 0;
    },
  };
}

export const dataCommand: Command = makeDataCommand(new LiveClock());

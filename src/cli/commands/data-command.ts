// `sextant data list`: the bar series in the store (venue, symbol, interval, bars, first and last bar).
import { formatInterval } from '../../core/bars.js';
import { LiveClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { existingStore } from '../existing-store.js';
import { textTable } from '../text-table.js';
import { DEFAULT_DB, isoShort } from './import-command.js';

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
      if (sub !== 'list' || extra.length > 0) throw new BadInputError('data', `expected the subcommand list, got ${JSON.stringify(args.positionals.join(' '))}`);
      const { arg: dbArg, path } = existingStore(args, io.cwd, 'import data first: sextant import --file FILE');
      const store = openStore(path, { clock });
      try {
        const list = await store.candles.listSeries();
        if (list.length === 0) {
          io.out(`no bar series in ${dbArg}\n`);
          return 0;
        }
        const rows = [['venue', 'symbol', 'interval', 'bars', 'from', 'to'], ...list.map((s) => [s.venue, s.symbol, formatInterval(s.intervalMs), String(s.bars), isoShort(s.from), isoShort(s.to)])];
        io.out(textTable(rows, new Set([3])));
      } finally {
        await store.close();
      }
      return 0;
    },
  };
}

export const dataCommand: Command = makeDataCommand(new LiveClock());

// `sextant simulate`: deterministic simulated perp markets, written to the store as a recording or shown live, one line per symbol per second.
import { resolve } from 'node:path';
import { LiveClock } from '../../core/live-clock.js';
import { parseInterval } from '../../core/bars.js';
import { BadInputError } from '../../core/errors.js';
import { DEFAULT_STORED_START, runSimulate } from '../../app/simulate-root.js';
import { simSymbols } from '../../sim/market-sim/sim-instruments.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { parseFromOption } from '../date-option.js';
import { checkOutputFile } from '../output-file.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'symbols', kind: 'string', placeholder: 'LIST', help: 'coins, NAME[:szDecimals[:startPrice]] comma-separated', default: 'BTC,ETH,SOL' },
  { name: 'seed', kind: 'string', placeholder: 'N', help: 'seed: the same seed, symbols and start give the same market', default: '1' },
  { name: 'speed', kind: 'string', placeholder: 'X', help: 'simulated seconds per second, live-paced (default 1 without --db; as fast as possible with --db and --duration)' },
  { name: 'start', kind: 'string', placeholder: 'ISO', help: 'simulated start time, UTC (default: now live, 2026-01-01T00:00Z when stored)' },
  { name: 'duration', kind: 'string', placeholder: 'D', help: 'simulated time to run, e.g. 90s, 30m, 1h, 2d (default: until Ctrl-C)' },
  { name: 'db', kind: 'string', placeholder: 'FILE', help: 'SQLite store to write a recording (and 1m candles, funding) into' },
  { name: 'out-db', kind: 'string', placeholder: 'FILE', help: 'the same as --db' },
];

/** Exit status after Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate perp markets (regimes, volatility clusters, jumps, books, trades, funding, open interest, liquidations) into the store or live',
  usage: 'sextant simulate --symbols BTC,ETH,SOL --seed N [--speed X] [--start ISO] [--duration 1h] [--db FILE]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const symbols = simSymbols(args.values.get('symbols') as string);
    const seed = numberOption(args, 'seed', (n) => (Number.isSafeInteger(n) && n >= 0 ? undefined : 'expected a whole number ≥ 0')) as number;
    const speed = numberOption(args, 'speed', (n) => (n > 0 ? undefined : 'expected a positive number'));
    const durationText = args.values.get('duration');
    const durationMs = durationText === undefined ? undefined : parseInterval(durationText, '--duration');
    if (args.values.has('db') && args.values.has('out-db')) throw new BadInputError('--out-db', 'give --db or --out-db, not both');
    const dbText = args.values.get('db') ?? args.values.get('out-db');
    const db = dbText === undefined ? undefined : resolve(io.cwd, dbText);
    if (db !== undefined) checkOutputFile(db);
    const clock = new LiveClock();
    // Fast only when it can be: stored, bounded and no pace asked for.
    const paced = speed ?? (db !== undefined && durationMs !== undefined ? undefined : 1);
    const start = parseFromOption(args.values.get('start'), '--start') ?? (paced === undefined ? DEFAULT_STORED_START : Math.floor(clock.now() / 1000) * 1000);
    const abort = new AbortController();
    const onSigint = (): void => abort.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    try {
      const r = await runSimulate(
        { symbols, seed, start, durationMs, speed: paced, db },
        {
          clock,
          scheduler: new LiveClock({ keepAlive: true }),
          signal: AbortSignal.any([abort.signal, io.closed]),
          out: (text) => io.out(text),
          progress: (line) => io.err(line + '\n'),
        },
      );
      if (!r.interrupted) return 0;
      // The reader went away: the closed pipe's own exit, silently (not the Ctrl-C note).
      if (io.closed.aborted) throw io.closed.reason;
      io.err(`sextant simulate: interrupted after ${r.events} events${r.stored !== undefined ? '; what was simulated is stored' : ''}\n`);
      return INTERRUPTED;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

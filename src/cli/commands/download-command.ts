// `sextant download`: Hyperliquid candles and funding history into the store, resumable and idempotent, with progress.
import { FIXED_CANDLE_INTERVALS } from '../../core/bars.js';
import { resolve } from 'node:path';
import { downloadHistory } from '../../app/download-root.js';
import { DEFAULT_RETRIES } from '../../ingest/hyperliquid/retrying-read.js';
import { BadInputError } from '../../core/errors.js';
import type { HyperliquidNetwork } from '../../venues/hyperliquid/transport/index.js';
import { choiceOption, listValue, numberOption, requireOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { checkOutputFile } from '../output-file.js';
import { parseFromOption, parseToOption } from '../date-option.js';
import { quoteJson } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'venue to download from', default: 'hyperliquid' },
  { name: 'symbols', kind: 'string', placeholder: 'A,B', help: 'coins, e.g. BTC,ETH' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: `candle interval: ${FIXED_CANDLE_INTERVALS.join(' ')}`, default: '1h' },
  { name: 'from', kind: 'string', placeholder: 'DATE', help: 'first bar (inclusive, UTC)' },
  { name: 'to', kind: 'string', placeholder: 'DATE', help: 'last bar (inclusive; a date includes the whole day; default now)' },
  { name: 'network', kind: 'string', placeholder: 'N', help: 'mainnet or testnet', default: 'mainnet' },
  { name: 'url', kind: 'string', placeholder: 'URL', help: 'REST base URL instead of the network’s (e.g. a local venue)' },
  { name: 'retries', kind: 'string', placeholder: 'N', help: 'retries of a failed request (backoff 1 s doubling to 60 s, jittered)', default: String(DEFAULT_RETRIES) },
  { name: 'no-funding', kind: 'flag', help: 'candles only' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: 'data/sextant.db' },
];

/** Exit status after Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export const downloadCommand: Command = {
  name: 'download',
  summary: 'download candles and funding history from Hyperliquid into the store',
  usage: 'sextant download --venue hyperliquid --symbols BTC,ETH --interval 1m --from DATE [--to DATE] [options]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const venue = args.values.get('venue') as string;
    if (venue !== 'hyperliquid') throw new BadInputError('--venue', `only hyperliquid can be downloaded from for now, got ${quoteJson(venue)}`);
    const dbFile = resolve(io.cwd, args.values.get('db') as string);
    checkOutputFile(dbFile);
    const symbols = listValue(requireOption(args, 'symbols'));
    const from = parseFromOption(requireOption(args, 'from')) as number;
    const to = parseToOption(args.values.get('to'));
    const network = choiceOption<HyperliquidNetwork>(args, 'network', ['mainnet', 'testnet']);
    const retries = numberOption(args, 'retries', (n) => (Number.isInteger(n) && n >= 0 ? undefined : 'expected a whole number ≥ 0')) as number;
    const httpUrl = args.values.get('url');
    const abort = new AbortController();
    const onSigint = (): void => abort.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    try {
      const summaries = await downloadHistory(
        { dbFile, symbols, interval: args.values.get('interval') as string, from, ...(to !== undefined ? { to } : {}), network, ...(httpUrl !== undefined ? { httpUrl } : {}), retries, funding: !args.flags.has('no-funding') },
        // A closed stdout or stderr (`| head`) stops the download as Ctrl-C does.
        { progress: (line) => io.err(line), signal: AbortSignal.any([abort.signal, io.closed]) },
      );
      for (const s of summaries) {
        const extra = [s.barsForming > 0 ? `${s.barsForming} forming` : '', s.barsEmpty > 0 ? `${s.barsEmpty} empty` : '', s.barsUnavailable > 0 ? `${s.barsUnavailable} not available` : ''].filter((x) => x !== '');
        io.out(`${s.symbol}: ${s.barsFetched} bars fetched, ${s.barsNew} new${extra.length > 0 ? ` (${extra.join(', ')})` : ''}; ${s.fundingFetched} funding rates\n`);
      }
      return 0;
    } catch (e) {
      // A named boundary: Ctrl-C ends the download; every page stored before it stays.
      if (!abort.signal.aborted) throw e;
      io.err('sextant download: interrupted; the pages stored so far stay, run the same command again to resume\n');
      return INTERRUPTED;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

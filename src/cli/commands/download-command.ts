// `sextant download`: Hyperliquid candles and funding history into the store, resumable and idempotent, with progress.
import { resolve } from 'node:path';
import { downloadHyperliquidHistory } from '../../app/hyperliquid-download.js';
import { LiveClock } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import { resolveEndpoints, type HyperliquidNetwork } from '../../venues/hyperliquid/transport/endpoints.js';
import { HttpTransport } from '../../venues/hyperliquid/transport/http-transport.js';
import { LiveScheduler } from '../../venues/hyperliquid/transport/scheduler.js';
import { choiceOption, listValue, requireOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { keptAlive } from '../keep-alive.js';
import { checkOutputFile } from '../output-file.js';
import { parseFromOption, parseToOption } from '../date-option.js';
import { quoteJson } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'venue to download from', default: 'hyperliquid' },
  { name: 'symbols', kind: 'string', placeholder: 'A,B', help: 'coins, e.g. BTC,ETH' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'candle interval: 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w', default: '1h' },
  { name: 'from', kind: 'string', placeholder: 'DATE', help: 'first bar (inclusive, UTC)' },
  { name: 'to', kind: 'string', placeholder: 'DATE', help: 'last bar (inclusive; a date includes the whole day; default now)' },
  { name: 'network', kind: 'string', placeholder: 'N', help: 'mainnet or testnet', default: 'mainnet' },
  { name: 'url', kind: 'string', placeholder: 'URL', help: 'REST base URL instead of the network’s (e.g. a local venue)' },
  { name: 'no-funding', kind: 'flag', help: 'candles only' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: 'data/sextant.db' },
];

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
    const clock = new LiveClock();
    const to = parseToOption(args.values.get('to')) ?? clock.now();
    const network = choiceOption<HyperliquidNetwork>(args, 'network', ['mainnet', 'testnet']);
    const endpoints = resolveEndpoints({ network, httpUrl: args.values.get('url') }, 'download');
    const scheduler = new LiveScheduler();
    const store = openStore(dbFile, { clock });
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const summaries = await keptAlive(() =>
        downloadHyperliquidHistory(
          { symbols, interval: args.values.get('interval') as string, from, to, funding: !args.flags.has('no-funding') },
          // A closed stdout or stderr (`| head`) stops the download as Ctrl-C does.
          { http: new HttpTransport({ httpUrl: endpoints.httpUrl, scheduler }), store, scheduler, progress: (line) => io.err(line), signal: AbortSignal.any([abort.signal, io.closed]) },
        ),
      );
      for (const s of summaries) io.out(`${s.symbol}: ${s.barsFetched} bars fetched, ${s.barsNew} new; ${s.fundingFetched} funding rates\n`);
      return 0;
    } catch (e) {
      // Ctrl-C is the user's decision, not a failure to explain with a stack: 128 + SIGINT, as shells report it.
      if (!abort.signal.aborted) throw e;
      io.err('sextant download: interrupted: what was stored so far stays; run again to resume\n');
      return 130;
    } finally {
      process.removeListener('SIGINT', onSigint);
      store.close();
    }
  },
};

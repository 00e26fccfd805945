// `sextant record`: Hyperliquid books, trades, candles and asset contexts into the store, raw and parsed, with a live count line.
import { resolve } from 'node:path';
import { recordMarketData } from '../../app/record-root.js';
import { DEFAULT_RECORD_CHANNELS, RECORD_CHANNELS } from '../../ingest/hyperliquid/record-session.js';
import { BadInputError } from '../../core/errors.js';
import type { HyperliquidNetwork } from '../../venues/hyperliquid/transport/index.js';
import { choiceOption, listValue, numberOption, requireOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { checkOutputFile } from '../output-file.js';
import { quoteJson } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'venue', kind: 'string', placeholder: 'V', help: 'venue to record', default: 'hyperliquid' },
  { name: 'symbols', kind: 'string', placeholder: 'A,B', help: 'coins, e.g. BTC,ETH' },
  { name: 'channels', kind: 'string', placeholder: 'C,D', help: `some of ${RECORD_CHANNELS.join(',')}`, default: DEFAULT_RECORD_CHANNELS.join(',') },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'candle interval', default: '1m' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: 'data/sextant.db' },
  { name: 'network', kind: 'string', placeholder: 'N', help: 'mainnet or testnet', default: 'mainnet' },
  { name: 'ws-url', kind: 'string', placeholder: 'URL', help: 'WebSocket URL instead of the network’s (e.g. a local venue)' },
  { name: 'url', kind: 'string', placeholder: 'URL', help: 'REST base URL for gap repairs instead of the network’s' },
  { name: 'no-repair', kind: 'flag', help: 'do not fetch missed trades and books over REST after a reconnect' },
  { name: 'frames', kind: 'string', placeholder: 'N', help: 'stop after N frames (default: until Ctrl-C)' },
  { name: 'batch-rows', kind: 'string', placeholder: 'N', help: 'rows per write transaction', default: '5000' },
  { name: 'batch-ms', kind: 'string', placeholder: 'MS', help: 'longest a row waits before it is written', default: '250' },
];

const positiveInt = (n: number): string | undefined => (Number.isInteger(n) && n >= 1 ? undefined : 'expected a whole number ≥ 1');

export const recordCommand: Command = {
  name: 'record',
  summary: 'record Hyperliquid market data (raw frames and parsed rows) into the store until Ctrl-C',
  usage: 'sextant record --venue hyperliquid --symbols BTC[,ETH] [--channels l2Book,trades,candle,activeAssetCtx] [--interval 1m] [options]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const venue = args.values.get('venue') as string;
    if (venue !== 'hyperliquid') throw new BadInputError('--venue', `only hyperliquid can be recorded for now, got ${quoteJson(venue)}`);
    const dbFile = resolve(io.cwd, args.values.get('db') as string);
    checkOutputFile(dbFile);
    const symbols = listValue(requireOption(args, 'symbols'));
    const channels = listValue(args.values.get('channels') as string);
    const network = choiceOption<HyperliquidNetwork>(args, 'network', ['mainnet', 'testnet']);
    const wsUrl = args.values.get('ws-url');
    const httpUrl = args.values.get('url');
    const maxFrames = numberOption(args, 'frames', positiveInt);
    const batch = { maxRows: numberOption(args, 'batch-rows', positiveInt), maxLatencyMs: numberOption(args, 'batch-ms', (n) => (n > 0 ? undefined : 'expected a positive number of ms')) };
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const { recording, stats } = await recordMarketData(
        {
          dbFile,
          venue,
          symbols,
          channels,
          interval: args.values.get('interval') as string,
          network,
          ...(wsUrl !== undefined ? { wsUrl } : {}),
          ...(httpUrl !== undefined ? { httpUrl } : {}),
          repair: !args.flags.has('no-repair'),
          maxFrames,
          batch,
        },
        { signal: AbortSignal.any([abort.signal, io.closed]), progress: (line) => io.err(line + '\n'), log: (line) => io.err(line + '\n') },
      );
      const w = stats.written;
      io.out(`recording ${recording}: ${w.frames} frames, ${w.rows} rows stored${w.duplicates > 0 ? ` (${w.duplicates} trades already stored)` : ''}${stats.errors > 0 ? `; ${stats.errors} bad frames recorded raw` : ''}\n`);
      return 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

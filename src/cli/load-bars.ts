// The data options of a command: `--format`, and `--data FILE` | `--symbols A,B --interval I` | `--recording ID` | `--ticks FILE` as a backtest data request.
import type { DataRequest } from '../app/backtest-root.js';
import { BadInputError } from '../core/errors.js';
import { BAR_FILE_FORMATS, type BarFileFormat } from '../store/formats/read-bar-file.js';
import { listValue, numberOption, type ParsedArgs } from './args.js';
import { quoteJson } from '../core/quote-input.js';
import { DEFAULT_DB } from './commands/import-command.js';

export function parseFormatOption(text: string | undefined): BarFileFormat | undefined {
  if (text === undefined) return undefined;
  if ((BAR_FILE_FORMATS as readonly string[]).includes(text)) return text as BarFileFormat;
  throw new BadInputError('--format', `expected one of ${BAR_FILE_FORMATS.join(', ')}, got ${quoteJson(text)}`);
}

/** Which data a backtest runs on; exactly one of --data, --symbols, --recording (or tick files alone). */
export function dataRequest(args: ParsedArgs): DataRequest {
  const dataPath = args.values.get('data');
  const symbols = args.values.get('symbols');
  const recording = args.values.get('recording');
  const given = [dataPath !== undefined && '--data', symbols !== undefined && '--symbols', recording !== undefined && '--recording'].filter((x) => x !== false);
  if (given.length > 1) throw new BadInputError(given[1] as string, `give one of --data FILE, --symbols A,B with --interval I, or --recording ID, not ${given.join(' and ')}`);
  const db = args.values.get('db') ?? DEFAULT_DB;
  if (dataPath !== undefined) return { kind: 'file', path: dataPath, format: parseFormatOption(args.values.get('format')), symbol: args.values.get('symbol'), interval: args.values.get('interval') };
  if (symbols !== undefined) {
    const interval = args.values.get('interval');
    if (interval === undefined) throw new BadInputError('--interval', 'is required with --symbols (e.g. --interval 1h)');
    return { kind: 'store', db, venue: args.values.get('venue') ?? 'file', symbols: listValue(symbols), interval };
  }
  if (recording !== undefined) {
    const id = numberOption(args, 'recording', (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'expected a recording id (a whole number ≥ 1; see sextant recordings list)')) as number;
    return { kind: 'recording', db, recording: id };
  }
  if ((args.lists.get('ticks') ?? []).length > 0) return { kind: 'ticks-only' };
  throw new BadInputError('--data', 'give --data FILE, or --symbols A,B with --interval I for stored bars, or --recording ID, or --ticks FILE');
}

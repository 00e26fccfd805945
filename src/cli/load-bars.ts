// Loads the bars a command runs on: a data file (`--data`, format detected) or stored series (`--symbols`, `--interval`).
import { resolve } from 'node:path';
import type { BarSeries } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { BAR_FILE_FORMATS, readBarFile, type BarFileFormat } from '../store/formats/read-bar-file.js';
import type { ParsedArgs } from './args.js';
import type { CommandIO } from './command.js';

export interface LoadedBars {
  readonly series: BarSeries[];
  /** Human description of where the bars came from (file path or store). */
  readonly source: string;
}

export function parseFormatOption(text: string | undefined): BarFileFormat | undefined {
  if (text === undefined) return undefined;
  if ((BAR_FILE_FORMATS as readonly string[]).includes(text)) return text as BarFileFormat;
  throw new BadInputError('--format', `expected one of ${BAR_FILE_FORMATS.join(', ')}, got ${JSON.stringify(text)}`);
}

export async function loadBacktestData(args: ParsedArgs, io: CommandIO): Promise<LoadedBars> {
  const dataPath = args.values.get('data');
  if (dataPath !== undefined && args.values.has('symbols')) throw new BadInputError('--symbols', 'give either --data FILE or --symbols with --interval, not both');
  if (dataPath !== undefined) {
    const file = resolve(io.cwd, dataPath);
    const read = await readBarFile(file, { format: parseFormatOption(args.values.get('format')), symbol: args.values.get('symbol'), interval: args.values.get('interval') });
    return { series: read.series, source: file };
  }
  throw new BadInputError('--data', 'give --data FILE, or --symbols A,B with --interval I for stored bars');
}

// Parses bar file contents already in memory, in a given or detected format.
import { detectBarFormat } from './detect-format.js';
import { parseBacktraderBars, parseCsvBars } from './csv-bars.js';
import { parseFreqtradeBars } from './freqtrade-bars.js';
import { parseAiquantBars } from './aiquant-bars.js';
import type { BarFileFormat, BarParseOptions, ParsedBars } from './bar-parse-options.js';

/** Bytes of the head handed to format detection (a header line is far shorter). */
const HEAD_BYTES = 64 * 1024;

/** Parses `data` (named `name` in errors) as `format`, or as the format its content shows. */
export function parseBarData(data: Uint8Array, name: string, opts: BarParseOptions & { format?: BarFileFormat } = {}): ParsedBars & { format: BarFileFormat } {
  const format = opts.format ?? detectBarFormat(Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, HEAD_BYTES)).toString('utf8'), name);
  switch (format) {
    case 'csv':
      return { format, ...parseCsvBars(data, name, opts) };
    case 'backtrader':
      return { format, ...parseBacktraderBars(data, name, opts) };
    case 'freqtrade':
      return { format, ...parseFreqtradeBars(data, name, opts) };
    case 'aiquant':
      return { format, ...parseAiquantBars(data, name, opts) };
  }
}

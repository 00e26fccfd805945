// Tells the bar file format from the first bytes of a file: JSON array, JSON object, backtrader or generic CSV header.
import { BadInputError } from '../../core/errors.js';
import { BAR_FILE_FORMATS } from './bar-parse-options.js';
import type { BarFileFormat } from './bar-parse-options.js';
import { csvLayout, isBacktraderHeader, readCsvHeader } from './csv-header.js';

/**
 * `[` → freqtrade, `{` → aiquant, a backtrader header → backtrader, a header with a time column
 * and open/high/low/close → csv. Anything else throws, naming the file and the known formats.
 */
export function detectBarFormat(head: string, path: string): BarFileFormat {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const first = text.trimStart()[0];
  if (first === '[') return 'freqtrade';
  if (first === '{') return 'aiquant';
  const header = readCsvHeader(Buffer.from(text, 'utf8'));
  if (header !== undefined) {
    if (isBacktraderHeader(header.fields)) return 'backtrader';
    try {
      csvLayout(header, path);
      return 'csv';
    } catch (e) {
      if (!(e instanceof BadInputError)) throw e;
      throw new BadInputError(path, `unknown bar file format: ${e.message.slice(e.where.length + 2)}; known formats: ${BAR_FILE_FORMATS.join(', ')} (see --format)`, { cause: e });
    }
  }
  throw new BadInputError(path, `unknown bar file format (empty file); known formats: ${BAR_FILE_FORMATS.join(', ')}`);
}

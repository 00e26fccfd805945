// CSV header analysis: which column holds time, open, high, low, close and volume, for csv and backtrader files.
import { BadInputError } from '../../core/errors.js';
import { quoteInput } from '../../core/quote-input.js';

/** Column positions of one CSV file (0-based); -1 = absent. */
export interface CsvLayout {
  /** Fields in every data row. */
  readonly columns: number;
  /** Column of the date or date-time. */
  readonly time: number;
  /** Column of a separate time of day (`HH:MM:SS`), or -1. */
  readonly timeOfDay: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Column names for messages, by index. */
  readonly names: readonly string[];
  /** Field separator byte (`,` unless the header uses `;` or tab only). */
  readonly delimiter: number;
  /** Byte offset where data rows start, and the 1-based line number of that row. */
  readonly dataStart: number;
  readonly dataLine: number;
  /**
   * True when the time of day stamps the bar's end (backtrader intraday files), so bar open time
   * = stamp − interval.
   */
  readonly timeIsBarEnd: boolean;
}

/** The first non-blank line of a CSV text: its fields (trimmed, unquoted) and where data begins. */
export interface CsvHeader {
  readonly fields: readonly string[];
  readonly delimiter: number;
  readonly line: number;
  readonly dataStart: number;
  readonly dataLine: number;
}

const TIME_NAMES = ['datetime', 'timestamp', 'open_time', 'date', 'time', 't'];

/** Reads the header line (skipping a UTF-8 BOM and blank lines); undefined for an empty text. */
export function readCsvHeader(b: Uint8Array): CsvHeader | undefined {
  let pos = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let line = 1;
  while (pos < b.length) {
    let end = pos;
    while (end < b.length && b[end] !== 10) end++;
    const text = Buffer.from(b.buffer, b.byteOffset + pos, end - pos).toString('utf8').trim();
    const next = end + 1;
    if (text !== '') {
      const delimiter = text.includes(',') ? 44 : text.includes(';') ? 59 : text.includes('\t') ? 9 : 44;
      const fields = text.split(String.fromCharCode(delimiter)).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
      return { fields, delimiter, line, dataStart: Math.min(next, b.length), dataLine: line + 1 };
    }
    pos = next;
    line++;
  }
  return undefined;
}

function find(lower: readonly string[], ...names: string[]): number {
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Layout of a generic header-driven CSV: a time column, then open/high/low/close, volume optional. */
export function csvLayout(header: CsvHeader, name: string): CsvLayout {
  const lower = header.fields.map((f) => f.toLowerCase());
  const where = `${name}:${header.line}`;
  const time = find(lower, ...TIME_NAMES);
  if (time < 0) {
    throw new BadInputError(where, `no time column (expected one of ${TIME_NAMES.join(', ')}; header: ${quoteInput(header.fields.join(','), 200)})`);
  }
  // A `date` column with a separate `time` column: combine them (date + time of day).
  const timeOfDay = lower[time] === 'date' ? lower.indexOf('time') : -1;
  const col = (label: string, ...names: string[]): number => {
    const i = find(lower, ...names);
    if (i < 0) throw new BadInputError(where, `missing column ${label} (header: ${quoteInput(header.fields.join(','), 200)})`);
    return i;
  };
  return {
    columns: header.fields.length,
    time,
    timeOfDay,
    open: col('open', 'open', 'o'),
    high: col('high', 'high', 'h'),
    low: col('low', 'low', 'l'),
    close: col('close', 'close', 'c'),
    volume: find(lower, 'volume', 'vol', 'v'),
    names: header.fields,
    delimiter: header.delimiter,
    dataStart: header.dataStart,
    dataLine: header.dataLine,
    timeIsBarEnd: false,
  };
}

/** The headers backtrader's bundled data use (lower case). */
export const BACKTRADER_HEADERS: readonly string[] = [
  'date,open,high,low,close,volume,openinterest',
  'date,time,open,high,low,close,volume,openinterest',
  'date,open,high,low,close,adj close,volume',
];

/** True when the header is one of backtrader's (see BACKTRADER_HEADERS). */
export function isBacktraderHeader(fields: readonly string[]): boolean {
  return BACKTRADER_HEADERS.includes(fields.map((f) => f.toLowerCase()).join(','));
}

/**
 * Layout of a backtrader file. Quirk: `2006-01-02-volume-min-001.txt` has the daily header but
 * every row carries a Time field after the Date; the first data row reveals it. Yahoo files use
 * Close (not Adj Close). Backtrader stamps intraday bars with their end time.
 */
export function backtraderLayout(header: CsvHeader, firstRow: readonly string[] | undefined, name: string): CsvLayout {
  if (!isBacktraderHeader(header.fields)) {
    throw new BadInputError(`${name}:${header.line}`, `not a backtrader header: ${quoteInput(header.fields.join(','), 200)} (expected one of: ${BACKTRADER_HEADERS.join(' | ')})`);
  }
  const base = csvLayout(header, name);
  const hiddenTime =
    base.timeOfDay < 0 &&
    firstRow !== undefined &&
    firstRow.length === header.fields.length + 1 &&
    /^\d\d:\d\d(:\d\d)?$/.test(firstRow[base.time + 1].trim());
  if (hiddenTime) {
    const shift = (i: number): number => (i > base.time ? i + 1 : i);
    const names = [...header.fields];
    names.splice(base.time + 1, 0, 'Time');
    return {
      ...base,
      columns: base.columns + 1,
      timeOfDay: base.time + 1,
      open: shift(base.open),
      high: shift(base.high),
      low: shift(base.low),
      close: shift(base.close),
      volume: shift(base.volume),
      names,
      timeIsBarEnd: true,
    };
  }
  return { ...base, timeIsBarEnd: base.timeOfDay >= 0 };
}

/** The fields of the first data row after the header (for layout sniffing), or undefined. */
export function firstDataRow(b: Uint8Array, header: CsvHeader): string[] | undefined {
  let pos = header.dataStart;
  while (pos < b.length) {
    let end = pos;
    while (end < b.length && b[end] !== 10) end++;
    const text = Buffer.from(b.buffer, b.byteOffset + pos, end - pos).toString('utf8').trim();
    if (text !== '') return text.split(String.fromCharCode(header.delimiter));
    pos = end + 1;
  }
  return undefined;
}

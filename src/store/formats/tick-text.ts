// Shared text helpers of the tick-data readers: line iteration, CSV records by header columns, µs timestamps, event ordering.
import { basename } from 'node:path';
import type { Envelope } from '../../core/envelope.js';
import { BadInputError } from '../../core/errors.js';
import { quoteJson } from '../../core/quote-input.js';
import { quoteInput } from '../../core/quote-input.js';

/** Calls `visit(line, lineNo)` for every non-empty line (1-based numbers; `\r\n` and `\n` endings). */
export function forEachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    if (line !== '') visit(line, lineNo);
    start = end + 1;
  }
}

/** Positions of the `required` columns in a CSV header line; a missing one is an error naming the file. */
function csvColumns(header: string, where: string, required: readonly string[]): number[] {
  const names = header.replace(/^\uFEFF/, '').split(',').map((s) => s.trim());
  return required.map((r) => {
    const i = names.indexOf(r);
    if (i < 0) throw new BadInputError(where, `missing column ${quoteJson(r)} (header: ${quoteInput(names.join(','), 200)})`);
    return i;
  });
}

/**
 * Calls `visit(fields, cols, where)` for every data row of a CSV text whose header names the
 * `required` columns; `cols[i]` is the field index of `required[i]`. A row with too few fields,
 * a header lacking a column, and a text without a header are errors naming the file (and line).
 */
export function forEachCsvRecord(text: string, source: string, required: readonly string[], visit: (fields: string[], cols: readonly number[], where: string) => void): void {
  let cols: number[] | undefined;
  let minFields = 0;
  forEachLine(text, (line, lineNo) => {
    const where = `${source}:${lineNo}`;
    if (cols === undefined) {
      cols = csvColumns(line, where, required);
      minFields = Math.max(...cols) + 1;
      return;
    }
    const f = line.split(',');
    if (f.length < minFields) throw new BadInputError(where, `expected at least ${minFields} fields, got ${f.length}`);
    visit(f, cols, where);
  });
  if (cols === undefined) throw new BadInputError(source, 'empty file: no header');
}

/** A µs epoch timestamp (tardis) as ms (fractional below 1 ms); rejects anything but a non-negative integer. */
export function microsToMs(text: string, where: string, column: string): number {
  if (!/^\d{1,17}$/.test(text)) throw new BadInputError(where, `${column}: expected µs since the epoch, got ${quoteJson(text)}`);
  return Number(text) / 1000;
}

/** Plain decimal text ("8531.5", "1e-3"); `Number()` alone would also take "0x10", "Infinity" and blanks. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite positive (or ≥ 0 with `allowZero`) decimal from text. */
export function decimalField(text: string, where: string, column: string, allowZero: boolean): number {
  const v = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new BadInputError(where, `${column}: expected a ${allowZero ? 'number ≥ 0' : 'positive number'}, got ${quoteJson(text)}`);
  }
  return v;
}

/** Sorts envelopes in place by (tsEvent, seq); the sort is stable, so full ties keep the file's order. */
export function sortEvents<E extends Envelope>(events: E[]): E[] {
  return events.sort((a, b) => a.tsEvent - b.tsEvent || a.seq - b.seq);
}

/** The `source` of events read from a file: its base name. */
export function sourceOf(path: string): string {
  return basename(path);
}

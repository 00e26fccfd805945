// Reads a tick-level market data file (tardis trades or incremental L2, Bybit orderbook JSONL) into envelopes, format detected from content.
import { readFileSync } from 'node:fs';
import type { Envelope } from '../../core/envelope.js';
import { BadInputError } from '../../core/errors.js';
import { parseBybitOrderbook } from './bybit-orderbook.js';
import { parseTardisBook } from './tardis-book.js';
import { parseTardisTrades } from './tardis-trades.js';

export type TickFileFormat = 'tardis-trades' | 'tardis-book' | 'bybit-orderbook';

export function detectTickFormat(text: string, path: string): TickFileFormat {
  const first = text.slice(0, text.indexOf('\n') >>> 0).trim();
  if (first.startsWith('{')) return 'bybit-orderbook';
  const cols = first.toLowerCase().split(',');
  if (cols.includes('is_snapshot')) return 'tardis-book';
  if (cols.includes('id') && cols.includes('side') && cols.includes('price') && cols.includes('amount')) return 'tardis-trades';
  throw new BadInputError(`${path}:1`, 'unknown tick data format (expected tardis trades CSV, tardis incremental_book_L2 CSV, or Bybit orderbook JSON lines)');
}

/** Events sorted by (tsEvent, seq), with `source` naming the file. */
export function readTickFile(path: string): { format: TickFileFormat; events: Envelope[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BadInputError(path, `cannot read tick file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  const format = detectTickFormat(text, path);
  switch (format) {
    case 'bybit-orderbook':
      return { format, events: parseBybitOrderbook(text, path) };
    case 'tardis-book':
      return { format, events: parseTardisBook(text, path) };
    case 'tardis-trades':
      return { format, events: parseTardisTrades(text, path) };
  }
}

// Reads tardis.dev `incremental_book_L2` CSV exports into book envelopes (one per snapshot run or per delta timestamp).
import { readFile } from 'node:fs/promises';
import { BadInputError } from '../../core/errors.js';
import { bookEvent, type BookEvent } from '../../market/market-events.js';
import { decimalField, forEachCsvRecord, microsToMs, sortEvents, sourceOf } from './tick-text.js';
import { quoteJson } from '../../core/quote-input.js';

const COLUMNS = ['symbol', 'timestamp', 'local_timestamp', 'is_snapshot', 'side', 'price', 'amount'] as const;

interface Group {
  symbol: string;
  snapshot: boolean;
  tsEvent: number;
  tsInit: number;
  where: string;
  bids: number[];
  asks: number[];
}

/**
 * Each row is one level (amount = new size, 0 deletes). Rows are grouped into envelopes the way
 * tardis defines them: a run of consecutive `is_snapshot=true` rows is one snapshot (the book is
 * reset when a snapshot follows updates); consecutive update rows with the same symbol, timestamp
 * and local_timestamp are one delta (one venue message). tsEvent = `timestamp` of the group's
 * first row, tsInit = its `local_timestamp` (µs → ms); seq = the group's number among its symbol's
 * groups (1-based, contiguous). Sorted by (tsEvent, seq).
 */
export function parseTardisBook(text: string, source: string): BookEvent[] {
  const out: BookEvent[] = [];
  const seqs = new Map<string, number>();
  let g: Group | undefined;
  let gKey = '';
  const flush = (): void => {
    if (g === undefined) return;
    const seq = (seqs.get(g.symbol) ?? 0) + 1;
    seqs.set(g.symbol, seq);
    out.push(bookEvent(g.symbol, source, seq, g.tsEvent, g.tsInit, { snapshot: g.snapshot, bids: Float64Array.from(g.bids), asks: Float64Array.from(g.asks) }, g.where));
    g = undefined;
  };
  forEachCsvRecord(text, source, COLUMNS, (f, cols, where) => {
    const [cSym, cTs, cLocal, cSnap, cSide, cPx, cAmt] = cols;
    const snap = f[cSnap];
    if (snap !== 'true' && snap !== 'false') throw new BadInputError(where, `is_snapshot: expected true or false, got ${quoteJson(snap)}`);
    const side = f[cSide];
    if (side !== 'bid' && side !== 'ask') throw new BadInputError(where, `side: expected bid or ask, got ${quoteJson(side)}`);
    const snapshot = snap === 'true';
    // A snapshot run groups regardless of timestamps; an update groups by (symbol, timestamp, local_timestamp).
    const key = snapshot ? `s|${f[cSym]}` : `u|${f[cSym]}|${f[cTs]}|${f[cLocal]}`;
    if (g === undefined || key !== gKey) {
      flush();
      gKey = key;
      g = { symbol: f[cSym], snapshot, tsEvent: microsToMs(f[cTs], where, 'timestamp'), tsInit: microsToMs(f[cLocal], where, 'local_timestamp'), where, bids: [], asks: [] };
    } else {
      microsToMs(f[cTs], where, 'timestamp');
      microsToMs(f[cLocal], where, 'local_timestamp');
    }
    const px = decimalField(f[cPx], where, 'price', false);
    const amt = decimalField(f[cAmt], where, 'amount', true);
    (side === 'bid' ? g.bids : g.asks).push(px, amt);
  });
  flush();
  return sortEvents(out);
}

/** Reads a tardis incremental_book_L2 CSV file; `source` of every event is the file's base name. */
export async function readTardisBook(path: string): Promise<BookEvent[]> {
  return parseTardisBook(await readFile(path, 'utf8'), sourceOf(path));
}

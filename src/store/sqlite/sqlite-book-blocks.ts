// Recorded book snapshots on SQLite: a block per (venue, symbol) per batch, time-range reads merged across blocks.
import type Database from 'better-sqlite3';
import { BadInputError, InvariantError } from '../../core/errors.js';
import type { BookSnapshotRow } from '../recording-port.js';
import { decodeBookBlock, encodeBookBlock } from './book-block.js';
import { forEachRowInOrder } from './rows-in-order.js';

/** The most snapshots one block holds (a longer run is split). */
const MAX_BLOCK_BOOKS = 2048;

export interface BookBlocks {
  /** Stores the snapshots, a block per symbol. Call inside the batch's transaction. */
  append(venue: string, books: readonly BookSnapshotRow[], where: string): void;
  /** Snapshots with from ≤ time < to, by time then insertion. */
  load(venue: string, symbol: string, from: number, to: number): BookSnapshotRow[];
}

function checkSnapshot(s: BookSnapshotRow, where: string): void {
  for (const side of [s.bids, s.asks]) {
    if (!(side instanceof Float64Array) || side.length % 2 !== 0) throw new BadInputError(`${where} book ${s.symbol}`, 'a book side must be a Float64Array of [price, size] pairs');
  }
  if (!(Number.isFinite(s.time) && Number.isFinite(s.tsInit))) throw new BadInputError(`${where} book ${s.symbol}`, `time and tsInit must be finite ms times, got ${s.time} and ${s.tsInit}`);
}

export function sqliteBookBlocks(db: Database.Database): BookBlocks {
  const insert = db.prepare('INSERT INTO book_blocks (venue, symbol, first_time, last_time, snapshots, codec, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const inRange = db.prepare('SELECT snapshots, codec, payload, rowid FROM book_blocks WHERE venue = ? AND symbol = ? AND last_time >= ? AND first_time < ? ORDER BY rowid').raw(true);

  const write = (venue: string, rows: readonly BookSnapshotRow[]): void => {
    for (let at = 0; at < rows.length; at += MAX_BLOCK_BOOKS) writeBookBlock(insert, venue, rows.slice(at, at + MAX_BLOCK_BOOKS));
  };

  return {
    append: (venue, books, where) => {
      if (books.length === 0) return;
      for (const s of books) checkSnapshot(s, where);
      const bySymbol = new Map<string, BookSnapshotRow[]>();
      for (const s of books) {
        let rows = bySymbol.get(s.symbol);
        if (rows === undefined) bySymbol.set(s.symbol, (rows = []));
        rows.push(s);
      }
      for (const rows of bySymbol.values()) write(venue, rows);
    },
    load: (venue, symbol, from, to) => {
      const out: BookSnapshotRow[] = [];
      for (const [n, codec, payload, rowid] of inRange.iterate(venue, symbol, from, to) as IterableIterator<[number, string, Buffer, number]>) {
        for (const s of decodeBookBlock(symbol, n, codec, payload, `books ${venue} ${symbol} block ${rowid}`)) if (s.time >= from && s.time < to) out.push(s);
      }
      // Stable: equal times keep block (insertion) order.
      return out.sort((a, b) => a.time - b.time);
    },
  };
}

function writeBookBlock(insert: Database.Statement, venue: string, rows: readonly BookSnapshotRow[]): void {
  let first = rows[0].time;
  let last = first;
  for (const r of rows) {
    if (r.time < first) first = r.time;
    if (r.time > last) last = r.time;
  }
  const e = encodeBookBlock(rows);
  insert.run(venue, rows[0].symbol, first, last, rows.length, e.codec, e.payload);
}

/**
 * Migration: the `book_snapshots` rows of schema version 6 and earlier become blocks, in (venue,
 * symbol, time, insertion) order; a side blob that is not [price, size] float64 pairs is refused,
 * naming the row.
 */
export function convertBookRows(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO book_blocks (venue, symbol, first_time, last_time, snapshots, codec, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let venue = '';
  let run: BookSnapshotRow[] = [];
  const flush = (): void => {
    if (run.length > 0) writeBookBlock(insert, venue, run);
    run = [];
  };
  forEachRowInOrder(db, 'book_snapshots', ['ts_init', 'bids', 'asks'], (row) => {
    const [v, symbol, time, rowid, tsInit, bids, asks] = row as [string, string, number, number, number, Buffer, Buffer];
    if (v !== venue || (run.length > 0 && symbol !== run[0].symbol) || run.length === MAX_BLOCK_BOOKS) {
      flush();
      venue = v;
    }
    run.push({ symbol, time, tsInit, bids: sideArray(bids, rowid), asks: sideArray(asks, rowid) });
  });
  flush();
}

/** A side blob (packed little-endian float64 pairs) as a fresh, aligned Float64Array. */
function sideArray(b: Buffer, rowid: number): Float64Array {
  if (b.length % 16 !== 0) throw new InvariantError(`book_snapshots row ${rowid}: a side blob of ${b.length} bytes is not [price, size] float64 pairs`);
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

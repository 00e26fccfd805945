// Recorded trades on SQLite: a block per (venue, symbol) per batch, trades already stored skipped, time-range reads merged across blocks.
import type Database from 'better-sqlite3';
import { BadInputError, InvariantError } from '../../core/errors.js';
import type { TradeRow } from '../recording-port.js';
import { TradeColumns } from '../trade-columns.js';
import { forEachRowInOrder } from './rows-in-order.js';
import { decodeTradeBlock, encodeTradeBlock } from './trade-block.js';

/** The most trades one block holds (a longer run is split): decoding one for a dedup check stays cheap. */
export const MAX_BLOCK_TRADES = 8192;

/**
 * Keys (time, id) of stored or accepted trades: a venue trade keeps both when it is re-sent. An
 * open-addressing table sized for the batch: trade ids are beyond 2^31, and a Map keyed by them
 * boxes every key (a third of the append's time went there).
 */
class TradeKeys {
  private readonly mask: number;
  private readonly ids: Float64Array;
  private readonly times: Float64Array;
  private readonly used: Uint8Array;

  /** Room for `capacity` keys at most half full. */
  constructor(capacity: number) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.mask = size - 1;
    this.ids = new Float64Array(size);
    this.times = new Float64Array(size);
    this.used = new Uint8Array(size);
  }

  /** True when (time, id) was not there yet (and is now). `id` is a non-negative safe integer. */
  add(time: number, id: number): boolean {
    // Both 32-bit halves of the id, mixed (murmur3's finaliser constants).
    let h = Math.imul((id >>> 0) ^ Math.imul((id / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.used[i] === 1) {
      if (this.ids[i] === id && this.times[i] === time) return false;
      i = (i + 1) & this.mask;
    }
    this.used[i] = 1;
    this.ids[i] = id;
    this.times[i] = time;
    return true;
  }
}

export interface TradeBlocks {
  /** Stores the batch's trades that are not stored yet; returns how many were new. Call inside the batch's transaction. */
  append(venue: string, trades: TradeColumns, where: string): number;
  /** Trades with from ≤ time < to, by time then insertion. */
  load(venue: string, symbol: string, from: number, to: number): TradeRow[];
}

export function sqliteTradeBlocks(db: Database.Database): TradeBlocks {
  const insert = db.prepare('INSERT INTO trade_blocks (venue, symbol, first_time, last_time, trades, codec, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const overlapping = db.prepare('SELECT trades, codec, payload FROM trade_blocks WHERE venue = ? AND symbol = ? AND last_time >= ? AND first_time <= ? ORDER BY rowid').raw(true);
  const inRange = db.prepare('SELECT trades, codec, payload, rowid FROM trade_blocks WHERE venue = ? AND symbol = ? AND last_time >= ? AND first_time < ? ORDER BY rowid').raw(true);

  /** The stored trades of `symbol` with times in [from, to] as keys, with room for `more`. */
  const storedKeys = (venue: string, symbol: string, from: number, to: number, more: number): TradeKeys => {
    const blocks = (overlapping.all(venue, symbol, from, to) as [number, string, Buffer][]).map(([n, codec, payload]) => decodeTradeBlock(n, codec, payload, `trades ${venue} ${symbol}`));
    const keys = new TradeKeys(blocks.reduce((k, b) => k + b.n, more));
    for (const b of blocks) {
      for (let j = 0; j < b.n; j++) if (b.time[j] >= from && b.time[j] <= to) keys.add(b.time[j], b.id[j]);
    }
    return keys;
  };

  const appendSymbol = (venue: string, symbol: string, t: TradeColumns, rows: readonly number[] | undefined, where: string): number => {
    const count = rows === undefined ? t.length : rows.length;
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < count; k++) {
      const i = rows === undefined ? k : rows[k];
      const time = t.time[i];
      const id = t.id[i];
      if (!Number.isFinite(time)) throw new BadInputError(`${where} trade ${symbol} ${id}`, `time must be a finite ms time, got ${time}`);
      if (!(Number.isSafeInteger(id) && id >= 0)) throw new BadInputError(`${where} trade ${symbol}`, `trade id must be a non-negative whole number, got ${id}`);
      if (!(Number.isFinite(t.price[i]) && Number.isFinite(t.qty[i]))) throw new BadInputError(`${where} trade ${symbol} ${id}`, `price and qty must be finite, got ${t.price[i]} and ${t.qty[i]}`);
      if (time < from) from = time;
      if (time > to) to = time;
    }
    const keys = storedKeys(venue, symbol, from, to, count);
    let block = new TradeColumns(Math.min(count, MAX_BLOCK_TRADES));
    let stored = 0;
    for (let k = 0; k < count; k++) {
      const i = rows === undefined ? k : rows[k];
      if (!keys.add(t.time[i], t.id[i])) continue;
      if (block.length === MAX_BLOCK_TRADES) {
        insertTradeBlock(insert, venue, symbol, block);
        block = new TradeColumns(Math.min(count - k, MAX_BLOCK_TRADES));
      }
      block.copyFrom(t, i);
      stored++;
    }
    insertTradeBlock(insert, venue, symbol, block);
    return stored;
  };

  return {
    append: (venue, t, where) => {
      const n = t.length;
      if (n === 0) return 0;
      // One symbol is the usual batch: no grouping needed.
      const s0 = t.symbol[0];
      let single = true;
      for (let i = 1; i < n && single; i++) single = t.symbol[i] === s0;
      if (single) return appendSymbol(venue, s0, t, undefined, where);
      const bySymbol = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        let rows = bySymbol.get(t.symbol[i]);
        if (rows === undefined) bySymbol.set(t.symbol[i], (rows = []));
        rows.push(i);
      }
      let stored = 0;
      for (const [symbol, rows] of bySymbol) stored += appendSymbol(venue, symbol, t, rows, where);
      return stored;
    },
    load: (venue, symbol, from, to) => {
      const out: TradeRow[] = [];
      for (const [n, codec, payload, rowid] of inRange.iterate(venue, symbol, from, to) as IterableIterator<[number, string, Buffer, number]>) {
        const b = decodeTradeBlock(n, codec, payload, `trades ${venue} ${symbol} block ${rowid}`);
        for (let j = 0; j < n; j++) {
          const time = b.time[j];
          if (time >= from && time < to) out.push({ symbol, time, tradeId: b.id[j], side: b.buy[j] === 1 ? 'buy' : 'sell', price: b.price[j], qty: b.qty[j] });
        }
      }
      // Stable: equal times keep block (insertion) order.
      return out.sort((a, b) => a.time - b.time);
    },
  };
}

/** Writes the trades of `block` (all of one symbol) as one block row; nothing for none. */
function insertTradeBlock(insert: Database.Statement, venue: string, symbol: string, block: TradeColumns): void {
  const c = block.filled();
  if (c.n === 0) return;
  let first = c.time[0];
  let last = first;
  for (let j = 1; j < c.n; j++) {
    if (c.time[j] < first) first = c.time[j];
    else if (c.time[j] > last) last = c.time[j];
  }
  const e = encodeTradeBlock(c);
  insert.run(venue, symbol, first, last, c.n, e.codec, e.payload);
}

/**
 * Migration: the `trades` rows of schema version 5 and earlier become blocks, in (venue, symbol,
 * time, insertion) order. Their ids were text; every recorder wrote the venue's integer ids, so
 * anything else is refused, naming the row, rather than guessed at.
 */
export function convertTradeRows(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO trade_blocks (venue, symbol, first_time, last_time, trades, codec, payload) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let venue = '';
  let symbol = '';
  let block = new TradeColumns(MAX_BLOCK_TRADES);
  forEachRowInOrder(db, 'trades', ['trade_id', 'side', 'price', 'qty'], (row) => {
    const [v, s, time, rowid, tradeId, side, price, qty] = row as [string, string, number, number, string | null, string | null, number, number];
    if (v !== venue || s !== symbol || block.length === MAX_BLOCK_TRADES) {
      insertTradeBlock(insert, venue, symbol, block);
      block = new TradeColumns(MAX_BLOCK_TRADES);
      venue = v;
      symbol = s;
    }
    const id = tradeId === null || !/^(0|[1-9]\d{0,15})$/.test(tradeId) ? Number.NaN : Number(tradeId);
    if (!Number.isSafeInteger(id)) throw new InvariantError(`trades row ${rowid} (${v} ${s}): trade id ${JSON.stringify(tradeId)} is not a whole number; the trade blocks of schema 6 keep integer ids only`);
    if (side !== 'buy' && side !== 'sell') throw new InvariantError(`trades row ${rowid} (${v} ${s}): side ${JSON.stringify(side)} is neither buy nor sell`);
    block.push(s, time, id, side, price, qty);
  });
  insertTradeBlock(insert, venue, symbol, block);
}

// RecordingStore on SQLite: raw frames, trades and book snapshots as compressed blocks, contexts as rows, one transaction per batch.
import type Database from 'better-sqlite3';
import type { BarSeries } from '../../core/bars.js';
import type { Clock } from '../../core/clock.js';
import { BadInputError, InvariantError } from '../../core/errors.js';
import type { AssetCtxRow, CandleRow, RecordedFrame, RecordingBatch, RecordingBatchCounts, RecordingInfo, RecordingStats, RecordingStore } from '../recording-port.js';
import { ChunkedInsert } from './chunked-insert.js';
import { countFrameBlock, decodeFrameBlock, encodeFrameBlock } from './frame-block.js';
import type { SqliteCandles } from './sqlite-candle-store.js';
import { sqliteBookBlocks } from './sqlite-book-blocks.js';
import { sqliteTradeBlocks } from './sqlite-trade-blocks.js';

const MIN_T = -8.64e15;
const MAX_T = 8.64e15;

interface SessionRow {
  id: number;
  venue: string;
  started_at: number;
  meta: string;
}

export function sqliteRecordingStore(db: Database.Database, candles: SqliteCandles, clock: Clock): RecordingStore {
  const insertSession = db.prepare('INSERT INTO recording_sessions (venue, started_at, meta) VALUES (?, ?, ?)');
  const session = db.prepare('SELECT * FROM recording_sessions WHERE id = ?');
  const sessions = db.prepare('SELECT * FROM recording_sessions ORDER BY id');
  // Frames of schema version 4 are rows of `recordings`; later ones are blocks. A recording's
  // legacy frames, if any, all precede its blocks (blocks only ever append after the last seq).
  const legacyEdges = db.prepare(
    'SELECT (SELECT seq FROM recordings WHERE recording = @id ORDER BY seq DESC LIMIT 1) AS s, (SELECT ts_init FROM recordings WHERE recording = @id ORDER BY seq LIMIT 1) AS a, (SELECT ts_init FROM recordings WHERE recording = @id ORDER BY seq DESC LIMIT 1) AS b',
  );
  const blockEdges = db.prepare(
    'SELECT (SELECT last_seq FROM recording_blocks WHERE recording = @id ORDER BY first_seq DESC LIMIT 1) AS s, (SELECT first_ts FROM recording_blocks WHERE recording = @id ORDER BY first_seq LIMIT 1) AS a, (SELECT last_ts FROM recording_blocks WHERE recording = @id ORDER BY first_seq DESC LIMIT 1) AS b',
  );
  // What an append needs: the last seq, from the last block or else the legacy rows.
  const lastSeq = db
    .prepare(
      'SELECT coalesce((SELECT last_seq FROM recording_blocks WHERE recording = @id ORDER BY first_seq DESC LIMIT 1), (SELECT seq FROM recordings WHERE recording = @id ORDER BY seq DESC LIMIT 1), 0)',
    )
    .pluck();
  const insertBlock = db.prepare('INSERT INTO recording_blocks (recording, first_seq, last_seq, first_ts, last_ts, codec, channels, frame_index, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const contexts = new ChunkedInsert(db, 'INSERT INTO asset_contexts (venue, symbol, time, funding, open_interest, mark, oracle, mid, premium)', 9, '', 32);
  const openInterest = new ChunkedInsert(db, 'INSERT INTO open_interest (venue, symbol, time, open_interest)', 4, 'ON CONFLICT DO UPDATE SET open_interest = excluded.open_interest', 64);
  const selectLegacy = db.prepare('SELECT seq, ts_init, channel, payload FROM recordings WHERE recording = ? AND seq >= ? ORDER BY seq LIMIT ?').raw(true);
  const selectBlocks = db.prepare('SELECT first_seq, codec, channels, frame_index, payload FROM recording_blocks WHERE recording = ? AND last_seq >= ? ORDER BY first_seq').raw(true);
  const legacyStats = db.prepare('SELECT channel, count(*), sum(length(payload)) FROM recordings WHERE recording = ? GROUP BY channel').raw(true);
  const blockIndexes = db.prepare('SELECT first_seq, channels, frame_index, length(payload) + length(frame_index) FROM recording_blocks WHERE recording = ? ORDER BY first_seq').raw(true);
  const stats = (id: number): RecordingStats => {
    const by = new Map<string, { frames: number; bytes: number }>();
    let stored = 0;
    for (const [channel, frames, bytes] of legacyStats.all(id) as [string, number, number][]) {
      by.set(channel, { frames, bytes });
      stored += bytes;
    }
    for (const [first, channels, index, size] of blockIndexes.iterate(id) as IterableIterator<[number, string, Buffer, number]>) {
      countFrameBlock(channels, index, by, `recording ${id} block ${first}`);
      stored += size;
    }
    const list = [...by].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([channel, c]) => ({ channel, ...c }));
    return { channels: list, frameBytes: list.reduce((n, c) => n + c.bytes, 0), storedBytes: stored };
  };
  const trades = sqliteTradeBlocks(db);
  const books = sqliteBookBlocks(db);
  const selectCtx = db
    .prepare('SELECT time, funding, open_interest, mark, oracle, mid, premium FROM asset_contexts WHERE venue = ? AND symbol = ? AND time >= ? AND time < ? ORDER BY time, rowid')
    .raw(true);

  type Edges = { s: number | null; a: number | null; b: number | null };
  /** Last seq (0 when none) and first/last receive times of a recording, over legacy rows and blocks. */
  const edges = (id: number): { last: number; first: number | undefined; lastTs: number | undefined } => {
    const l = legacyEdges.get({ id }) as Edges;
    const k = blockEdges.get({ id }) as Edges;
    return { last: k.s ?? l.s ?? 0, first: l.a ?? k.a ?? undefined, lastTs: k.b ?? l.b ?? undefined };
  };

  const info = (r: SessionRow): RecordingInfo => {
    const e = edges(r.id);
    return { id: r.id, venue: r.venue, startedAt: r.started_at, meta: JSON.parse(r.meta) as Record<string, unknown>, frames: e.last, firstTsInit: e.first, lastTsInit: e.lastTs };
  };

  const readFrames = (recording: number, fromSeq: number, limit: number): RecordedFrame[] => {
    const out = (selectLegacy.all(recording, fromSeq, limit) as [number, number, string, Buffer][]).map(([seq, tsInit, channel, payload]): RecordedFrame => ({ seq, tsInit, channel, payload }));
    if (out.length >= limit) return out;
    for (const [first, codec, channels, index, payload] of selectBlocks.iterate(recording, fromSeq) as IterableIterator<[number, string, string, Buffer, Buffer]>) {
      for (const f of decodeFrameBlock(first, codec, channels, index, payload, `recording ${recording} block ${first}`)) {
        if (f.seq < fromSeq) continue;
        out.push(f);
        if (out.length >= limit) return out;
      }
    }
    return out;
  };

  const append = db.transaction((b: RecordingBatch): RecordingBatchCounts => {
    const where = `recording ${b.recording}`;
    if (session.get(b.recording) === undefined) throw new InvariantError(`${where}: no such recording session`);
    const fs = b.frames;
    const n = fs.length;
    if (n > 0) {
      const last = lastSeq.get({ id: b.recording }) as number;
      if (fs.firstSeq !== last + 1) throw new InvariantError(`${where}: frame seq ${fs.firstSeq} does not continue the recording (expected ${last + 1})`);
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(fs.tsInit[i])) throw new BadInputError(`${where} seq ${fs.firstSeq + i}`, `tsInit must be a finite ms time, got ${fs.tsInit[i]}`);
      }
      const k = encodeFrameBlock(fs);
      insertBlock.run(b.recording, fs.firstSeq, fs.firstSeq + n - 1, fs.tsInit[0], fs.tsInit[n - 1], k.codec, JSON.stringify(k.channels), k.index, k.payload);
    }
    const v = b.venue;
    const tradesNew = trades.append(v, b.trades, where);
    books.append(v, b.books, where);
    const cv: unknown[] = new Array(b.contexts.length * 9);
    const ov: unknown[] = [];
    for (let i = 0, k = 0; i < b.contexts.length; i++) {
      const c = b.contexts[i];
      cv[k++] = v;
      cv[k++] = c.symbol;
      cv[k++] = c.time;
      cv[k++] = c.funding;
      cv[k++] = c.openInterest;
      cv[k++] = c.mark;
      cv[k++] = c.oracle;
      cv[k++] = c.mid;
      cv[k++] = c.premium;
      if (c.openInterest !== null) ov.push(v, c.symbol, c.time, c.openInterest);
    }
    contexts.run(cv);
    openInterest.run(ov);
    const candleRows = upsertCandles(v, b.candles, candles);
    return { frames: b.frames.length, trades: tradesNew, tradesDuplicate: b.trades.length - tradesNew, books: b.books.length, candles: candleRows, contexts: b.contexts.length };
  });

  return {
    startRecording: async (venue, meta) => {
      const id = Number(insertSession.run(venue, clock.now(), JSON.stringify(meta)).lastInsertRowid);
      return info(session.get(id) as SessionRow);
    },
    appendBatch: async (batch) => append.immediate(batch),
    readFrames: async (recording, fromSeq, limit) => readFrames(recording, fromSeq, limit),
    getRecording: async (id) => {
      const r = session.get(id) as SessionRow | undefined;
      return r === undefined ? undefined : info(r);
    },
    listRecordings: async () => (sessions.all() as SessionRow[]).map(info),
    recordingStats: async (id) => stats(id),
    loadTrades: async (venue, symbol, from = MIN_T, to = MAX_T) => trades.load(venue, symbol, from, to),
    loadBooks: async (venue, symbol, from = MIN_T, to = MAX_T) => books.load(venue, symbol, from, to),
    loadAssetContexts: async (venue, symbol, from = MIN_T, to = MAX_T) =>
      (selectCtx.all(venue, symbol, from, to) as [number, number | null, number | null, number, number | null, number | null, number | null][]).map(
        ([time, funding, openInterest, mark, oracle, mid, premium]): AssetCtxRow => ({ symbol, time, funding, openInterest, mark, oracle, mid, premium }),
      ),
  };
}

/**
 * Candles through the candle store's upsert, one series per (symbol, interval): the open candle is
 * re-sent many times per batch, so only its last version in the batch is written (a final one
 * before any forming one); a forming candle never overwrites a final one already stored.
 */
function upsertCandles(venue: string, rows: readonly CandleRow[], candles: SqliteCandles): number {
  if (rows.length === 0) return 0;
  const bySeries = new Map<string, Map<number, CandleRow>>();
  for (const r of rows) {
    const key = `${r.symbol}\u0000${r.intervalMs}`;
    let m = bySeries.get(key);
    if (m === undefined) bySeries.set(key, (m = new Map()));
    const had = m.get(r.time);
    if (had === undefined || r.final || !had.final) m.set(r.time, r);
  }
  let written = 0;
  for (const m of bySeries.values()) {
    const list = [...m.values()].sort((a, b) => a.time - b.time);
    const n = list.length;
    const col = (f: (c: CandleRow) => number): Float64Array => Float64Array.from(list, f);
    // Built directly rather than by BarSeriesBuilder: the price grid of a live candle is unknown
    // (undefined), where the builder would claim 0 decimals.
    const series: BarSeries = { symbol: list[0].symbol, intervalMs: list[0].intervalMs, length: n, time: col((c) => c.time), open: col((c) => c.open), high: col((c) => c.high), low: col((c) => c.low), close: col((c) => c.close), volume: col((c) => c.volume), priceDecimals: undefined };
    const counts = candles.upsert(venue, series, list[0].intervalMs, (i) => list[i].final);
    written += counts.inserted + counts.updated;
  }
  return written;
}

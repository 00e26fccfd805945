// ImportStore on SQLite: a parsed file's series upserted and logged in one transaction.
import type Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import type { ImportRecord, ImportStore } from '../ports.js';
import type { SqliteCandles } from './sqlite-candle-store.js';

interface ImportRow {
  id: number;
  file_sha256: string;
  file_name: string;
  format: string;
  venue: string;
  symbol: string;
  interval_ms: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  imported_at: number;
}

function fromRow(r: ImportRow): ImportRecord {
  return {
    id: r.id,
    fileSha256: r.file_sha256,
    fileName: r.file_name,
    format: r.format,
    venue: r.venue,
    symbol: r.symbol,
    intervalMs: r.interval_ms,
    rows: r.rows,
    counts: { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged },
    skipped: r.skipped,
    importedAt: r.imported_at,
  };
}

export function sqliteImportStore(db: Database.Database, candles: SqliteCandles, clock: Clock): ImportStore {
  const log = db.prepare(
    'INSERT INTO imports (file_sha256, file_name, format, venue, symbol, interval_ms, rows, inserted, updated, unchanged, skipped, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
  );
  const all = db.prepare('SELECT * FROM imports ORDER BY id');
  return {
    async importBars(input) {
      const at = clock.now();
      return db
        .transaction(() =>
          input.series.map(({ series, intervalMs }) => {
            const c = candles.upsert(input.venue, series, intervalMs);
            const row = log.get(input.fileSha256, input.fileName, input.format, input.venue, series.symbol, intervalMs, series.length, c.inserted, c.updated, c.unchanged, input.skipped, at);
            return fromRow(row as ImportRow);
          }),
        )
        .immediate();
    },
    listImports: async () => (all.all() as ImportRow[]).map(fromRow),
  };
}

// The SQLite Store: opens (creating folder and file), sets WAL and friends, migrates, and wires every port.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import type { Store } from '../ports.js';
import { migrate } from './migrations.js';
import { SqliteCandles, sqliteCandleStore } from './sqlite-candle-store.js';
import { sqliteFundingStore } from './sqlite-funding-store.js';
import { sqliteBacktestRunStore } from './sqlite-backtest-run-store.js';
import { sqliteLedgerStore } from './sqlite-ledger-store.js';
import { sqliteFillStore } from './sqlite-fill-store.js';
import { sqliteImportStore } from './sqlite-import-store.js';
import { sqliteRecordingStore } from './sqlite-recording-store.js';
import { sqliteAuditLog } from './sqlite-audit-log.js';

export interface SqliteStoreOptions {
  /** Stamps created_at / imported_at / applied_at. */
  readonly clock: Clock;
}

/** Opens (or creates) the SQLite store at `path`: WAL, synchronous=NORMAL, 16 KiB pages when new, foreign keys on, migrated. */
export function openSqliteStore(path: string, opts: SqliteStoreOptions): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw new BadInputError(path, `cannot open the database: ${(e as Error).message}`, { cause: e });
  }
  try {
    // 16 KiB pages for a new database (an existing one keeps its own): recordings are mostly
    // blobs of 20–200 KB, and a commit writes a blob's pages twice (WAL, then checkpoint); with a
    // quarter of the pages the recorder's commits cost a third less CPU. Small rows (orders,
    // ledger) are unaffected in practice: a commit writes a few pages either way.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, path, opts.clock.now());
  } catch (e) {
    db.close();
    if (e instanceof BadInputError) throw e;
    throw new BadInputError(path, `not a usable Sextant database: ${(e as Error).message}`, { cause: e });
  }
  const candles = new SqliteCandles(db);
  return {
    candles: sqliteCandleStore(db, candles),
    funding: sqliteFundingStore(db),
    runs: sqliteBacktestRunStore(db, opts.clock),
    ledger: sqliteLedgerStore(db),
    fills: sqliteFillStore(db),
    imports: sqliteImportStore(db, candles, opts.clock),
    recordings: sqliteRecordingStore(db, candles, opts.clock),
    audit: sqliteAuditLog(db),
    location: path,
    close: async () => void db.close(),
  };
}

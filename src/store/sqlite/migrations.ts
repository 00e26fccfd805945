// The SQLite schema as numbered migrations, and the runner that brings a database up to date.
import type Database from 'better-sqlite3';
import { BadInputError, InvariantError } from '../../core/errors.js';
import { convertBookRows } from './sqlite-book-blocks.js';
import { convertTradeRows } from './sqlite-trade-blocks.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Data conversion the SQL cannot express, run after `sql` in the same transaction. */
  readonly run?: (db: Database.Database) => void;
}

// Append only: never edit a released migration, add the next number. Times are INTEGER ms UTC;
// market prices are REAL (a double round-trips exactly); ledger money is exact decimal TEXT;
// unknown values are NULL, never 0.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'market data',
    sql: `
      CREATE TABLE instruments (
        venue TEXT NOT NULL, symbol TEXT NOT NULL,
        price_rule TEXT NOT NULL, lot_size REAL NOT NULL, min_notional REAL NOT NULL,
        max_leverage REAL NOT NULL, multiplier REAL NOT NULL, fees TEXT NOT NULL,
        maintenance_margin_fraction REAL NOT NULL, updated_at INTEGER NOT NULL,
        PRIMARY KEY (venue, symbol)
      ) WITHOUT ROWID;
      CREATE TABLE candles (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, interval_ms INTEGER NOT NULL, time INTEGER NOT NULL,
        o REAL NOT NULL, h REAL NOT NULL, l REAL NOT NULL, c REAL NOT NULL, v REAL,
        PRIMARY KEY (venue, symbol, interval_ms, time)
      ) WITHOUT ROWID;
      CREATE TABLE bar_series (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, interval_ms INTEGER NOT NULL,
        bars INTEGER NOT NULL, first_time INTEGER NOT NULL, last_time INTEGER NOT NULL, price_decimals INTEGER,
        PRIMARY KEY (venue, symbol, interval_ms)
      ) WITHOUT ROWID;
      CREATE TABLE trades (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL, trade_id TEXT,
        side TEXT CHECK (side IN ('buy', 'sell')), price REAL NOT NULL, qty REAL NOT NULL
      );
      CREATE UNIQUE INDEX trades_id ON trades (venue, symbol, trade_id) WHERE trade_id IS NOT NULL;
      CREATE INDEX trades_time ON trades (venue, symbol, time);
      CREATE TABLE funding (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL, rate REAL NOT NULL,
        PRIMARY KEY (venue, symbol, time)
      ) WITHOUT ROWID;
      CREATE TABLE open_interest (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL, open_interest REAL NOT NULL,
        PRIMARY KEY (venue, symbol, time)
      ) WITHOUT ROWID;
      CREATE TABLE liquidations (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
        side TEXT CHECK (side IN ('buy', 'sell')), price REAL NOT NULL, qty REAL NOT NULL
      );
      CREATE INDEX liquidations_time ON liquidations (venue, symbol, time);
    `,
  },
  {
    version: 2,
    name: 'orders, fills and the ledger',
    sql: `
      CREATE TABLE orders (
        venue TEXT NOT NULL, client_id TEXT NOT NULL, order_id TEXT, symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')), type TEXT NOT NULL, qty REAL NOT NULL,
        price REAL, trigger_price REAL, tif TEXT, reduce_only INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL, reason TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        PRIMARY KEY (venue, client_id)
      );
      CREATE TABLE fills (
        venue TEXT NOT NULL, fill_id TEXT NOT NULL, order_id TEXT NOT NULL, client_id TEXT NOT NULL,
        symbol TEXT NOT NULL, side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        qty REAL NOT NULL, price REAL NOT NULL, fee TEXT NOT NULL,
        liquidity TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')), ts INTEGER NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY (venue, fill_id)
      );
      CREATE INDEX fills_time ON fills (venue, ts);
      CREATE TABLE ledger (
        account TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deposit', 'fill', 'funding')), symbol TEXT,
        side TEXT, qty TEXT, price TEXT, amount TEXT, fee TEXT, multiplier TEXT, rate REAL,
        fill_id TEXT, order_id TEXT, note TEXT,
        PRIMARY KEY (account, seq)
      );
      -- The ledger is append-only: the database itself refuses edits.
      CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
      CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
    `,
  },
  {
    version: 3,
    name: 'backtest runs and imports',
    sql: `
      CREATE TABLE backtest_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT, strategy TEXT NOT NULL, params TEXT NOT NULL,
        data_from INTEGER, data_to INTEGER, symbols TEXT NOT NULL, fill_model TEXT NOT NULL,
        metrics TEXT NOT NULL, created_at INTEGER NOT NULL
      );
      CREATE INDEX backtest_runs_strategy ON backtest_runs (strategy, id);
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY AUTOINCREMENT, file_sha256 TEXT NOT NULL, file_name TEXT NOT NULL,
        format TEXT NOT NULL, venue TEXT NOT NULL, symbol TEXT NOT NULL, interval_ms INTEGER NOT NULL,
        rows INTEGER NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
        skipped INTEGER NOT NULL, imported_at INTEGER NOT NULL
      );
      CREATE INDEX imports_sha ON imports (file_sha256);
    `,
  },
  {
    version: 4,
    name: 'live recordings',
    // Raw frames exactly as received (bytes, arrival order, receive time) plus the parsed market rows
    // the recorder writes beside them. Books are one row per snapshot with both sides as packed
    // little-endian float64 [price, size, …] blobs: a level per row would cost ~20× the rows and the
    // raw frame is kept anyway. Asset contexts carry no venue time: `time` is the receive time.
    sql: `
      CREATE TABLE recording_sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, venue TEXT NOT NULL, started_at INTEGER NOT NULL, meta TEXT NOT NULL
      );
      CREATE TABLE recordings (
        recording INTEGER NOT NULL, seq INTEGER NOT NULL, ts_init INTEGER NOT NULL, channel TEXT NOT NULL, payload BLOB NOT NULL
      );
      CREATE UNIQUE INDEX recordings_seq ON recordings (recording, seq);
      CREATE TRIGGER recordings_no_update BEFORE UPDATE ON recordings BEGIN SELECT RAISE(ABORT, 'recordings are append-only'); END;
      CREATE TRIGGER recordings_no_delete BEFORE DELETE ON recordings BEGIN SELECT RAISE(ABORT, 'recordings are append-only'); END;
      CREATE TABLE book_snapshots (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL, ts_init INTEGER NOT NULL, bids BLOB NOT NULL, asks BLOB NOT NULL
      );
      CREATE INDEX book_snapshots_time ON book_snapshots (venue, symbol, time);
      CREATE TABLE asset_contexts (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL,
        funding REAL, open_interest REAL, mark REAL NOT NULL, oracle REAL, mid REAL, premium REAL
      );
      CREATE INDEX asset_contexts_time ON asset_contexts (venue, symbol, time);
    `,
  },
  {
    version: 5,
    name: 'frame blocks, one trades index',
    // A row per frame made the raw bytes and SQLite's per-row work the recorder's limit. New frames
    // are stored a batch per row: a fixed-width index (receive time, length, channel number per
    // frame) and the frames' bytes, brotli-compressed (store/sqlite/frame-block.ts). Frames of
    // version 4 stay in `recordings` and are read from there.
    // Trades: one index instead of two. Uniqueness on (venue, symbol, time, trade_id) serves both
    // the dedup (a venue trade keeps its time when re-sent) and time-range reads; it cannot fail on
    // existing rows, which were unique on a subset of these columns.
    sql: `
      CREATE TABLE recording_blocks (
        recording INTEGER NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
        first_ts REAL NOT NULL, last_ts REAL NOT NULL, codec TEXT NOT NULL, channels TEXT NOT NULL,
        frame_index BLOB NOT NULL, payload BLOB NOT NULL
      );
      CREATE UNIQUE INDEX recording_blocks_seq ON recording_blocks (recording, first_seq);
      CREATE TRIGGER recording_blocks_no_update BEFORE UPDATE ON recording_blocks BEGIN SELECT RAISE(ABORT, 'recordings are append-only'); END;
      CREATE TRIGGER recording_blocks_no_delete BEFORE DELETE ON recording_blocks BEGIN SELECT RAISE(ABORT, 'recordings are append-only'); END;
      CREATE UNIQUE INDEX trades_key ON trades (venue, symbol, time, trade_id);
      DROP INDEX trades_id;
      DROP INDEX trades_time;
    `,
  },
  {
    version: 6,
    name: 'trade blocks',
    // A row per trade (plus its index entry) made SQLite's per-row work half of the recorder's time.
    // Trades are now stored a block per (venue, symbol) per batch, as compressed byte planes of
    // their columns (store/sqlite/trade-block.ts), ids as integers; the rows of earlier versions
    // are converted (in order) and their table dropped, so there is one layout to read.
    sql: `
      CREATE TABLE trade_blocks (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, first_time INTEGER NOT NULL, last_time INTEGER NOT NULL,
        trades INTEGER NOT NULL, codec TEXT NOT NULL, payload BLOB NOT NULL
      );
      CREATE INDEX trade_blocks_time ON trade_blocks (venue, symbol, last_time);
    `,
    run: (db) => {
      convertTradeRows(db);
      db.exec('DROP TABLE trades');
    },
  },
  {
    version: 7,
    name: 'book blocks',
    // A snapshot row held both sides as raw float64 pairs: 640 bytes for 20 levels a side, several
    // times the compressed raw frame it came from. Snapshots are now a block per (venue, symbol)
    // per batch, prices and sizes as compressed byte planes (store/sqlite/book-block.ts); the rows
    // of earlier versions are converted and their table dropped.
    sql: `
      CREATE TABLE book_blocks (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, first_time INTEGER NOT NULL, last_time INTEGER NOT NULL,
        snapshots INTEGER NOT NULL, codec TEXT NOT NULL, payload BLOB NOT NULL
      );
      CREATE INDEX book_blocks_time ON book_blocks (venue, symbol, last_time);
    `,
    run: (db) => {
      convertBookRows(db);
      db.exec('DROP TABLE book_snapshots');
    },
  },
  {
    version: 8,
    name: 'backtest run specs and output digests',
    // A run's spec (strategy and input hashes, every setting) and the hashes of its outputs, as
    // JSON, so `sextant runs rerun` can repeat it and prove identity. NULL for earlier runs.
    sql: `
      ALTER TABLE backtest_runs ADD COLUMN spec TEXT;
      ALTER TABLE backtest_runs ADD COLUMN digest TEXT;
    `,
  },
  {
    version: 9,
    name: 'final candles and confirmed empty ranges',
    // A bar is final once its interval closed before the answer that carried it; a forming bar is
    // stored with final = 0 and replaced by a later download. Existing rows cannot tell which they
    // were, so the ones that may have been stored still forming become not final (a download over
    // their range replaces them): the newest bar of each series no file import wrote (a download
    // ends on the forming bar), and every bar that was open while a recording ran (the recorder
    // stores the last update it saw, usually before the close). Other rows (imported files,
    // downloaded history behind the newest bar) stay final.
    // candle_empty: ranges of bar open times [from, to) the venue answered without a bar (no
    // trades), so a download does not ask for them again.
    sql: `
      ALTER TABLE candles ADD COLUMN final INTEGER NOT NULL DEFAULT 1 CHECK (final IN (0, 1));
      CREATE TABLE candle_empty (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, interval_ms INTEGER NOT NULL, from_time INTEGER NOT NULL, to_time INTEGER NOT NULL,
        PRIMARY KEY (venue, symbol, interval_ms, from_time)
      ) WITHOUT ROWID;
      UPDATE candles SET final = 0 WHERE EXISTS (
        SELECT 1 FROM bar_series s WHERE s.venue = candles.venue AND s.symbol = candles.symbol AND s.interval_ms = candles.interval_ms AND s.last_time = candles.time
          AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.venue = s.venue AND i.symbol = s.symbol AND i.interval_ms = s.interval_ms));
      WITH spans (venue, a, b) AS (
        SELECT s.venue, min(k.first_ts), max(k.last_ts) FROM recording_sessions s JOIN recording_blocks k ON k.recording = s.id GROUP BY s.id
        UNION ALL
        SELECT s.venue, min(r.ts_init), max(r.ts_init) FROM recording_sessions s JOIN recordings r ON r.recording = s.id GROUP BY s.id
      )
      UPDATE candles SET final = 0 WHERE EXISTS (
        SELECT 1 FROM spans WHERE spans.venue = candles.venue AND candles.time + candles.interval_ms > spans.a AND candles.time <= spans.b);
    `,
  },
  {
    version: 10,
    name: 'the durable OMS',
    // Intents are stored before anything is sent; the dedupe key is unique, so a replayed decision
    // writes nothing. An order's status is its last transition (append-only, each with the venue
    // evidence behind it as JSON), never an edited column. Fills are unique by venue fill id; an
    // external order's fill has no cloid and is flagged. Quantities and prices are REAL (venue
    // grid values), fees exact decimal TEXT.
    sql: `
      CREATE TABLE oms_intents (
        venue TEXT NOT NULL, cloid TEXT NOT NULL, dedupe_key TEXT NOT NULL, bot_id TEXT NOT NULL, symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')), qty REAL NOT NULL CHECK (qty > 0), type TEXT NOT NULL,
        price REAL, trigger_price REAL, tif TEXT NOT NULL, reduce_only INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
        reason TEXT NOT NULL, decision_ts INTEGER NOT NULL, created_at INTEGER NOT NULL,
        PRIMARY KEY (venue, cloid)
      );
      CREATE UNIQUE INDEX oms_intents_dedupe ON oms_intents (venue, dedupe_key);
      CREATE TABLE oms_transitions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, venue TEXT NOT NULL, cloid TEXT NOT NULL,
        from_status TEXT, to_status TEXT NOT NULL, event TEXT NOT NULL, venue_order_id TEXT, evidence TEXT NOT NULL, ts INTEGER NOT NULL,
        FOREIGN KEY (venue, cloid) REFERENCES oms_intents (venue, cloid)
      );
      CREATE INDEX oms_transitions_order ON oms_transitions (venue, cloid, seq);
      CREATE TABLE oms_fills (
        venue TEXT NOT NULL, fill_id TEXT NOT NULL, venue_order_id TEXT NOT NULL, cloid TEXT, symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')), qty REAL NOT NULL, price REAL NOT NULL, fee TEXT NOT NULL,
        liquidity TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')), ts INTEGER NOT NULL,
        external INTEGER NOT NULL CHECK (external IN (0, 1)), matched_by TEXT NOT NULL,
        PRIMARY KEY (venue, fill_id)
      );
      CREATE INDEX oms_fills_time ON oms_fills (venue, ts);
      CREATE TABLE oms_position_baseline (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, size REAL NOT NULL, ts INTEGER NOT NULL, evidence TEXT NOT NULL,
        PRIMARY KEY (venue, symbol)
      );
      CREATE TRIGGER oms_intents_no_update BEFORE UPDATE ON oms_intents BEGIN SELECT RAISE(ABORT, 'intents are append-only'); END;
      CREATE TRIGGER oms_intents_no_delete BEFORE DELETE ON oms_intents BEGIN SELECT RAISE(ABORT, 'intents are append-only'); END;
      CREATE TRIGGER oms_transitions_no_update BEFORE UPDATE ON oms_transitions BEGIN SELECT RAISE(ABORT, 'order transitions are append-only'); END;
      CREATE TRIGGER oms_transitions_no_delete BEFORE DELETE ON oms_transitions BEGIN SELECT RAISE(ABORT, 'order transitions are append-only'); END;
      CREATE TRIGGER oms_fills_no_update BEFORE UPDATE ON oms_fills BEGIN SELECT RAISE(ABORT, 'fills are append-only'); END;
      CREATE TRIGGER oms_fills_no_delete BEFORE DELETE ON oms_fills BEGIN SELECT RAISE(ABORT, 'fills are append-only'); END;
    `,
  },
  {
    version: 11,
    name: 'audit trail',
    // The hash-chained audit log (ledger/audit-chain.ts): seq without gaps, data as canonical JSON,
    // each hash over the record and the previous hash. Triggers refuse UPDATE and DELETE, so only a
    // deliberate edit (dropping them first) can change the past, and `sextant audit verify` names it.
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, kind TEXT NOT NULL, bot_id TEXT, symbol TEXT,
        data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_ts ON audit_log (ts);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 12,
    name: 'API keys',
    // Keys for scripts (server/auth/api-keys.ts): the SHA-256 of each key, never the key; a revoked
    // key keeps its row (revoked_at set), so its id is never reused and the list shows what was.
    sql: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL CHECK (scope IN ('read', 'trade', 'admin')),
        owner TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
        created_at INTEGER NOT NULL, last_used_at INTEGER, revoked_at INTEGER
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version this code knows (the last migration). */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The database's schema version (0 for a new, empty database). */
export function schemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies the migrations the database lacks, each in its own transaction (so a failure leaves the
 * last good version). Refuses a database from a newer Sextant rather than guess at its schema.
 * Returns the versions applied.
 */
export function migrate(db: Database.Database, where: string, now: number, migrations: readonly Migration[] = MIGRATIONS): number[] {
  for (let i = 0; i < migrations.length; i++) {
    if (migrations[i].version !== i + 1) throw new InvariantError(`migration ${i + 1} is numbered ${migrations[i].version}`);
  }
  const known = migrations.length;
  const current = schemaVersion(db);
  if (current > known) {
    throw new BadInputError(where, `database schema version ${current} is newer than this Sextant supports (${known}); use a newer Sextant or another --db`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const version = db.prepare('SELECT max(version) AS v FROM schema_migrations');
  for (const m of migrations.slice(current)) {
    // Re-read inside the write lock: another process may have applied it meanwhile.
    const did = db.transaction(() => {
      if (((version.get() as { v: number | null }).v ?? 0) >= m.version) return false;
      db.exec(m.sql);
      m.run?.(db);
      record.run(m.version, m.name, now);
      return true;
    }).immediate();
    if (did) applied.push(m.version);
  }
  return applied;
}

// Tests of the SQLite schema migrations and database settings: fresh, older and newer databases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '../../core/manual-clock.js';
import { BadInputError } from '../../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sextant-migrate-'));
}

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);

test('a new database gets every migration, in order, each recorded with the clock time', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'a', 'b', 'sextant.db');
    const store = openSqliteStore(path, { clock: new ManualClock(1234) });
    void store.close();
    assert.ok(existsSync(path), 'the folder and file are created');
    const db = new Database(path);
    assert.deepEqual(db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all(), MIGRATIONS.map((m) => ({ version: m.version, applied_at: 1234 })));
    assert.deepEqual(tables(db), ['api_keys', 'asset_contexts', 'audit_log', 'backtest_runs', 'bar_series', 'book_blocks', 'candle_empty', 'candles', 'fills', 'funding', 'imports', 'instruments', 'ledger', 'liquidations', 'oms_fills', 'oms_intents', 'oms_position_baseline', 'oms_transitions', 'open_interest', 'orders', 'recording_blocks', 'recording_sessions', 'recordings', 'schema_migrations', 'trade_blocks']);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an older database is migrated forward on open, keeping its data', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'old.db');
    const db = new Database(path);
    assert.deepEqual(migrate(db, path, 1, MIGRATIONS.slice(0, 1)), [1]);
    db.prepare("INSERT INTO funding (venue, symbol, time, rate) VALUES ('hl', 'BTC', 0, 0.0001)").run();
    assert.equal(schemaVersion(db), 1);
    db.close();
    const store = openSqliteStore(path, { clock: new ManualClock(2) });
    void store.close();
    const again = new Database(path);
    assert.equal(schemaVersion(again), SCHEMA_VERSION);
    assert.equal(again.prepare('SELECT count(*) FROM funding').pluck().get(), 1);
    assert.deepEqual(migrate(again, path, 3), [], 'nothing left to apply');
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('version 9 keeps existing bars final except those that may have been stored still forming', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'v7.db');
    const db = new Database(path);
    migrate(db, path, 1, MIGRATIONS.slice(0, 7));
    const MIN = 60_000;
    const T = Date.UTC(2025, 0, 1);
    const bar = db.prepare('INSERT INTO candles (venue, symbol, interval_ms, time, o, h, l, c, v) VALUES (?, ?, ?, ?, 1, 1, 1, 1, 1)');
    const series = db.prepare('INSERT INTO bar_series (venue, symbol, interval_ms, bars, first_time, last_time) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [venue, symbol] of [['file', 'IDX'], ['hyperliquid', 'BTC'], ['testnet', 'ETH']]) {
      for (let i = 0; i < 10; i++) bar.run(venue, symbol, MIN, T + i * MIN);
      series.run(venue, symbol, MIN, 10, T, T + 9 * MIN);
    }
    db.prepare("INSERT INTO imports (file_sha256, file_name, format, venue, symbol, interval_ms, rows, inserted, updated, unchanged, skipped, imported_at) VALUES ('x', 'f.csv', 'csv', 'file', 'IDX', ?, 10, 10, 0, 0, 0, 0)").run(MIN);
    // A hyperliquid recording from 00:02:30 to 00:04:10: the minutes 2, 3 and 4 were open while it ran
    // (which coins it recorded is free-form metadata, so every series of the venue counts).
    db.prepare("INSERT INTO recording_sessions (id, venue, started_at, meta) VALUES (1, 'hyperliquid', 0, '{}')").run();
    db.prepare("INSERT INTO recording_blocks VALUES (1, 1, 9, ?, ?, 'zstd', '[]', x'', x'')").run(T + 150_000, T + 250_000);
    db.close();

    void openSqliteStore(path, { clock: new ManualClock(0) }).close();
    const after = new Database(path);
    const notFinal = (venue: string, symbol: string): number[] =>
      (after.prepare('SELECT time FROM candles WHERE venue = ? AND symbol = ? AND final = 0 ORDER BY time').pluck().all(venue, symbol) as number[]).map((t) => (t - T) / MIN);
    assert.deepEqual(notFinal('file', 'IDX'), [], 'an imported file is closed history');
    assert.deepEqual(notFinal('hyperliquid', 'BTC'), [2, 3, 4, 9], 'bars open during a recording, and the newest (a download may have stored it forming)');
    assert.deepEqual(notFinal('testnet', 'ETH'), [9], 'no recording of that venue: only the newest bar');
    after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database from a newer Sextant is refused with a clear error and left untouched', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'future.db');
    void openSqliteStore(path, { clock: new ManualClock(0) }).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)").run();
    db.close();
    assert.throws(
      () => openSqliteStore(path, { clock: new ManualClock(0) }),
      (e: unknown) => e instanceof BadInputError && e.where === path && e.message.includes(`schema version 99 is newer than this Sextant supports (${SCHEMA_VERSION})`),
    );
    const check = new Database(path);
    assert.equal(schemaVersion(check), 99);
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing migration rolls back to the last good version', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'broken.db');
    const db = new Database(path);
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', sql: 'CREATE TABLE x (a); CREATE TABLE x (a);' }];
    assert.throws(() => migrate(db, path, 0, broken), /already exists/);
    assert.equal(schemaVersion(db), 1);
    assert.ok(!tables(db).includes('x'));
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that is not a database is refused as bad input', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'junk.db');
    writeFileSync(path, 'this is not sqlite, just text long enough to have a header page ... '.repeat(20));
    assert.throws(() => openSqliteStore(path, { clock: new ManualClock(0) }), BadInputError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the ledger table itself refuses updates and deletes', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'l.db');
    const store = openSqliteStore(path, { clock: new ManualClock(0) });
    await store.ledger.appendLedger('paper', [{ kind: 'deposit', seq: 1, ts: 0, amount: 5n, note: 'x' }]);
    await store.close();
    const db = new Database(path);
    assert.throws(() => db.prepare("UPDATE ledger SET note = 'y'").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM ledger').run(), /append-only/);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Runs the RecordingStore conformance suite on SQLite temp files, plus the database's own refusal to edit recorded frames and the schema-4 upgrade.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '../../core/manual-clock.js';
import { recordingConformance } from '../../testkit/store/recording-conformance.js';
import { FrameColumns } from '../frame-columns.js';
import { TradeColumns } from '../trade-columns.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';
import { tempSqliteStore } from '../../testkit/store/temp-sqlite-store.js';

recordingConformance('sqlite', tempSqliteStore);

test('sqlite: recorded frames are append-only in the database itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  try {
    const path = join(dir, 'db.sqlite');
    const store = openSqliteStore(path, { clock: new ManualClock(0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    await store.recordings.appendBatch({ recording: rec.id, venue: 'hyperliquid', frames: FrameColumns.of([{ seq: 1, tsInit: 5, channel: 'pong', payload: Buffer.from('{"channel":"pong"}') }]), trades: new TradeColumns(), books: [], candles: [], contexts: [] });
    await store.close();
    const db = new Database(path);
    // Frames of schema 4 (a row each) are as protected as the blocks written now.
    db.prepare("INSERT INTO recordings (recording, seq, ts_init, channel, payload) VALUES (?, 2, 6, 'pong', x'00')").run(rec.id);
    assert.throws(() => db.prepare("UPDATE recordings SET channel = 'x'").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM recordings').run(), /append-only/);
    assert.equal(db.prepare('SELECT count(*) FROM recording_blocks').pluck().get(), 1);
    assert.throws(() => db.prepare("UPDATE recording_blocks SET channels = '[]'").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM recording_blocks').run(), /append-only/);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a recording made under schema 4 (a row per frame) reads back after the upgrade and continues in blocks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  try {
    const path = join(dir, 'db.sqlite');
    const db = new Database(path);
    migrate(db, path, 0, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO recording_sessions (venue, started_at, meta) VALUES ('hyperliquid', 0, '{}')").run();
    const legacy = db.prepare('INSERT INTO recordings (recording, seq, ts_init, channel, payload) VALUES (1, ?, ?, ?, ?)');
    legacy.run(1, 100, 'trades', Buffer.from('{"a":1}'));
    legacy.run(2, 101, 'l2Book', Buffer.from('{"b":2}'));
    db.prepare("INSERT INTO trades (venue, symbol, time, trade_id, side, price, qty) VALUES ('hyperliquid', 'BTC', 100, '7', 'buy', 1, 1)").run();
    db.close();

    const store = openSqliteStore(path, { clock: new ManualClock(0) });
    const before = await store.recordings.getRecording(1);
    assert.deepEqual([before?.frames, before?.firstTsInit, before?.lastTsInit], [2, 100, 101]);
    await assert.rejects(
      store.recordings.appendBatch({ recording: 1, venue: 'hyperliquid', frames: FrameColumns.of([{ seq: 2, tsInit: 102, channel: 'x', payload: Buffer.from('x') }]), trades: new TradeColumns(), books: [], candles: [], contexts: [] }),
      /frame seq 2 does not continue the recording \(expected 3\)/,
    );
    const counts = await store.recordings.appendBatch({
      recording: 1,
      venue: 'hyperliquid',
      frames: FrameColumns.of([{ seq: 3, tsInit: 102, channel: 'trades', payload: Buffer.from('{"c":3}') }]),
      trades: TradeColumns.of([
        { symbol: 'BTC', time: 100, tradeId: 7, side: 'buy', price: 1, qty: 1 },
        { symbol: 'BTC', time: 102, tradeId: 8, side: 'sell', price: 2, qty: 1 },
      ]),
      books: [],
      candles: [],
      contexts: [],
    });
    assert.deepEqual([counts.trades, counts.tradesDuplicate], [1, 1], 'the trade stored under schema 4 (converted to a block by migration 6) is recognised as a duplicate');
    const frames = await store.recordings.readFrames(1, 1, 10);
    assert.deepEqual(
      frames.map((f) => [f.seq, f.tsInit, f.channel, Buffer.from(f.payload).toString()]),
      [
        [1, 100, 'trades', '{"a":1}'],
        [2, 101, 'l2Book', '{"b":2}'],
        [3, 102, 'trades', '{"c":3}'],
      ],
    );
    assert.deepEqual((await store.recordings.readFrames(1, 2, 1)).map((f) => f.seq), [2]);
    assert.deepEqual((await store.recordings.readFrames(1, 3, 5)).map((f) => f.seq), [3]);
    const after = await store.recordings.getRecording(1);
    assert.deepEqual([after?.frames, after?.firstTsInit, after?.lastTsInit], [3, 100, 102]);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: migration 6 turns trade rows into blocks in time order, and refuses (rolled back) an id that is not a whole number', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  try {
    const good = join(dir, 'good.sqlite');
    const db = new Database(good);
    migrate(db, good, 0, MIGRATIONS.slice(0, 5));
    const row = db.prepare("INSERT INTO trades (venue, symbol, time, trade_id, side, price, qty) VALUES ('hyperliquid', ?, ?, ?, ?, ?, 1)");
    row.run('BTC', 200, '12', 'sell', 2);
    row.run('BTC', 100, '11', 'buy', 1);
    row.run('ETH', 150, '11', 'buy', 3);
    db.close();
    const store = openSqliteStore(good, { clock: new ManualClock(0) });
    assert.deepEqual(await store.recordings.loadTrades('hyperliquid', 'BTC'), [
      { symbol: 'BTC', time: 100, tradeId: 11, side: 'buy', price: 1, qty: 1 },
      { symbol: 'BTC', time: 200, tradeId: 12, side: 'sell', price: 2, qty: 1 },
    ]);
    assert.deepEqual((await store.recordings.loadTrades('hyperliquid', 'ETH')).map((t) => [t.tradeId, t.price]), [[11, 3]]);
    await store.close();

    const bad = join(dir, 'bad.sqlite');
    const old = new Database(bad);
    migrate(old, bad, 0, MIGRATIONS.slice(0, 5));
    old.prepare("INSERT INTO trades (venue, symbol, time, trade_id, side, price, qty) VALUES ('binance', 'BTCUSDT', 1, 'a-17', 'buy', 1, 1)").run();
    old.close();
    assert.throws(() => openSqliteStore(bad, { clock: new ManualClock(0) }), /trades row 1 \(binance BTCUSDT\): trade id "a-17" is not a whole number/);
    const check = new Database(bad);
    assert.equal(check.prepare('SELECT max(version) FROM schema_migrations').pluck().get(), 5, 'still at version 5');
    assert.equal(check.prepare('SELECT count(*) FROM trades').pluck().get(), 1, 'the row is still there');
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: migration 7 turns book snapshot rows into blocks; a side blob that is not float64 pairs is refused, naming the row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  try {
    const side = (...v: number[]): Buffer => Buffer.from(new Float64Array(v).buffer);
    const good = join(dir, 'good.sqlite');
    const db = new Database(good);
    migrate(db, good, 0, MIGRATIONS.slice(0, 6));
    const row = db.prepare("INSERT INTO book_snapshots (venue, symbol, time, ts_init, bids, asks) VALUES ('hyperliquid', ?, ?, ?, ?, ?)");
    row.run('BTC', 200, 201, side(99, 2), side(101, 1, 102, 3));
    row.run('BTC', 100, 101, side(), side(101, 5));
    row.run('ETH', 150, 151, side(2000, 1), side());
    db.close();
    const store = openSqliteStore(good, { clock: new ManualClock(0) });
    assert.deepEqual(await store.recordings.loadBooks('hyperliquid', 'BTC'), [
      { symbol: 'BTC', time: 100, tsInit: 101, bids: new Float64Array([]), asks: new Float64Array([101, 5]) },
      { symbol: 'BTC', time: 200, tsInit: 201, bids: new Float64Array([99, 2]), asks: new Float64Array([101, 1, 102, 3]) },
    ]);
    assert.deepEqual((await store.recordings.loadBooks('hyperliquid', 'ETH', 150, 151)).map((b) => [...b.bids]), [[2000, 1]]);
    await store.close();

    const bad = join(dir, 'bad.sqlite');
    const old = new Database(bad);
    migrate(old, bad, 0, MIGRATIONS.slice(0, 6));
    old.prepare("INSERT INTO book_snapshots (venue, symbol, time, ts_init, bids, asks) VALUES ('hyperliquid', 'BTC', 1, 1, x'0011', x'')").run();
    old.close();
    assert.throws(() => openSqliteStore(bad, { clock: new ManualClock(0) }), /book_snapshots row 1: a side blob of 2 bytes is not \[price, size\] float64 pairs/);
    const check = new Database(bad);
    assert.equal(check.prepare('SELECT max(version) FROM schema_migrations').pluck().get(), 6, 'still at version 6');
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

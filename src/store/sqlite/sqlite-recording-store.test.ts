// Runs the RecordingStore conformance suite on SQLite temp files, plus the database's own refusal to edit recorded frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SimClock } from '../../core/clock.js';
import { recordingConformance } from '../recording-conformance.js';
import { openSqliteStore } from './sqlite-store.js';

recordingConformance('sqlite', async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  const path = join(dir, 'sextant.db');
  const store = openSqliteStore(path, { clock });
  return {
    store,
    reopen: async () => openSqliteStore(path, { clock }),
    cleanup: async () => {
      await store.close().catch((e: unknown) => {
        if (!(e instanceof Error && /not open/.test(e.message))) throw e;
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

test('sqlite: recorded frames are append-only in the database itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  try {
    const path = join(dir, 'db.sqlite');
    const store = openSqliteStore(path, { clock: new SimClock(0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    await store.recordings.appendBatch({ recording: rec.id, venue: 'hyperliquid', frames: [{ seq: 1, tsInit: 5, channel: 'pong', payload: Buffer.from('{"channel":"pong"}') }], trades: [], books: [], candles: [], contexts: [] });
    await store.close();
    const db = new Database(path);
    assert.throws(() => db.prepare("UPDATE recordings SET channel = 'x'").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM recordings').run(), /append-only/);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

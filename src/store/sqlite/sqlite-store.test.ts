// Runs the Store conformance suite against SQLite on temp files; a new database gets 16 KiB pages, an existing one keeps its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '../../core/manual-clock.js';
import { openSqliteStore } from './sqlite-store.js';
import { storeConformance } from '../../testkit/store/store-conformance.js';
import { tempSqliteStore } from '../../testkit/store/temp-sqlite-store.js';

storeConformance('sqlite', tempSqliteStore);

test('sqlite: a new database has 16 KiB pages; one made with 4 KiB pages keeps them and opens as before', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-pages-'));
  try {
    const pageSize = (path: string): number => {
      const db = new Database(path, { readonly: true });
      try {
        return db.pragma('page_size', { simple: true }) as number;
      } finally {
        db.close();
      }
    };
    const fresh = join(dir, 'new.db');
    await openSqliteStore(fresh, { clock: new ManualClock(0) }).close();
    assert.equal(pageSize(fresh), 16384);
    const old = join(dir, 'old.db');
    const db = new Database(old);
    db.pragma('page_size = 4096');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const store = openSqliteStore(old, { clock: new ManualClock(0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    assert.equal(rec.id, 1);
    await store.close();
    assert.equal(pageSize(old), 4096);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

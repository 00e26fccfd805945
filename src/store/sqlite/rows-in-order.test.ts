// forEachRowInOrder: every row once, in (venue, symbol, time, insertion) order across page edges, while the visitor writes to the same connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { forEachRowInOrder } from './rows-in-order.js';

test('rows come in (venue, symbol, time, rowid) order across pages, each once, and the visitor may insert meanwhile', () => {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (venue TEXT, symbol TEXT, time INTEGER, x INTEGER); CREATE TABLE out (x INTEGER)');
    const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
    // Equal times straddle the page edges (page size 3): rowid must break the ties.
    const rows: [string, string, number, number][] = [['hl', 'ETH', 5, 1], ['hl', 'BTC', 7, 2], ['hl', 'BTC', 5, 3], ['bn', 'BTC', 9, 4], ['hl', 'BTC', 5, 5], ['hl', 'BTC', 5, 6], ['hl', 'BTC', 5, 7], ['hl', 'ETH', 1, 8]];
    for (const r of rows) ins.run(...r);
    const out = db.prepare('INSERT INTO out VALUES (?)');
    const seen: unknown[][] = [];
    forEachRowInOrder(db, 't', ['x'], (row) => {
      seen.push([...row]);
      out.run(row[4]);
    }, 3);
    assert.deepEqual(seen.map((r) => r[4]), [4, 3, 5, 6, 7, 2, 8, 1]);
    assert.deepEqual(seen[0], ['bn', 'BTC', 9, 4, 4], '[venue, symbol, time, rowid, ...columns]');
    assert.equal(db.prepare('SELECT count(*) FROM out').pluck().get(), 8);
  } finally {
    db.close();
  }
});

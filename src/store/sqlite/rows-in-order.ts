// Every row of a market-data table in (venue, symbol, time, insertion) order, read in keyset pages: what the block migrations convert.
import type Database from 'better-sqlite3';

/**
 * Calls `visit([venue, symbol, time, rowid, ...columns])` for every row of `table`. Pages, not one
 * iterator: better-sqlite3 cannot write on a connection while a read is still open on it, and the
 * caller inserts as it goes.
 */
export function forEachRowInOrder(db: Database.Database, table: string, columns: readonly string[], visit: (row: readonly unknown[]) => void, pageSize = 10_000): void {
  const select = `SELECT venue, symbol, time, rowid, ${columns.join(', ')} FROM ${table}`;
  const order = `ORDER BY venue, symbol, time, rowid LIMIT ${pageSize}`;
  const first = db.prepare(`${select} ${order}`).raw(true);
  const next = db.prepare(`${select} WHERE (venue, symbol, time, rowid) > (?, ?, ?, ?) ${order}`).raw(true);
  for (let page = first.all() as unknown[][]; page.length > 0; ) {
    for (const row of page) visit(row);
    const last = page[page.length - 1];
    page = next.all(last[0], last[1], last[2], last[3]) as unknown[][];
  }
}

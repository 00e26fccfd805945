// A second, raw connection to a store's SQLite file: tests tamper through it as an attacker with file access would.
import Database from 'better-sqlite3';

/** Runs `sql` on the database at `path` through its own connection, then closes it. */
export function execRawSql(path: string, sql: string): void {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

// Opening a Sextant SQLite file: the folder made, the connection opened, configured and migrated, every failure named by path.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BadInputError } from '../../core/errors.js';
import { migrate } from './migrations.js';

/**
 * Opens (or creates) the database at `path` (`:memory:` too), runs `configure` (pragmas) and the
 * migrations stamped `now`. A file that cannot be opened, or is no usable Sextant database, is a
 * BadInputError naming `path`, and the connection is closed.
 */
export function openMigratedDatabase(path: string, now: number, configure: (db: Database.Database) => void): Database.Database {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw new BadInputError(path, `cannot open the database: ${(e as Error).message}`, { cause: e });
  }
  try {
    configure(db);
    migrate(db, path, now);
  } catch (e) {
    db.close();
    if (e instanceof BadInputError) throw e;
    throw new BadInputError(path, `not a usable Sextant database: ${(e as Error).message}`, { cause: e });
  }
  return db;
}

// Opens the configured store: SQLite at a file path (the embedded default). PostgreSQL will plug in here.
import { statSync, type Stats } from 'node:fs';
import type { Clock } from '../core/clock.js';
import { BadInputError } from '../core/errors.js';
import type { Store } from './ports.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface OpenStoreOptions {
  /** Stamps created_at / imported_at. */
  readonly clock: Clock;
}

/** Opens (creating the folder, the file and the schema as needed) the store at `path`. */
export function openStore(path: string, opts: OpenStoreOptions): Store {
  return openSqliteStore(path, { clock: opts.clock });
}

/**
 * Throws BadInputError('--db', `no store at <shown> (<hint>)`) when `path` holds no store: commands
 * that only read must not create an empty database (or folders, anywhere the path points) by opening it.
 */
export function requireExistingStore(path: string, hint: string, shown: string = path): void {
  const st = statIfAny(path);
  if (st === undefined) throw new BadInputError('--db', `no store at ${shown} (${hint})`);
  // Opening a FIFO blocks; opening an empty file would write a whole schema into it.
  if (!st.isFile()) throw new BadInputError('--db', `${shown} is not a regular file, not a store (${hint})`);
  if (st.size === 0) throw new BadInputError('--db', `${shown} is an empty file, not a store (${hint})`);
}

/** stat of `path`, or undefined when it (or a folder on the way, ENOTDIR) does not exist. */
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** Opens the store at `path`, gives it to `f`, and closes it when `f` settles (also when it throws). */
export async function withStore<T>(path: string, opts: OpenStoreOptions, f: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(path, opts);
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

// Opens the configured store: SQLite at a file path (the embedded default). PostgreSQL will plug in here.
import type { Clock } from '../core/clock.js';
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

/** Opens the store at `path`, gives it to `f`, and closes it when `f` settles (also when it throws). */
export async function withStore<T>(path: string, opts: OpenStoreOptions, f: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(path, opts);
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

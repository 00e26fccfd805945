// The conformance suites' SQLite fixture: a store on a fresh temp file, reopenable, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreFactory } from './store-conformance.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';

/** A StoreFactory over a temp file (in a nested folder, so opening also creates folders). */
export const tempSqliteStore: StoreFactory = async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-store-'));
  const path = join(dir, 'nested', 'sextant.db');
  const store = openSqliteStore(path, { clock });
  return {
    store,
    reopen: async () => openSqliteStore(path, { clock }),
    cleanup: async () => {
      await store.close().catch((e: unknown) => {
        // Closing twice (a test already closed it) is fine; anything else is not.
        if (!(e instanceof Error && /not open/.test(e.message))) throw e;
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

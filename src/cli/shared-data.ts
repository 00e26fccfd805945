// Locates the shared reference data folder (`../shared/data` beside the repository) for tests and benchmarks.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `../shared/data` relative to the repository root, or undefined when absent. */
export function sharedDataDir(): string | undefined {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dir = resolve(repo, '..', 'shared', 'data');
  return existsSync(dir) ? dir : undefined;
}

export const SHARED_DATA_MISSING = 'shared reference data (../shared/data beside the repository) is absent';

// Locates the shared reference data (`../shared/data` beside the repository) for tests and benchmarks.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of `../shared/data` relative to the repository root, or undefined when absent. */
export function sharedDataDir(): string | undefined {
  const dir = resolve(REPO, '..', 'shared', 'data');
  return existsSync(dir) ? dir : undefined;
}

/** Absolute path of a file or folder inside the shared data, or undefined when it is absent. */
export function sharedDataFile(...parts: string[]): string | undefined {
  const dir = sharedDataDir();
  if (dir === undefined) return undefined;
  const path = resolve(dir, ...parts);
  return existsSync(path) ? path : undefined;
}

export const SHARED_DATA_MISSING = 'shared reference data (../shared/data beside the repository) is absent';

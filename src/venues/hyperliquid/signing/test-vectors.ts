// Test helper: loads the shared signing vectors (../shared/data/hyperliquid/signing-vectors.json) when present.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path of the shared vectors file beside the repository, or undefined when the shared data is absent. */
export function sharedVectorsPath(): string | undefined {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  const p = resolve(repo, '..', 'shared', 'data', 'hyperliquid', 'signing-vectors.json');
  return existsSync(p) ? p : undefined;
}

export function loadSharedVectors(): { path: string; data: Record<string, unknown> } | undefined {
  const path = sharedVectorsPath();
  return path === undefined ? undefined : { path, data: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

export const VECTORS_MISSING = 'shared signing vectors (../shared/data/hyperliquid/signing-vectors.json) are absent';

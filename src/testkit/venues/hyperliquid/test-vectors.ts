// Test helper: loads the shared signing vectors (../shared/data/hyperliquid/signing-vectors.json) when present.
import { sharedDataFile } from '../../shared-data.js';
import { readFileSync } from 'node:fs';

/** Path of the shared vectors file beside the repository, or undefined when the shared data is absent. */
export function sharedVectorsPath(): string | undefined {
  return sharedDataFile('hyperliquid', 'signing-vectors.json');
}

export function loadSharedVectors(): { path: string; data: Record<string, unknown> } | undefined {
  const path = sharedVectorsPath();
  return path === undefined ? undefined : { path, data: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

export const VECTORS_MISSING = 'shared signing vectors (../shared/data/hyperliquid/signing-vectors.json) are absent';

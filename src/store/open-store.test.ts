// requireExistingStore: a read-only command never turns an empty file or a FIFO into a store by opening it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { requireExistingStore } from './open-store.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-open-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('an empty file is no store: refused and left empty (it was migrated into a 700 kB database by `audit verify`)', (t) => {
  const path = join(tempDir(t), 'empty.db');
  writeFileSync(path, '');
  assert.throws(() => requireExistingStore(path, 'hint', 'empty.db'), (e: unknown) => e instanceof BadInputError && /empty\.db is an empty file, not a store \(hint\)/.test(e.message));
  assert.equal(statSync(path).size, 0);
});

test('a FIFO or a folder is no store: refused by name, not opened', (t) => {
  const dir = tempDir(t);
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  assert.throws(() => requireExistingStore(join(dir, 'fifo'), 'hint', 'fifo'), (e: unknown) => e instanceof BadInputError && /fifo is not a regular file/.test(e.message));
  assert.throws(() => requireExistingStore(dir, 'hint', 'dir'), (e: unknown) => e instanceof BadInputError && /dir is not a regular file/.test(e.message));
});

test('a missing store is still named with the hint', (t) => {
  assert.throws(() => requireExistingStore(join(tempDir(t), 'x.db'), 'record first', 'x.db'), (e: unknown) => e instanceof BadInputError && e.message.includes('no store at x.db (record first)'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from './errors.js';
import { makeDirs } from './make-dirs.js';

test('makeDirs creates missing parents, accepts an existing folder, and refuses a file or a refusing file system at once', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dirs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  makeDirs(join(dir, 'a', 'b', 'c'));
  assert.ok(statSync(join(dir, 'a', 'b', 'c')).isDirectory());
  makeDirs(join(dir, 'a', 'b', 'c'));
  writeFileSync(join(dir, 'f'), '');
  assert.throws(() => makeDirs(join(dir, 'f', 'x')), (e: unknown) => e instanceof BadInputError && /is not a folder/.test(e.message));
  // Node's own recursive mkdir never returns here (it loops on ENOENT).
  assert.throws(() => makeDirs('/proc/sextant-no-such/x'), (e: unknown) => e instanceof BadInputError && /cannot create the folder \/proc\/sextant-no-such/.test(e.message));
});

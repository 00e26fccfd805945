// Output files: checked without creating anything, written atomically, a failed write leaves no file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { checkOutputFile, writeFileAtomic } from './output-file.js';

test('checkOutputFile accepts new and existing regular files and missing folders, and creates nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-of-'));
  writeFileSync(join(dir, 'old.html'), 'old');
  checkOutputFile(join(dir, 'old.html'));
  checkOutputFile(join(dir, 'new.html'));
  checkOutputFile(join(dir, 'a', 'b', 'c.html'));
  assert.deepEqual(readdirSync(dir), ['old.html']);
});

test('checkOutputFile rejects folders, devices, kernel file systems and paths under a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-of-'));
  writeFileSync(join(dir, 'f'), '');
  const reasons: [string, RegExp][] = [
    [dir, /is a directory$/],
    ['/dev/null', /is a device, not a regular file$/],
    ['/proc/self/status', /\/proc\/self is on proc, a kernel file system, not storage$/],
    ['/proc/nope/a/b.html', /\/proc is on proc/],
    [join(dir, 'f', 'x.html'), /\/f is not a directory$/],
  ];
  for (const [path, reason] of reasons) {
    assert.throws(
      () => checkOutputFile(path),
      (e) => e instanceof BadInputError && e.where === path && reason.test(e.message),
      path,
    );
  }
});

test('writeFileAtomic replaces the file (through a symlink to its target); a failed rename removes the temporary file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-of-'));
  const file = join(dir, 'sub', 'r.html');
  writeFileAtomic(file, 'one');
  chmodSync(file, 0o640);
  writeFileAtomic(file, 'two');
  assert.equal(readFileSync(file, 'utf8'), 'two');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  symlinkSync(file, join(dir, 'link.html'));
  writeFileAtomic(join(dir, 'link.html'), 'three');
  assert.equal(readFileSync(file, 'utf8'), 'three');
  assert.deepEqual(readdirSync(join(dir, 'sub')), ['r.html']);
  mkdirSync(join(dir, 'taken', 'inside'), { recursive: true });
  assert.throws(() => writeFileAtomic(join(dir, 'taken'), 'x'), (e) => e instanceof BadInputError && e.where === join(dir, 'taken'));
  assert.deepEqual(readdirSync(dir).sort(), ['link.html', 'sub', 'taken']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineReader } from './line-reader.js';

test('lines across block boundaries, with multi-byte characters split between blocks, come back whole; a cut last line is left out and said', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-lines-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // About 3 MiB of lines of varied length with 3- and 4-byte characters: block edges fall everywhere.
  const lines = Array.from({ length: 30_000 }, (_, i) => `${i} ${'€'.repeat(i % 37)}${'𝄞'.repeat(i % 5)}`);
  const path = join(dir, 'a.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  const whole = new LineReader(path);
  assert.deepEqual([...whole], lines);
  assert.equal(whole.torn, false);
  writeFileSync(path, lines.join('\n') + '\npartial €');
  const cut = new LineReader(path);
  assert.deepEqual([...cut], lines);
  assert.equal(cut.torn, true);
});

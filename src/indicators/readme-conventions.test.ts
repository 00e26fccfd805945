// Keeps README.md honest: its conventions table lists every indicator with its lines and first-value bars as computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeBatch } from './compute-batch.js';
import { createIndicator, indicatorNames, indicatorSpec } from './registry.js';
import { syntheticBars } from '../testkit/indicators/test-support.js';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const rows = readme
  .split('\n')
  .filter((l) => /^\| `\w+` \|/.test(l))
  .map((l) => l.split(' | ').map((c) => c.replace(/^\| ?|`/g, '').trim()));

test('the conventions table has one row per indicator, in catalogue order, with the catalogue lines and defaults', () => {
  assert.deepEqual(rows.map((r) => r[0]), indicatorNames());
  for (const [name, lines, params] of rows) {
    const spec = indicatorSpec(name, 'README');
    assert.equal(lines, spec.lines.length === 1 && spec.lines[0] === '' ? '–' : spec.lines.join(', '), `${name} lines`);
    for (const p of spec.params) assert.ok(params.includes(`${p.name} ${p.default}`), `${name}: README parameters miss "${p.name} ${p.default}"`);
  }
});

test('the first-value bars in the table are what the indicators do at their defaults', () => {
  const bars = syntheticBars(700, 2);
  for (const [name, , , first] of rows) {
    const got = computeBatch(createIndicator(name, {}, 'README'), bars).map((l) => String(l.first + 1));
    assert.equal(got.join(' / '), first, `${name} first value`);
  }
});

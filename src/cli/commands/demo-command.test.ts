// `sextant demo` (what `npm start` runs): says SIMULATED DATA, writes a report, and the same seed gives the same run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';

test('demo: labelled simulated, writes its report, deterministic per seed and different across seeds', async () => {
  const run = async (seed: string): Promise<{ out: string; err: string; cwd: string }> => {
    const cwd = mkdtempSync(join(tmpdir(), 'sextant-demo-'));
    const io = captureIO(cwd);
    assert.equal(await main(['demo', '--seed', seed, '--bars', '600'], io), 0, io.stderr());
    return { out: io.stdout(), err: io.stderr(), cwd };
  };
  const a = await run('7');
  assert.match(a.err, /^SIMULATED DATA: 600 hourly bars/);
  const report = /report\s+(\S+)/.exec(a.out)?.[1];
  assert.ok(report !== undefined && existsSync(report), a.out);
  assert.equal(report, join(a.cwd, 'reports', 'demo-seed-7.html'));
  assert.match(readFileSync(report, 'utf8'), /^<!DOCTYPE html>[\s\S]*seed 7/);
  const again = await run('7');
  const body = (s: string): string => s.replace(/report\s+\S+/, '');
  assert.equal(body(again.out), body(a.out), 'same seed, same metrics');
  assert.equal(readFileSync(join(again.cwd, 'reports', 'demo-seed-7.html'), 'utf8'), readFileSync(report, 'utf8'));
  const other = await run('8');
  assert.notEqual(body(other.out), body(a.out), 'another seed, another market');
  const bad = captureIO(tmpdir());
  assert.equal(await main(['demo', '--bars', '10'], bad), 2);
  assert.match(bad.stderr(), /--bars: must be an integer ≥ 50, got 10/);
});

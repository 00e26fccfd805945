// `sextant simulate` as a process: a stored run lists as a recording; live mode stops on Ctrl-C with 130; bad options exit 2 naming the option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../testkit/cli/test-process.js';

test('simulate --duration --db stores a recording that `recordings list` shows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-simcli-'));
  const r = await runCli(['simulate', '--symbols', 'SOL', '--seed', '3', '--duration', '2m', '--out-db', 's.db'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^recording 1 \(venue sim-3-20260101T0000Z\): [\d ]+ events, [\d ]+ frames, [\d ]+ rows, 2 1m candles/);
  const list = await runCli(['recordings', 'list', '--db', 's.db'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /sim-3-20260101T0000Z +SOL +l2Book,trades,activeAssetCtx,candle/);
});

test('simulate live: a line per symbol per second until Ctrl-C, then 130', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-simcli-'));
  const r = await runCli(['simulate', '--symbols', 'BTC,ETH', '--seed', '1', '--speed', '30'], { cwd: dir, interrupt: { when: /Ctrl-C stops/, signal: 'SIGINT' }, timeoutMs: 30_000 });
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /sextant simulate: interrupted after \d+ events\n$/);
});

test('simulate live into a closed pipe: 141 and nothing on stderr after the banner (not "interrupted")', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-simcli-'));
  const r = await runCli(['simulate', '--symbols', 'BTC', '--seed', '1', '--speed', '60'], { cwd: dir, stdout: 'closed', timeoutMs: 30_000 });
  assert.equal(r.code, 141, r.stderr);
  assert.doesNotMatch(r.stderr, /interrupted/);
});

test('bad options: exit 2 with the option named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-simcli-'));
  const r = await runCli(['simulate', '--seed', '-4', '--duration', '1m', '--db', 'x.db'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--seed/);
  const d = await runCli(['simulate', '--duration', 'soon', '--db', 'x.db'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(d.code, 2);
  assert.match(d.stderr, /--duration/);
});

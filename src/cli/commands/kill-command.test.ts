// `sextant kill`: writes the level to DATA_DIR/kill, says what it replaced, refuses bad levels and missing data directories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { runCli } from '../../testkit/cli/test-process.js';

function tmp(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-kill-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('sextant kill LEVEL writes data/KILL atomically and prints what it replaced', async (t) => {
  const cwd = tmp(t);
  mkdirSync(join(cwd, 'data'));
  let io = captureIO(cwd);
  assert.equal(await main(['kill', 'halt_all'], io), 0);
  assert.equal(readFileSync(join(cwd, 'data', 'KILL'), 'utf8'), 'halt_all\n');
  assert.equal(io.stdout(), 'kill level halt_all written to data/KILL (no kill file before); a running daemon applies it at its next poll\n');
  io = captureIO(cwd);
  assert.equal(await main(['kill', 'off'], io), 0);
  assert.equal(readFileSync(join(cwd, 'data', 'KILL'), 'utf8'), 'off\n');
  assert.equal(io.stdout(), 'kill level off written to data/KILL (was halt_all); a running daemon clears the file’s level and resumes after a breached limit at its next poll\n');
  assert.deepEqual(readdirSync(join(cwd, 'data')), ['KILL'], 'no temporary file left behind');
});

test('--data-dir names another directory; a previous file without a level is reported as such', async (t) => {
  const cwd = tmp(t);
  const dir = join(cwd, 'live-data');
  mkdirSync(dir);
  writeFileSync(join(dir, 'KILL'), 'garbage');
  const io = captureIO(cwd);
  assert.equal(await main(['kill', 'flatten', '--data-dir', 'live-data'], io), 0);
  assert.equal(readFileSync(join(dir, 'KILL'), 'utf8'), 'flatten\n');
  assert.match(io.stdout(), /^kill level flatten written to live-data\/KILL \(it held no valid level\)/);
});

test('a bad level, a missing level or a missing data directory exits 2 with a clear message and writes nothing', async (t) => {
  const cwd = tmp(t);
  mkdirSync(join(cwd, 'data'));
  let io = captureIO(cwd);
  assert.equal(await main(['kill', 'halt'], io), 2);
  assert.equal(io.stderr(), 'sextant kill: kill LEVEL: "halt" is not a kill level (expected one of off, close_only, halt_all, hard, flatten)\n');
  io = captureIO(cwd);
  assert.equal(await main(['kill'], io), 2);
  assert.equal(io.stderr(), 'sextant kill: kill: expected a level: off, close_only, halt_all, hard, flatten\n');
  io = captureIO(cwd);
  assert.equal(await main(['kill', 'hard', '--data-dir', 'nope'], io), 2);
  assert.equal(io.stderr(), 'sextant kill: --data-dir nope: does not exist (give the daemon\'s data directory)\n');
  io = captureIO(cwd);
  assert.equal(await main(['kill', 'hard', 'off'], io), 2);
  assert.deepEqual(readdirSync(join(cwd, 'data')), []);
});

test('a KILL that is a FIFO or a folder: exit 2 naming DATA_DIR/KILL, at once (a FIFO hung the read of the old level)', async (t) => {
  const cwd = tmp(t);
  mkdirSync(join(cwd, 'fifo'));
  execFileSync('mkfifo', [join(cwd, 'fifo', 'KILL')]);
  mkdirSync(join(cwd, 'dir', 'KILL'), { recursive: true });
  for (const dir of ['fifo', 'dir']) {
    const r = await runCli(['kill', 'hard', '--data-dir', dir], { cwd, timeoutMs: 20_000 });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^sextant kill: ${join(cwd, dir, 'KILL')}: is not a regular file`), r.stderr);
  }
});

test('a data directory where no file can be written (/sys): exit 2 naming DATA_DIR/KILL, not the temporary file', { skip: process.platform !== 'linux' }, async (t) => {
  const io = captureIO(tmp(t));
  assert.equal(await main(['kill', 'hard', '--data-dir', '/sys'], io), 2);
  assert.match(io.stderr(), /^sextant kill: \/sys\/KILL: cannot write the kill file: /);
  assert.doesNotMatch(io.stderr(), /\.tmp/);
});

test('an empty --data-dir (an unset shell variable) is bad input, not the current folder', async (t) => {
  const cwd = tmp(t);
  const io = captureIO(cwd);
  assert.equal(await main(['kill', 'hard', '--data-dir', ''], io), 2);
  assert.match(io.stderr(), /^sextant kill: --data-dir: expected the daemon's data directory, got ""/);
  assert.deepEqual(readdirSync(cwd), [], 'no kill file written');
});

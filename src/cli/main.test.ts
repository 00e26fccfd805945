// The command line frame: top-level help lists every command, each command has --help, unknown ones fail clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { main } from './main.js';
import { COMMANDS } from './commands.js';
import { captureIO } from '../testkit/cli/test-io.js';

test('--help lists every command and each command answers --help', async () => {
  const io = captureIO(tmpdir());
  assert.equal(await main(['--help'], io), 0);
  for (const entry of COMMANDS) {
    const c = await entry.load();
    assert.match(io.stdout(), new RegExp(`\\b${c.name}\\b`));
    const one = captureIO(tmpdir());
    assert.equal(await main([c.name, '--help'], one), 0);
    assert.match(one.stdout(), new RegExp(`^usage: sextant ${c.name}`));
    for (const o of c.options) assert.ok(one.stdout().includes(`--${o.name}`), `${c.name} --help misses --${o.name}`);
  }
});

test('each entry of the lazy command list names and summarises the command it loads', async () => {
  assert.equal(new Set(COMMANDS.map((e) => e.name)).size, COMMANDS.length, 'command names are unique');
  for (const entry of COMMANDS) {
    const c = await entry.load();
    assert.equal(c.name, entry.name);
    assert.equal(c.summary, entry.summary, `${entry.name}: the list's summary is the command's`);
  }
});

test('an unknown command exits 2 and shows the commands', async () => {
  const io = captureIO(tmpdir());
  assert.equal(await main(['bogus'], io), 2);
  assert.match(io.stderr(), /unknown command "bogus"/);
  assert.match(io.stderr(), /backtest/);
});

// `sextant auth hash-password`: the hash of the password on stdin, nothing taken from argv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';

test('hash-password prints a scrypt hash of the stdin line and never echoes the password', async () => {
  const io = { ...captureIO(tmpdir()), stdin: Readable.from(['a fine admin password\n']) };
  assert.equal(await main(['auth', 'hash-password'], io), 0);
  assert.match(io.stdout(), /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}\n$/);
  assert.match(io.stderr(), /set SEXTANT_ADMIN_PASSWORD_HASH/);
  assert.ok(!io.stdout().includes('fine admin') && !io.stderr().includes('fine admin'));
});

test('a password in argv, a short one or a missing subcommand is refused', async () => {
  const argv = { ...captureIO(tmpdir()), stdin: Readable.from(['']) };
  assert.equal(await main(['auth', 'hash-password', 'hunter22'], argv), 2);
  assert.match(argv.stderr(), /takes no arguments: give the password on stdin/);
  const short = { ...captureIO(tmpdir()), stdin: Readable.from(['short\n']) };
  assert.equal(await main(['auth', 'hash-password'], short), 2);
  assert.match(short.stderr(), /too short/);
  const none = captureIO(tmpdir());
  assert.equal(await main(['auth'], none), 2);
  assert.match(none.stderr(), /expected a subcommand: hash-password/);
});

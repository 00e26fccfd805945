// The CLI boundary: bugs, bad input, file-system errors and closed pipes each get one message and their exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { BadInputError, InvariantError, RetryableError } from '../core/errors.js';
import type { Command } from './command.js';
import { main } from './main.js';
import { captureIO } from '../testkit/cli/test-io.js';

const throwing = (e: unknown): Command => ({ name: 'boom', summary: '', usage: 'sextant boom', options: [], run: () => Promise.reject(e) });

async function fail(e: unknown, env: Record<string, string> = {}): Promise<{ code: number; err: string }> {
  const io = captureIO(tmpdir(), env);
  const code = await main(['boom'], io, [throwing(e)]);
  return { code, err: io.stderr() };
}

test('an InvariantError or an unexpected exception is a bug: exit 70, a short message, the stack only with SEXTANT_DEBUG=1', async () => {
  const bug = await fail(new InvariantError('ledger cash 3 != 4'));
  assert.equal(bug.code, 70);
  assert.equal(
    bug.err,
    'sextant boom: internal error: ledger cash 3 != 4\n' + 'sextant boom: this is a bug in sextant, not in your input; please report it with the command line (SEXTANT_DEBUG=1 prints the stack)\n',
  );
  const typeError = await fail(new TypeError("Cannot read properties of undefined (reading 'x')"));
  assert.equal(typeError.code, 70);
  assert.match(typeError.err, /^sextant boom: internal error: TypeError: Cannot read properties/);
  // Node's own ERR_* codes (a wrong argument to a Node API) are bugs too, not the environment's errno codes.
  let argError: unknown;
  try {
    Buffer.from(undefined as unknown as string);
  } catch (e) {
    argError = e;
  }
  const nodeArg = await fail(argError);
  assert.equal(nodeArg.code, 70, nodeArg.err);
  assert.match(nodeArg.err, /^sextant boom: internal error: TypeError: The first argument must be/);
  const debug = await fail(new InvariantError('ledger cash 3 != 4'), { SEXTANT_DEBUG: '1' });
  assert.equal(debug.code, 70);
  assert.match(debug.err, /and the stack below\n.*InvariantError: ledger cash 3 != 4\n\s+at /s);
});

test('bad input exits 2, other Sextant errors 1, file-system errors on a path 2 with the path; control characters are escaped', async () => {
  assert.deepEqual(await fail(new BadInputError('x.csv:3', 'bad \u001b[31mred')), { code: 2, err: 'sextant boom: x.csv:3: bad \\x1b[31mred\n' });
  assert.deepEqual(await fail(new RetryableError('venue busy')), { code: 1, err: 'sextant boom: RetryableError: venue busy\n' });
  const enospc = Object.assign(new Error("ENOSPC: no space left on device, write '/data/r.html'"), { code: 'ENOSPC', path: '/data/r.html', syscall: 'write' });
  assert.deepEqual(await fail(enospc), { code: 2, err: 'sextant boom: /data/r.html: no space left on device (ENOSPC)\n' });
  const eacces = Object.assign(new Error("EACCES: permission denied, open '/x/y'"), { code: 'EACCES', path: '/x/y' });
  assert.deepEqual(await fail(eacces), { code: 2, err: 'sextant boom: /x/y: permission denied (EACCES)\n' });
  assert.deepEqual(await fail(Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' })), { code: 141, err: '' });
});

test('other system errors (a refused connection, an unknown host) are the environment: one line, exit 1', async () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  assert.deepEqual(await fail(refused), { code: 1, err: 'sextant boom: connect ECONNREFUSED 127.0.0.1:9\n' });
  const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8090'), { code: 'EADDRINUSE' });
  assert.deepEqual(await fail(inUse), { code: 1, err: 'sextant boom: address already in use 127.0.0.1:8090 (EADDRINUSE)\n' });
});

// CommandIO over real streams: a slow reader holds a large output back; a failed stream aborts `closed` with a named reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { BadInputError } from '../core/errors.js';
import { main } from './main.js';
import { streamIO } from './stream-io.js';

test('indicators into a reader that does not read: output waits in bounded buffers, then completes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-bp-'));
  const n = 200_000;
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < n; i++) rows.push(`${1_600_000_000_000 + i * 60_000},100,102,99,101,5`);
  const file = join(dir, 'bars.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const stdout = new PassThrough();
  const io = streamIO({ stdout, stderr: new PassThrough(), cwd: dir, env: {} });
  let settled = false;
  const done = main(['indicators', '--data', file, '--ind', 's=sma:period=5'], io).finally(() => (settled = true));
  await sleep(1500);
  assert.equal(settled, false, 'the command waits for the reader');
  // One 10 000-row chunk (about 0.3 MB) at most, not the whole 6 MB output.
  assert.ok(stdout.writableLength < 1_000_000, `buffered ${stdout.writableLength} bytes`);
  let lines = 0;
  stdout.on('data', (d: Buffer) => {
    for (const b of d) if (b === 10) lines++;
  });
  assert.equal(await done, 0);
  assert.equal(lines, n + 1);
});

test('a write error aborts closed: EPIPE as is, ENOSPC as a BadInputError naming the stream; later writes are dropped', async () => {
  const written: string[] = [];
  const broken = (code: string): Writable =>
    new Writable({
      // A writable that keeps going after an error (as a socket's may): the drop must be streamIO's.
      autoDestroy: false,
      write(chunk: Buffer, _enc, cb) {
        written.push(chunk.toString());
        cb(Object.assign(new Error(`${code}: failed, write`), { code }));
      },
    });
  const stdout = broken('EPIPE');
  const pipe = streamIO({ stdout, stderr: new PassThrough(), cwd: '/', env: {} });
  pipe.out('x');
  await assert.rejects(pipe.drain(), { code: 'EPIPE' });
  assert.equal((pipe.closed.reason as { code: string }).code, 'EPIPE');
  const before = written.length;
  const buffered = stdout.writableLength;
  pipe.out('more'.repeat(1000));
  await sleep(0);
  assert.equal(written.length, before, 'nothing is written after the error');
  // Node buffers writes to an errored stream without end: they must not even reach it.
  assert.equal(stdout.writableLength, buffered, 'nothing is buffered after the error');

  const full = streamIO({ stdout: new PassThrough(), stderr: broken('ENOSPC'), cwd: '/', env: {} });
  full.err('progress');
  await sleep(0);
  assert.ok(full.closed.aborted);
  assert.ok(full.closed.reason instanceof BadInputError);
  assert.equal((full.closed.reason as Error).message, 'stderr: failed (ENOSPC)');
});

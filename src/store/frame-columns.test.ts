// Frame columns: frames come back as pushed across buffer growth, copied at push, and a batch with a seq gap is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { FrameColumns } from './frame-columns.js';

test('frames pushed past both capacities come back in order with their times, channels and bytes', () => {
  const rng = createRng(11);
  const c = new FrameColumns(41, 16, 2);
  const want: [number, number, string, string][] = [];
  for (let i = 0; i < 300; i++) {
    const payload = Buffer.from(Array.from({ length: rng.int(0, 90) }, () => rng.int(0, 255)));
    const channel = ['l2Book', 'trades', 'text'][rng.int(0, 2)];
    const tsInit = 1_751_427_260_000 + i * 0.25;
    c.push(tsInit, channel, payload);
    want.push([41 + i, tsInit, channel, payload.toString('hex')]);
  }
  assert.equal(c.length, 300);
  assert.equal(c.nextSeq, 341);
  assert.equal(c.byteLength, want.reduce((n, w) => n + w[3].length / 2, 0));
  assert.deepEqual(c.channels.slice().sort(), ['l2Book', 'text', 'trades']);
  assert.deepEqual(
    c.frames().map((f) => [f.seq, f.tsInit, f.channel, Buffer.from(f.payload).toString('hex')]),
    want,
  );
  assert.equal(c.payload().toString('hex'), want.map((w) => w[3]).join(''));
});

test('a frame is copied when pushed: the caller may reuse its buffer (a socket receive buffer)', () => {
  const c = new FrameColumns(1);
  const buf = Buffer.from('{"a":1}');
  c.push(1, 'x', buf);
  buf.write('{"b":2}');
  c.push(2, 'x', buf);
  assert.deepEqual(c.frames().map((f) => Buffer.from(f.payload).toString()), ['{"a":1}', '{"b":2}']);
});

test('frames given one by one must follow each other in seq', () => {
  const f = (seq: number) => ({ seq, tsInit: seq, channel: 'x', payload: Buffer.from([seq]) });
  assert.equal(FrameColumns.of([f(7), f(8)]).firstSeq, 7);
  assert.equal(FrameColumns.of([], 5).nextSeq, 5);
  assert.throws(() => FrameColumns.of([f(3), f(5)]), (e: unknown) => e instanceof InvariantError && /frame seq 5 does not follow seq 3/.test(e.message));
  assert.throws(() => FrameColumns.of([f(3), f(3)]), /frame seq 3 does not follow seq 3/);
});

// Frame blocks: exact round trip (compressed or not), and a damaged block refused with its place named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { FrameColumns } from '../frame-columns.js';
import { decodeFrameBlock, encodeFrameBlock } from './frame-block.js';

const frame = (seq: number, channel: string, payload: Buffer) => ({ seq, tsInit: 1_751_427_260_000 + seq * 0.5, channel, payload });

test('repetitive JSON frames are compressed and come back byte for byte, with times and channels', () => {
  const frames = Array.from({ length: 300 }, (_, i) => frame(i + 10, i % 3 === 0 ? 'l2Book' : 'trades', Buffer.from(`{"channel":"trades","data":[{"coin":"BTC","px":"${106_000 + (i % 17)}.0","sz":"0.0${i}"}]}`)));
  const block = encodeFrameBlock(FrameColumns.of(frames));
  assert.equal(block.codec, 'zstd');
  const raw = frames.reduce((n, f) => n + f.payload.length, 0);
  assert.ok(block.payload.length * 4 < raw, `compressed to ${block.payload.length} of ${raw} bytes`);
  assert.deepEqual(block.channels, ['l2Book', 'trades']);
  const back = decodeFrameBlock(10, block.codec, JSON.stringify(block.channels), block.index, block.payload, 'test');
  assert.deepEqual(
    back.map((f) => [f.seq, f.tsInit, f.channel, Buffer.from(f.payload).toString('hex')]),
    frames.map((f) => [f.seq, f.tsInit, f.channel, f.payload.toString('hex')]),
  );
});

test('incompressible bytes are stored raw; empty frames keep their place', () => {
  const rng = createRng(5);
  const noise = Buffer.from(Array.from({ length: 2000 }, () => rng.int(0, 255)));
  const frames = [frame(1, 'text', noise), frame(2, 'pong', Buffer.alloc(0)), frame(3, 'text', Buffer.from([0xff, 0x00]))];
  const block = encodeFrameBlock(FrameColumns.of(frames));
  assert.equal(block.codec, 'raw');
  const back = decodeFrameBlock(1, block.codec, JSON.stringify(block.channels), block.index, block.payload, 'test');
  assert.deepEqual(
    back.map((f) => [f.seq, f.channel, Buffer.from(f.payload).toString('hex')]),
    frames.map((f) => [f.seq, f.channel, f.payload.toString('hex')]),
  );
});

test('a damaged block is refused naming the recording and block, never read as other frames', () => {
  const block = encodeFrameBlock(FrameColumns.of([frame(1, 'trades', Buffer.from('{"a":1}')), frame(2, 'trades', Buffer.from('{"b":2}'))]));
  const where = 'recording 3 block 1';
  const channels = JSON.stringify(block.channels);
  assert.throws(() => decodeFrameBlock(1, block.codec, channels, block.index.subarray(0, 20), block.payload, where), (e: unknown) => e instanceof InvariantError && e.message.startsWith(`${where}: frame index of 20 bytes`));
  const longer = Buffer.from(block.index);
  longer.writeUInt32LE(1000, 8);
  assert.throws(() => decodeFrameBlock(1, block.codec, channels, longer, block.payload, where), /recording 3 block 1: frame 1 lies outside its block/);
  const raw = encodeFrameBlock(FrameColumns.of([frame(1, 'x', Buffer.from([1, 2, 3]))]));
  assert.throws(() => decodeFrameBlock(1, raw.codec, JSON.stringify(raw.channels), raw.index, Buffer.from([1, 2, 3, 4]), where), /1 bytes beyond its frames/);
  assert.throws(() => decodeFrameBlock(1, 'lz4', channels, block.index, block.payload, where), /unknown codec "lz4"/);
});

// Block compression: zstd for new blocks, raw when it would not shrink, brotli blocks of earlier versions still read, damage named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync } from 'node:zlib';
import { InvariantError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { compressBlock, decompressBlock } from './block-compression.js';

const json = Buffer.from(Array.from({ length: 400 }, (_, i) => `{"channel":"trades","data":[{"coin":"BTC","px":"${106_000 + (i % 13)}.0"}]}`).join(''));

test('repetitive bytes are zstd-compressed and come back exactly; noise is kept raw', () => {
  const c = compressBlock(json);
  assert.equal(c.codec, 'zstd');
  assert.ok(c.payload.length * 10 < json.length, `${c.payload.length} of ${json.length} bytes`);
  assert.ok(decompressBlock(c.codec, c.payload, 'test').equals(json));
  const rng = createRng(9);
  const noise = Buffer.from(Array.from({ length: 3000 }, () => rng.int(0, 255)));
  const n = compressBlock(noise);
  assert.equal(n.codec, 'raw');
  assert.ok(decompressBlock(n.codec, n.payload, 'test').equals(noise));
  assert.equal(compressBlock(Buffer.alloc(0)).codec, 'raw');
});

test('a brotli block written by an earlier version still reads', () => {
  assert.ok(decompressBlock('br', brotliCompressSync(json), 'test').equals(json));
});

test('a damaged payload or an unknown codec is an InvariantError naming the block', () => {
  const c = compressBlock(json);
  const where = 'recording 2 block 41';
  const named = (re: RegExp) => (e: unknown) => e instanceof InvariantError && e.message.startsWith(`${where}: `) && re.test(e.message);
  assert.throws(() => decompressBlock('zstd', c.payload.subarray(0, c.payload.length - 9), where), named(/damaged zstd payload/));
  assert.throws(() => decompressBlock('br', Buffer.from([1, 2, 3, 4]), where), named(/damaged br payload/));
  assert.throws(() => decompressBlock('lz4', c.payload, where), named(/unknown codec "lz4"/));
});

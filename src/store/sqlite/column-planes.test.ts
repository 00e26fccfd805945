// Column planes: the stored layout is byte k of every value (as it lies in memory), then the trailing bytes; and it round-trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../core/rng.js';
import { packPlanes, unpackPlanes } from './column-planes.js';

test('plane k holds byte k of each value in order, then the byte column (the layout stored blocks use)', () => {
  const values = new Float64Array([1.5, -2, 106_217.5]);
  const mem = new Uint8Array(values.buffer);
  const { codec, payload } = packPlanes(values, Uint8Array.of(7, 9));
  assert.equal(codec, 'raw', 'too small to gain from compression');
  const want: number[] = [];
  for (let k = 0; k < 8; k++) for (let j = 0; j < values.length; j++) want.push(mem[8 * j + k]);
  assert.deepEqual([...payload], [...want, 7, 9]);
});

test('any float64 values (sign, zero, subnormal, NaN bits) come back bit for bit, compressed or not', () => {
  const rng = createRng(3);
  const n = 5000;
  const values = new Float64Array(n);
  const bits = new Uint32Array(values.buffer);
  for (let i = 0; i < 2 * n; i++) bits[i] = rng.int(0, 0xffff) * 0x10000 + rng.int(0, 0xffff);
  values.set([-0, 5e-324, 2 ** 53 - 1, -Infinity], 0);
  const bytes = Uint8Array.from({ length: 17 }, (_, i) => i);
  const packed = packPlanes(values, bytes);
  const back = unpackPlanes(packed.codec, packed.payload, bytes.length, 'test');
  assert.deepEqual(Buffer.from(back.values.buffer).toString('hex'), Buffer.from(values.buffer).toString('hex'));
  assert.deepEqual([...back.bytes], [...bytes]);
  const runs = new Float64Array(n).map((_, i) => 106_000 + (i % 50) / 2);
  const p2 = packPlanes(runs, new Uint8Array(0));
  assert.equal(p2.codec, 'zstd');
  assert.deepEqual([...unpackPlanes(p2.codec, p2.payload, 0, 'test').values], [...runs]);
});

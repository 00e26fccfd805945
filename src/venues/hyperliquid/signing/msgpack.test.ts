// The msgpack encoder: Python msgpack.packb's smallest encodings, insertion order, absent keys dropped, floats refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex } from 'viem';
import { encodeMsgpack } from './msgpack.js';
import type { MsgpackValue } from './msgpack.js';

const hex = (v: MsgpackValue) => bytesToHex(encodeMsgpack(v)).slice(2);

test('integers take the smallest encoding; ≥ 2^32 is uint64, never float64', () => {
  assert.equal(hex(0), '00');
  assert.equal(hex(127), '7f');
  assert.equal(hex(128), 'cc80');
  assert.equal(hex(255), 'ccff');
  assert.equal(hex(256), 'cd0100');
  assert.equal(hex(65536), 'ce00010000');
  assert.equal(hex(4294967295), 'ceffffffff');
  assert.equal(hex(4294967296), 'cf0000000100000000');
  assert.equal(hex(100000000000), 'cf000000174876e800');
  assert.equal(hex(2n ** 64n - 1n), 'cfffffffffffffffff');
  assert.equal(hex(-1), 'ff');
  assert.equal(hex(-32), 'e0');
  assert.equal(hex(-33), 'd0df');
  assert.equal(hex(-129), 'd1ff7f');
  assert.equal(hex(-32769), 'd2ffff7fff');
  assert.equal(hex(-2147483649), 'd3ffffffff7fffffff');
  assert.throws(() => encodeMsgpack({ p: 1.5 }), /action.p: only safe integers may be packed/);
  assert.throws(() => encodeMsgpack(2 ** 60), /only safe integers/);
  assert.throws(() => encodeMsgpack(2n ** 64n), /does not fit in uint64/);
});

test('strings, bytes, arrays and maps', () => {
  assert.equal(hex(''), 'a0');
  assert.equal(hex('a'.repeat(31)), 'bf' + '61'.repeat(31));
  assert.equal(hex('a'.repeat(32)), 'd920' + '61'.repeat(32));
  assert.equal(hex('a'.repeat(256)), 'da0100' + '61'.repeat(256));
  assert.equal(hex('é'), 'a2c3a9');
  assert.equal(hex(Uint8Array.of(1, 2)), 'c4020102');
  assert.equal(hex([]), '90');
  assert.equal(hex(new Array(16).fill(null)), 'dc0010' + 'c0'.repeat(16));
  assert.equal(hex({ b: true, a: false }), '82a162c3a161c2');
  const big: Record<string, number> = {};
  for (let i = 0; i < 16; i++) big[`k${i.toString(16)}`] = i;
  assert.ok(hex(big).startsWith('de0010'));
});

test('undefined keys are dropped, null is packed as nil', () => {
  assert.equal(hex({ type: 'scheduleCancel', time: undefined }), '81a474797065ae7363686564756c6543616e63656c');
  assert.equal(hex({ x: null }), '81a178c0');
});

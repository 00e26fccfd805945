// Signature normalisation: padding, v forms, trimming for multi-sig, integer comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinSignature, padWord, parseSignature, sameSignature, splitSignature, trimSignature } from './signature.js';

test('pad, split, join, trim and compare', () => {
  assert.equal(padWord('0xABC', 'r'), '0x' + '0'.repeat(61) + 'abc');
  const sig = parseSignature({ r: '0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298', s: '0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8', v: 0 });
  assert.equal(sig.r, '0x053749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298');
  assert.equal(sig.v, 27);
  assert.deepEqual(splitSignature(joinSignature(sig)), sig);
  assert.equal(trimSignature(sig).r, '0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298');
  assert.ok(sameSignature(trimSignature(sig), sig));
  assert.ok(!sameSignature(sig, { ...sig, v: 28 }));
  assert.throws(() => splitSignature('0x12'), /signature: expected 65 bytes/);
});

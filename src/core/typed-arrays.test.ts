// grown: same type, larger, the old elements first and zeros after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grown } from './typed-arrays.js';

test('a grown column keeps its type and values, the rest zero', () => {
  const f = grown(Float64Array.of(1.5, -2), 4);
  assert.ok(f instanceof Float64Array);
  assert.deepEqual([...f], [1.5, -2, 0, 0]);
  const u = grown(Uint16Array.of(65535), 3);
  assert.ok(u instanceof Uint16Array);
  assert.deepEqual([...u], [65535, 0, 0]);
  assert.ok(grown(new Uint8Array(2), 2) instanceof Uint8Array);
});

// The JSON nesting limit: the boundary levels, primitives, and deep or wide bodies walked without recursion.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './request-limits.js';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

it('counts the outermost array or object as level 1: 32 levels pass, 33 do not', () => {
  assert.equal(nestedDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH), false);
  assert.equal(nestedDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH), true);
  assert.equal(nestedDeeperThan({ a: { b: [1, { c: 'x' }] } }, 4), false);
  assert.equal(nestedDeeperThan({ a: { b: [1, { c: 'x' }] } }, 3), true);
  assert.equal(nestedDeeperThan([], 0), true);
});

it('primitives nest nothing; a deep body needs no stack; a wide one is walked whole', () => {
  for (const v of [null, 5, 'x', true, undefined]) assert.equal(nestedDeeperThan(v, 0), false);
  assert.equal(nestedDeeperThan(nested(100_000), MAX_JSON_DEPTH), true);
  const wide = Array.from({ length: 200_000 }, (_, i) => i) as unknown[];
  assert.equal(nestedDeeperThan(wide, 1), false);
  wide.push([[]]);
  assert.equal(nestedDeeperThan(wide, 2), true, 'the deep element at the end is found');
});

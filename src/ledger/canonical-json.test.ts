// Canonical JSON against a second, naive encoder and a few fixed vectors; NaN/Infinity refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The naive way: let JSON.stringify print every leaf, and join sorted object entries by hand (a
 * rebuilt object would not do: JS lists integer-like keys such as "10" first, whatever the order).
 */
function naive(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(naive).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + naive(o[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

test('fixed vectors: sorted keys, no spaces, shortest numbers, JSON string escapes', () => {
  assert.equal(canonicalJson({ b: [1, 2.5e-7, 1e21, -0], a: 'é\n"', c: { z: null, y: true, x: undefined } }), '{"a":"é\\n\\"","b":[1,2.5e-7,1e+21,0],"c":{"y":true,"z":null}}');
  assert.equal(canonicalJson({ price: 97250, qty: 0.01, fee: 0.1 + 0.2 }), '{"fee":0.30000000000000004,"price":97250,"qty":0.01}');
  assert.equal(canonicalJson({ B: 1, a: 2, _: 3, '10': 4, '9': 5 }), '{"10":4,"9":5,"B":1,"_":3,"a":2}');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson({}), '{}');
});

test('agrees with the naive encoder on random nested values, and numbers round-trip exactly', () => {
  const rng = createRng(42);
  const keys = ['a', 'b', 'Z', 'é', 'ab', '', '1', 'x y'];
  const gen = (depth: number): unknown => {
    const r = rng.next();
    if (depth > 3 || r < 0.3) return (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 40 - 20);
    if (r < 0.4) return keys[Math.floor(rng.next() * keys.length)] + '\u2028\t';
    if (r < 0.5) return rng.next() < 0.5;
    if (r < 0.55) return null;
    if (r < 0.75) return Array.from({ length: Math.floor(rng.next() * 4) }, () => gen(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 4; i++) o[keys[Math.floor(rng.next() * keys.length)]] = gen(depth + 1);
    return o;
  };
  for (let i = 0; i < 500; i++) {
    const v = gen(0);
    const text = canonicalJson(v);
    assert.equal(text, naive(v));
    assert.equal(canonicalJson(JSON.parse(text)), text);
  }
});

test('refuses NaN, Infinity, undefined in arrays, bigints, class instances and cycles, naming the path', () => {
  const bad: [unknown, RegExp][] = [
    [{ a: { b: NaN } }, /^value\.a\.b: expected a finite number, got NaN/],
    [{ a: [1, Infinity] }, /^value\.a\[1\]: expected a finite number, got Infinity/],
    [[undefined], /^value\[0\]: is undefined/],
    [{ n: 1n }, /^value\.n: cannot encode a bigint/],
    [{ d: new Date(0) }, /^value\.d: expected a plain object, got Date/],
  ];
  for (const [v, re] of bad) assert.throws(() => canonicalJson(v), (e: unknown) => e instanceof BadInputError && re.test(e.message));
  const cyc: Record<string, unknown> = {};
  cyc.self = cyc;
  assert.throws(() => canonicalJson(cyc), /cycle/);
  const shared = { x: 1 };
  assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
});

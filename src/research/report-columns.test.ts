import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnWriter, relativeDecimals, type ColumnRef } from './report-columns.js';
import { DECODER_JS } from './report-decoder-js.js';

// The page's own decoder, run here as the browser runs it.
const decode = new Function(`${DECODER_JS}; return sxDecodeColumn;`)() as (b: Uint8Array, ref: ColumnRef) => Float64Array;

test('columns round-trip through the page decoder: grid prices exactly, NaN kept, large times', () => {
  const w = new ColumnWriter();
  const prices = Float64Array.of(100.07, 100.08, 99.99, NaN, 101.5, 0.01, 123456.78);
  const times = Float64Array.from({ length: 5 }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
  const neg = Float64Array.of(-5.5, 3.25, -1e6, 0);
  const rp = w.put(prices, 2);
  const rt = w.put(times, 0);
  const rn = w.put(neg, 2, 1, 4);
  const b = w.bytes();
  assert.deepEqual(Array.from(decode(b, rp)), Array.from(prices));
  assert.deepEqual(Array.from(decode(b, rt)), Array.from(times));
  assert.deepEqual(Array.from(decode(b, rn)), [3.25, -1e6, 0]);
  // A fixed step costs the same few bytes per value after the first: 1 h = 3.6e6 ms → 4 varint bytes (the first, 1.7e12 from 0, takes 6).
  assert.equal(rn.o - rt.o, 6 + 4 * 4);
});

test('decimals shrink so quantised values stay exact integers; relative decimals keep significant digits', () => {
  const w = new ColumnWriter();
  const ref = w.put(Float64Array.of(1e15, 2e15), 4);
  assert.ok(ref.k < 4 && 2e15 * 10 ** ref.k < 2 ** 52);
  assert.deepEqual(Array.from(decode(w.bytes(), ref)), [1e15, 2e15]);
  assert.equal(relativeDecimals(Float64Array.of(0.5, 71.234, NaN), 7), 5);
  assert.equal(relativeDecimals(Float64Array.of(3e9), 7), -3);
  assert.equal(relativeDecimals(new Float64Array(3), 7), 0);
  // 7 significant digits of 71.234567 → 71.23457.
  const r = w.put(Float64Array.of(71.234567), relativeDecimals(Float64Array.of(71.234567), 7));
  assert.deepEqual(Array.from(decode(w.bytes(), r)), [71.23457]);
});

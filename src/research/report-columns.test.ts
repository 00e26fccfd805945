import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnWriter, relativeDecimals, type BarsRef, type ColumnRef } from './report-columns.js';
import { DECODER_JS } from './report-decoder-js.js';

// The page's own decoder, run here as the browser runs it.
const page = new Function(`${DECODER_JS}; return { sxDecodeColumn, sxDecodeBars };`)() as {
  sxDecodeColumn: (b: Uint8Array, ref: ColumnRef) => Float64Array;
  sxDecodeBars: (b: Uint8Array, ref: BarsRef) => { o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array };
};
const decode = page.sxDecodeColumn;

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

test('smooth lines as changes of steps, bars against their own body: fewer bytes, same values', () => {
  const n = 2000;
  const sma = Float64Array.from({ length: n }, (_, i) => (i < 9 ? NaN : 30_000 + 2000 * Math.sin(i / 100)));
  const w = new ColumnWriter();
  const firstOrder = w.put(sma, 2);
  const secondOrder = w.put(sma, 2, 0, n, 2);
  const end = w.bytes().length;
  assert.deepEqual(Array.from(decode(w.bytes(), secondOrder)), Array.from(decode(w.bytes(), firstOrder)));
  assert.ok(end - secondOrder.o < (secondOrder.o - firstOrder.o) * 0.75, `${end - secondOrder.o} vs ${secondOrder.o - firstOrder.o} bytes`);

  // A walk on a 0.1 grid: each bar opens at the previous close, with wicks.
  const o = new Float64Array(n), h = new Float64Array(n), l = new Float64Array(n), c = new Float64Array(n);
  let px = 30_000;
  for (let i = 0; i < n; i++) {
    o[i] = px;
    px = Math.round((px + 10 * Math.sin(i * 1.7)) * 10) / 10;
    c[i] = px;
    h[i] = Math.round((Math.max(o[i], c[i]) + (i % 7) / 10) * 10) / 10;
    l[i] = Math.round((Math.min(o[i], c[i]) - (i % 5) / 10) * 10) / 10;
  }
  const bw = new ColumnWriter();
  const bars = bw.putBars(o, h, l, c, 1);
  const back = page.sxDecodeBars(bw.bytes(), bars);
  assert.deepEqual([Array.from(back.o), Array.from(back.h), Array.from(back.l), Array.from(back.c)], [Array.from(o), Array.from(h), Array.from(l), Array.from(c)]);
  const plain = new ColumnWriter();
  for (const col of [o, h, l, c]) plain.put(col, 1);
  assert.ok(bw.bytes().length < plain.bytes().length * 0.85, `${bw.bytes().length} vs ${plain.bytes().length} bytes`);
});

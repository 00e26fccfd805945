// Tests the parabolic SAR by hand through a reversal and against a naive re-derivation from price history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Psar } from './psar.js';
import { assertSeriesClose, collect, syntheticBars, type Series } from '../testkit/indicators/test-support.js';
import { BadInputError } from '../core/errors.js';

test('psar by hand: start, af growth, reversal to short', () => {
  const bars = [
    [10, 9, 9.5],
    [11, 10, 10.5],
    [12, 10.5, 11.8],
    [11.5, 9.0, 9.2],
    [11, 8.5, 8.8],
    [10, 8, 9],
  ];
  const s = new Psar();
  const got = collect(bars.length, (i) => s.update(bars[i][0], bars[i][1], bars[i][2]), () => s.value, () => s.ready);
  // bar 2 closes up → long from bar-1 low 9; next sar 9.04 clamped to the lows → 9; bar 3 new high: af .04,
  // sar 9.12; bar 4 low 9.0 ≤ 9.12 → short at ep 12, next 11.94 clamped above highs → 12; bar 5 new low 8.5:
  // af .04, next sar 12 + .04·(8.5 − 12) = 11.86.
  assertSeriesClose(got, [undefined, 9, 9, 12, 12, 11.86], 1e-12);
});

/** Wilder's rules with ep and af re-derived from the bars since the trend began (O(n²)). */
function naivePsar(h: Float64Array, l: Float64Array, c: Float64Array, step: number, cap: number): Series {
  const out: Series = [undefined];
  let long = !(c[1] >= c[0]);
  let start = 0;
  let sar = (h[1] + l[1]) / 2;
  let epOverride: number | undefined = long ? h[0] : l[0];
  for (let t = 1; t < h.length; t++) {
    const ep0 = epOverride ?? (long ? Math.max(...h.slice(start, t)) : Math.min(...l.slice(start, t)));
    if (long ? sar >= l[t] : sar <= h[t]) {
      long = !long;
      sar = ep0;
      start = t;
    }
    epOverride = undefined;
    out.push(sar);
    const seg = long ? Array.from(h.slice(start, t + 1)) : Array.from(l.slice(start, t + 1));
    let records = 0;
    for (let j = 1; j < seg.length; j++) {
      const before = seg.slice(0, j);
      if (long ? seg[j] > Math.max(...before) : seg[j] < Math.min(...before)) records++;
    }
    const ep = long ? Math.max(...seg) : Math.min(...seg);
    const af = Math.min(cap, step * (1 + records));
    sar = sar + af * (ep - sar);
    if (long) sar = Math.min(sar, l[t], l[t - 1]);
    else sar = Math.max(sar, h[t], h[t - 1]);
  }
  return out;
}

test('psar matches the naive re-derivation on synthetic bars', () => {
  const b = syntheticBars(400);
  for (const [af, afmax] of [[0.02, 0.2], [0.05, 0.3]]) {
    const s = new Psar(af, afmax);
    const got = collect(b.length, (i) => s.update(b.high[i], b.low[i], b.close[i]), () => s.value, () => s.ready);
    assertSeriesClose(got, naivePsar(b.high, b.low, b.close, af, afmax), 1e-9, `psar ${af}`);
  }
});

test('psar validates af and afmax', () => {
  assert.throws(() => new Psar(0.3, 0.2), (e: unknown) => e instanceof BadInputError && e.message === 'psar: afmax must be ≥ af (0.3), got 0.2');
  assert.throws(() => new Psar(-1), BadInputError);
});

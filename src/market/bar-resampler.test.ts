// BarResampler against a naive group-by: exact OHLCV, emission exactly when a period is known closed (gaps too), UTC day and Monday week alignment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bar } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { createRng, type Rng } from '../core/rng.js';
import { BarResampler } from './bar-resampler.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

type Row = Omit<Bar, 'symbol'>;

/** A closed bar as the resampler emitted it, with the index of the base bar whose push emitted it. */
interface Emitted extends Row {
  readonly at: number;
}

/**
 * Base bars from `start` for `count` intervals with gaps: single bars missing at random, the last base
 * bar of some periods missing, and some whole periods missing. Prices are unrounded random doubles so
 * any reordering of the volume sum or a wrong max/min shows.
 */
function gappyBars(rng: Rng, start: number, baseMs: number, count: number, periodStart: (t: number) => number, targetMs: number): Row[] {
  const rows: Row[] = [];
  const dropPeriod = new Set<number>();
  const dropLast = new Set<number>();
  let price = 100;
  for (let i = 0; i < count; i++) {
    const time = start + i * baseMs;
    const ps = periodStart(time);
    if (time === ps || i === 0) {
      if (rng.next() < 0.1) dropPeriod.add(ps);
      if (rng.next() < 0.3) dropLast.add(ps);
    }
    if (dropPeriod.has(ps)) continue;
    if (dropLast.has(ps) && time + baseMs === ps + targetMs) continue;
    if (rng.next() < 0.03) continue;
    const open = price;
    price *= Math.exp(0.002 * rng.normal());
    const close = price;
    const high = Math.max(open, close) * (1 + Math.abs(0.001 * rng.normal()));
    const low = Math.min(open, close) * (1 - Math.abs(0.001 * rng.normal()));
    rows.push({ time, open, high, low, close, volume: rng.next() * 10 });
  }
  return rows;
}

/** Naive group-by on a period-start function: one aggregate per period, with the index of its last base bar. */
function groupBy(rows: readonly Row[], periodStart: (t: number) => number): (Row & { last: number })[] {
  const out: (Row & { last: number })[] = [];
  rows.forEach((r, i) => {
    const ps = periodStart(r.time);
    const g = out[out.length - 1];
    if (g === undefined || g.time !== ps) {
      out.push({ time: ps, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume, last: i });
      return;
    }
    out[out.length - 1] = { time: ps, open: g.open, high: Math.max(g.high, r.high), low: Math.min(g.low, r.low), close: r.close, volume: g.volume + r.volume, last: i };
  });
  return out;
}

function resample(rows: readonly Row[], baseMs: number, targetMs: number): Emitted[] {
  const out: Emitted[] = [];
  let at = -1;
  const r = new BarResampler(baseMs, targetMs, (time, open, high, low, close, volume) => out.push({ time, open, high, low, close, volume, at }));
  rows.forEach((x, i) => {
    at = i;
    r.push(x.time, x.open, x.high, x.low, x.close, x.volume);
  });
  return out;
}

/**
 * Every emitted bar equals its group; a group is emitted while its own last base bar is pushed when that
 * bar ends the period, else while the next base bar (the first of a later period) is pushed, else never.
 */
function checkAgainstGroupBy(label: string, rows: readonly Row[], baseMs: number, targetMs: number, periodStart: (t: number) => number): number {
  const groups = groupBy(rows, periodStart);
  const got = resample(rows, baseMs, targetMs);
  const expected: Emitted[] = [];
  for (const g of groups) {
    const endsPeriod = rows[g.last].time + baseMs === g.time + targetMs;
    const at = endsPeriod ? g.last : g.last + 1 < rows.length ? g.last + 1 : -1;
    if (at >= 0) expected.push({ time: g.time, open: g.open, high: g.high, low: g.low, close: g.close, volume: g.volume, at });
  }
  assert.ok(expected.length > 10, `${label}: only ${expected.length} periods`);
  assert.equal(got.length, expected.length, `${label}: emitted count`);
  for (let k = 0; k < expected.length; k++) assert.deepEqual(got[k], expected[k], `${label}: period ${k} (${new Date(expected[k].time).toISOString()})`);
  return expected.length;
}

/** Monday 00:00 UTC of the week holding t, from calendar fields (independent of the resampler's epoch arithmetic). */
function mondayOf(t: number): number {
  const d = new Date(t);
  const daysSinceMonday = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - daysSinceMonday);
}

const dayOf = (t: number): number => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};
const floorTo = (ms: number) => (t: number): number => Math.floor(t / ms) * ms;

test('1h from 1m with random gaps (missing bars, missing last minutes, missing hours): equals a group-by, emitted exactly when closed', () => {
  for (const seed of [1, 2, 3]) {
    const ps = floorTo(HOUR);
    const rows = gappyBars(createRng(seed), Date.UTC(2024, 2, 5, 7, 13), MIN, 3 * 1440, ps, HOUR);
    checkAgainstGroupBy(`seed ${seed}`, rows, MIN, HOUR, ps);
  }
});

test('1h from 1m without gaps: every hour is emitted on its 59th minute, none on the partial last hour', () => {
  const rows = gappyBars(createRng(7), Date.UTC(2024, 0, 1, 0, 30), MIN, 600, floorTo(HOUR), HOUR).map((r, i) => ({ ...r, time: Date.UTC(2024, 0, 1, 0, 30) + i * MIN }));
  const got = resample(rows, MIN, HOUR);
  for (const e of got) {
    assert.equal(rows[e.at].time, e.time + HOUR - MIN, 'emitted on the last minute of its hour');
    assert.ok(rows.every((r, i) => i <= e.at || r.time >= e.time + HOUR), 'holds no later base bar');
  }
  const lastClosed = got[got.length - 1].time;
  assert.ok(rows[rows.length - 1].time < lastClosed + 2 * HOUR - MIN, 'the open last hour is not emitted');
});

test('4h from 1h with gaps: equals a group-by on 4-hour epoch multiples', () => {
  const ps = floorTo(4 * HOUR);
  const rows = gappyBars(createRng(11), Date.UTC(2023, 5, 1, 3), HOUR, 24 * 60, ps, 4 * HOUR);
  checkAgainstGroupBy('4h', rows, HOUR, 4 * HOUR, ps);
  for (const e of resample(rows, HOUR, 4 * HOUR)) assert.equal(new Date(e.time).getUTCHours() % 4, 0);
});

test('1d from 1m with gaps: periods start at 00:00 UTC', () => {
  const rows = gappyBars(createRng(5), Date.UTC(2024, 1, 26, 17, 45), MIN, 16 * 1440, dayOf, DAY);
  checkAgainstGroupBy('1d', rows, MIN, DAY, dayOf);
  for (const e of resample(rows, MIN, DAY)) assert.equal(new Date(e.time).toISOString().slice(11), '00:00:00.000Z');
});

test('1w from 1h with gaps: periods start on Monday 00:00 UTC, before 1970 too', () => {
  for (const start of [Date.UTC(2024, 0, 3, 9), Date.UTC(1969, 10, 20, 5)]) {
    const rows = gappyBars(createRng(start % 97), start, HOUR, 24 * 7 * 40, mondayOf, WEEK);
    checkAgainstGroupBy(`1w from ${new Date(start).toISOString()}`, rows, HOUR, WEEK, mondayOf);
    for (const e of resample(rows, HOUR, WEEK)) {
      const d = new Date(e.time);
      assert.equal(d.getUTCDay(), 1, `${d.toISOString()} is a Monday`);
      assert.equal(e.time, dayOf(e.time));
    }
  }
});

test('1d from 1h with whole days missing: the day before a gap closes when the first later bar arrives', () => {
  const t0 = Date.UTC(2024, 4, 1);
  const rows: Row[] = [];
  // Day 0 complete but its last hour missing, days 1–2 missing, day 3 from 05:00.
  for (let h = 0; h < 23; h++) rows.push({ time: t0 + h * HOUR, open: 10 + h, high: 20 + h, low: 5 + h, close: 11 + h, volume: 1 });
  for (let h = 5; h < 24; h++) rows.push({ time: t0 + 3 * DAY + h * HOUR, open: 50 + h, high: 60 + h, low: 40 + h, close: 51 + h, volume: 2 });
  const got = resample(rows, HOUR, DAY);
  assert.deepEqual(got, [
    { time: t0, open: 10, high: 42, low: 5, close: 33, volume: 23, at: 23 },
    { time: t0 + 3 * DAY, open: 55, high: 83, low: 45, close: 74, volume: 38, at: rows.length - 1 },
  ]);
});

test('constructor: the target must be a whole multiple (> 1) of the base interval', () => {
  const sink = (): void => undefined;
  for (const [base, target] of [
    [MIN, 90_000],
    [MIN, MIN],
    [HOUR, MIN],
    [0, HOUR],
    [-MIN, HOUR],
    [Number.NaN, HOUR],
    [MIN, Number.NaN],
    [MIN, Number.POSITIVE_INFINITY],
    [7 * MIN, HOUR],
  ]) {
    assert.throws(
      () => new BarResampler(base, target, sink),
      (e: unknown) => e instanceof BadInputError && e.message.includes('whole multiple'),
      `${base} → ${target}`,
    );
  }
  assert.doesNotThrow(() => new BarResampler(MIN, 2 * MIN, sink));
});

test('an unknown (NaN) volume makes its period volume unknown, and only that period', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const got: number[] = [];
  const r = new BarResampler(MIN, 5 * MIN, (_t, _o, _h, _l, _c, v) => got.push(v));
  for (let i = 0; i < 15; i++) r.push(t0 + i * MIN, 1, 1, 1, 1, i === 7 || i === 10 ? Number.NaN : 1);
  assert.equal(got.length, 3);
  assert.equal(got[0], 5);
  assert.ok(Number.isNaN(got[1]), 'a NaN in the middle of the period');
  assert.ok(Number.isNaN(got[2]), 'a NaN on the first bar of the period');
});

// The bar grid: where bars of an interval open (weeks on Mondays), shared by the downloader, the resampler and the local venue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barGridPhase, barOpenAt, CANDLE_INTERVALS, candleIntervalMs, FIXED_CANDLE_INTERVALS, formatInterval } from './bars.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

test('bars open on multiples of their interval since the epoch, weeks on Mondays 00:00 UTC', () => {
  assert.equal(barGridPhase(60_000), 0);
  assert.equal(barGridPhase(DAY), 0);
  assert.equal(barGridPhase(WEEK), 4 * DAY);
  // Wednesday 2025-01-08 12:34 UTC.
  const t = Date.UTC(2025, 0, 8, 12, 34, 56);
  assert.equal(barOpenAt(t, 60_000), Date.UTC(2025, 0, 8, 12, 34));
  assert.equal(barOpenAt(t, DAY), Date.UTC(2025, 0, 8));
  const monday = Date.UTC(2025, 0, 6);
  assert.equal(new Date(monday).getUTCDay(), 1);
  assert.equal(barOpenAt(t, WEEK), monday);
  assert.equal(barOpenAt(monday, WEEK), monday, 'an open time is its own bar');
  assert.equal(barOpenAt(monday - 1, WEEK), monday - WEEK);
});

test('times before 1970 fall into the bar that holds them', () => {
  assert.equal(barOpenAt(-1, 60_000), -60_000);
  assert.equal(barOpenAt(-1, WEEK), 4 * DAY - WEEK);
  assert.equal(new Date(4 * DAY - WEEK).getUTCDay(), 1);
});

test('one candle-interval list: fixed lengths for all but the calendar month', () => {
  assert.equal(CANDLE_INTERVALS.length, 14);
  assert.deepEqual(FIXED_CANDLE_INTERVALS, CANDLE_INTERVALS.filter((i) => i !== '1M'));
  assert.equal(candleIntervalMs('3m'), 180_000);
  assert.equal(candleIntervalMs('1w'), 604_800_000);
  assert.equal(candleIntervalMs('1M'), undefined);
  assert.equal(candleIntervalMs('7m'), undefined); // a valid bar interval, but no venue candle
  for (const i of FIXED_CANDLE_INTERVALS) assert.equal(formatInterval(candleIntervalMs(i) as number), i);
});

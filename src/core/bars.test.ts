// The bar grid: where bars of an interval open (weeks on Mondays), shared by the downloader, the resampler and the local venue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barGridPhase, barOpenAt } from './bars.js';

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

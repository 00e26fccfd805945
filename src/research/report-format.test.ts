import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDuration, formatMoney, formatNumber, formatPercent, formatRatio, formatTime } from './report-format.js';

test('numbers round without trailing zeros and without locale', () => {
  assert.equal(formatNumber(1234567.125, 2), '1234567.13');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(-0.0000001, 6), '0');
  assert.equal(formatNumber(NaN), 'n/a');
});

test('percent and times', () => {
  assert.equal(formatPercent(0.1234), '12.34 %');
  assert.equal(formatPercent(-0.00001), '0.00 %');
  assert.equal(formatTime(Date.UTC(2024, 0, 2, 3, 4)), '2024-01-02 03:04');
  assert.equal(formatTime(Date.UTC(2024, 0, 2, 3, 4, 5)), '2024-01-02 03:04:05');
  assert.equal(formatDate(Date.UTC(2024, 0, 2, 3, 4)), '2024-01-02');
});

test('numbers print without float noise: the shortest decimal at 12 significant digits', () => {
  assert.equal(formatNumber(3648.5490000000004), '3648.549');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(1e-12 * 3), '3e-12');
  assert.equal(formatNumber(123456789.12345678), '123456789.123');
  assert.equal(formatNumber(-0.7999999999999999), '-0.8');
  assert.equal(formatNumber(Infinity), 'n/a');
});

test('money to cents with grouped thousands; ratios; durations', () => {
  assert.equal(formatMoney(10860.153), '10\u2009860.15');
  assert.equal(formatMoney(-1234567.006), '−1\u2009234\u2009567.01');
  assert.equal(formatMoney(-0.001), '0.00');
  assert.equal(formatMoney(NaN), 'n/a');
  assert.equal(formatRatio(1.3421), '1.34');
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(45_000), '45s');
  assert.equal(formatDuration(2 * 3_600_000 + 15 * 60_000 + 5000), '2h 15m');
  assert.equal(formatDuration(3 * 86_400_000 + 5 * 60_000), '3d');
  assert.equal(formatDuration(86_400_000 + 3_600_000), '1d 1h');
});

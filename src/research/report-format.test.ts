import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatNumber, formatPercent, formatTime } from './report-format.js';

test('numbers round without trailing zeros and without locale', () => {
  assert.equal(formatNumber(1234567.125, 2), '1234567.13');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(-0.0000001), '0');
  assert.equal(formatNumber(NaN), 'n/a');
});

test('percent and times', () => {
  assert.equal(formatPercent(0.1234), '12.34 %');
  assert.equal(formatPercent(-0.00001), '0.00 %');
  assert.equal(formatTime(Date.UTC(2024, 0, 2, 3, 4)), '2024-01-02 03:04');
  assert.equal(formatTime(Date.UTC(2024, 0, 2, 3, 4, 5)), '2024-01-02 03:04:05');
  assert.equal(formatDate(Date.UTC(2024, 0, 2, 3, 4)), '2024-01-02');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportSettings } from './report-settings.js';

test('settings keep their order, take CLI names and print values plainly', () => {
  assert.deepEqual(
    reportSettings({ strategy: 'sma-cross', params: { fast: 10, big: 2n }, from: Date.UTC(2024, 0, 1), feeBps: 0.1 + 0.2, lotSize: undefined, funding: [], ticks: ['a.csv', 'b.csv'], longOnly: false }),
    [
      ['strategy', 'sma-cross'],
      ['params', '{"fast":10,"big":"2"}'],
      ['from', '2024-01-01 00:00 UTC'],
      ['fee-bps', '0.3'],
      ['lot-size', 'default'],
      ['funding', 'none'],
      ['ticks', 'a.csv, b.csv'],
      ['long-only', 'false'],
    ],
  );
});

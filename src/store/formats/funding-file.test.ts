// Funding files: the three accepted shapes, ordering, and errors naming file and row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFundingRates } from './funding-file.js';

test('freqtrade, Hyperliquid and CSV shapes give the same series', () => {
  const ft = parseFundingRates('[[1700003600000, -0.0002, 0, 0, 0, 0], [1700000000000, 0.0001, 0, 0, 0, 0]]', 'ft.json');
  const hl = parseFundingRates('[{"coin":"BTC","fundingRate":"0.0001","premium":"0","time":1700000000000},{"coin":"BTC","fundingRate":"-0.0002","premium":"0","time":1700003600000}]', 'hl.json');
  const csv = parseFundingRates('time,rate\n2023-11-14T22:13:20Z,0.0001\n1700003600,-0.0002\n', 'f.csv');
  for (const s of [ft, hl, csv]) {
    assert.deepEqual([...s.time], [1700000000000, 1700003600000]);
    assert.deepEqual([...s.rate], [0.0001, -0.0002]);
  }
});

test('bad funding input names file and row', () => {
  assert.throws(() => parseFundingRates('[[1, "x"]]', 'a.json'), /a\.json: row 1 \(1970-01-01T00:00:00.001Z\): rate: expected a finite number/);
  assert.throws(() => parseFundingRates('[[1609459200000, 0.0001], [1609488000000, "\\u001b[2J"]]', 'f.json'), /f\.json: row 2 \(2021-01-01T08:00:00Z\): rate: expected a finite number, got "\\x1b\[2J"$/);
  assert.throws(() => parseFundingRates('time,rate\n2024-01-01,abc\n', 'b.csv'), /b\.csv:2: rate/);
  assert.throws(() => parseFundingRates('when,rate\n', 'c.csv'), /c\.csv:1: expected a header/);
  assert.throws(() => parseFundingRates('[[1,0.1],[1,0.2]]', 'd.json'), /two funding rates/);
  assert.throws(() => parseFundingRates('[1,', 'e.json'), /e\.json: not valid JSON/);
});

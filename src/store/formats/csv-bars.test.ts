// Tests of the generic CSV and backtrader parsers on in-memory text: values, times, quirks and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import { parseBacktraderBars, parseCsvBars } from './csv-bars.js';

const HEADER = 'datetime,open,high,low,close,volume\n';

function throwsAt(fn: () => unknown, where: string, reason: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BadInputError, String(e));
    assert.equal(e.where, where);
    assert.match(e.message, reason);
    return true;
  });
}

test('a generic CSV parses to exact values, bar open times in UTC and the price grid', () => {
  const { series, skipped } = parseCsvBars(HEADER + '2006-01-02 00:00:00,3578.73,3605.95,3578.73,3604.33,10\n2006-01-02 00:01:00,3604.08,3638.42,3601.84,3614.3,0\n', 'bars.csv');
  assert.equal(skipped, 0);
  assert.equal(series.length, 1);
  const s = series[0];
  assert.equal(s.symbol, 'bars');
  assert.equal(s.length, 2);
  assert.equal(s.close[0], 3604.33);
  assert.equal(s.time[0], Date.UTC(2006, 0, 2));
  assert.equal(s.time[1], Date.UTC(2006, 0, 2, 0, 1));
  assert.equal(s.intervalMs, 60_000);
  assert.equal(s.priceDecimals, 2);
  assert.deepEqual([...s.volume], [10, 0]);
});

test('header names are case-insensitive, any column order, volume optional (unknown = NaN)', () => {
  const csv = 'Close,Low,High,Open,Timestamp\n4,1,5,2,1609459200000\n4.5,3,6,4,1609459260000\n';
  const s = parseCsvBars(csv, 'x.csv', { symbol: 'BTC' }).series[0];
  assert.equal(s.symbol, 'BTC');
  assert.deepEqual([...s.open], [2, 4]);
  assert.deepEqual([...s.high], [5, 6]);
  assert.ok(s.volume.every((v) => Number.isNaN(v)));
  assert.equal(s.time[0], Date.UTC(2021, 0, 1));
});

test('CRLF, BOM, blank lines, spaces, quotes and semicolons are accepted', () => {
  const csv = '\ufeff"time";"open";"high";"low";"close";"volume"\r\n\r\n "2024-01-01T00:00:00Z" ; 1.5 ;2;1;1.75; 3 \r\n\r\n2024-01-01T01:00:00Z;1.75;2;1.5;2;\r\n';
  const s = parseCsvBars(csv, 'q.csv').series[0];
  assert.equal(s.length, 2);
  assert.deepEqual([...s.close], [1.75, 2]);
  assert.equal(s.volume[0], 3);
  assert.ok(Number.isNaN(s.volume[1]), 'an empty volume is unknown, not 0');
  assert.equal(s.intervalMs, 3_600_000);
});

test('the last row may lack a newline; a truncated last row is a bad row', () => {
  const s = parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,3.2,1\n2024-01-01 00:01:00,3,3.5,3,3.25,1', 'bars.csv').series[0];
  assert.deepEqual([...s.close], [3.2, 3.25]);
  throwsAt(() => parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,3.2,1\n2024-01-01 00:01:00,3,3.', 'bars.csv'), 'bars.csv:3', /expected 6 columns/);
});

test('bad rows name file:line and the reason', () => {
  const row1 = '2024-01-01 00:00:00,3,3.5,3,3.2,1\n';
  throwsAt(() => parseCsvBars(HEADER + row1 + '2024-01-01 00:01:00,3,abc,3,3.2,1\n', 'bars.csv'), 'bars.csv:3', /column high: expected a number, got "abc"/);
  throwsAt(() => parseCsvBars(HEADER + row1 + '2024-01-01 00:01:00,3.1,3.1,3.2,3.1,1\n', 'bars.csv'), 'bars.csv:3', /high 3\.1 < low 3\.2/);
  throwsAt(() => parseCsvBars(HEADER + row1 + '2024-01-01 00:01:00,3,3.5,3,1\n', 'bars.csv'), 'bars.csv:3', /expected 6 columns .* got 5/);
  throwsAt(() => parseCsvBars(HEADER + row1 + '2024-01-01 00:01:00,3,3.5,3,3.2,1,9\n', 'bars.csv'), 'bars.csv:3', /expected 6 columns .* got 7/);
  throwsAt(() => parseCsvBars(HEADER + row1 + row1, 'bars.csv'), 'bars.csv:3', /not after the previous bar/);
  throwsAt(() => parseCsvBars(HEADER + '2024-13-01 00:00:00,3,3.5,3,3.2,1\n', 'bars.csv'), 'bars.csv:2', /column datetime: expected a date\/time/);
  throwsAt(() => parseCsvBars(HEADER + '2024-01-01 00:00:00,0,3.5,0,3.2,1\n', 'bars.csv'), 'bars.csv:2', /open must be a positive price/);
  throwsAt(() => parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,3.6,1\n', 'bars.csv'), 'bars.csv:2', /close 3\.6 outside/);
  throwsAt(() => parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,3.2,-1\n', 'bars.csv'), 'bars.csv:2', /volume must be ≥ 0/);
  throwsAt(() => parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,NaN,1\n', 'bars.csv'), 'bars.csv:2', /column close: expected a number, got "NaN"/);
  throwsAt(() => parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,Infinity,1\n', 'bars.csv'), 'bars.csv:2', /column close/);
  throwsAt(() => parseCsvBars('datetime,open,high,low,volume\n', 'bars.csv'), 'bars.csv:1', /missing column close/);
  throwsAt(() => parseCsvBars('when,open,high,low,close\n', 'bars.csv'), 'bars.csv:1', /no time column/);
  throwsAt(() => parseCsvBars('', 'bars.csv'), 'bars.csv', /empty file/);
});

test('skipBad skips and counts bad rows and keeps the rest', () => {
  const csv = HEADER + '2024-01-01 00:00:00,3,3.5,3,3.2,1\n2024-01-01 00:01:00,x,3.5,3,3.2,1\n2024-01-01 00:00:00,3,3.5,3,3.2,1\n2024-01-01 00:02:00,3,3.5,3,3.3,1\n';
  const { series, skipped } = parseCsvBars(csv, 'bars.csv', { skipBad: true });
  assert.equal(skipped, 2);
  assert.deepEqual([...series[0].close], [3.2, 3.3]);
});

test('progress is reported up to the total', () => {
  const calls: [number, number][] = [];
  parseCsvBars(HEADER + '2024-01-01 00:00:00,3,3.5,3,3.2,1\n', 'p.csv', { onProgress: (a, b) => calls.push([a, b]) });
  assert.deepEqual(calls.at(-1), [calls[0][1], calls[0][1]]);
});

test('backtrader daily file: date at 00:00 UTC, volume and open interest', () => {
  const txt = 'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,3578.73,3605.95,3578.73,3604.33,0,0\n2006-01-03,3604.08,3638.42,3601.84,3614.34,0,0\n';
  const s = parseBacktraderBars(txt, '2006-day-001.txt').series[0];
  assert.equal(s.time[0], Date.UTC(2006, 0, 2));
  assert.equal(s.intervalMs, 86_400_000);
  assert.equal(s.volume[0], 0);
});

test('backtrader intraday: Time stamps the bar end, so bar open = stamp − interval', () => {
  const txt = 'Date,Time,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,09:05:00,3578.73,3587.88,3578.73,3582.99,0,0\n2006-01-02,09:10:00,3583.01,3588.40,3583.01,3588.03,0,0\n';
  const s = parseBacktraderBars(txt, 'min.txt').series[0];
  assert.equal(s.intervalMs, 300_000);
  assert.equal(s.time[0], Date.UTC(2006, 0, 2, 9, 0));
  assert.equal(s.time[1], Date.UTC(2006, 0, 2, 9, 5));
});

test('backtrader header without Time but rows with it (2006-01-02-volume-min-001.txt)', () => {
  const txt = 'Date,Open,High,Low,Close,Volume,OpenInterest\r\n2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0\r\n2006-01-02,09:02:00,3600.00,3601.00,3598.00,3599.00,894,0\r\n';
  const s = parseBacktraderBars(txt, 'vm.txt').series[0];
  assert.equal(s.length, 2);
  assert.equal(s.time[0], Date.UTC(2006, 0, 2, 9, 0));
  assert.equal(s.open[0], 3602);
  assert.equal(s.volume[1], 894);
  assert.equal(s.priceDecimals, 2);
});

test('Yahoo: Close (not Adj Close) is the close; null rows are bad rows', () => {
  const txt = 'Date,Open,High,Low,Close,Adj Close,Volume\n1995-01-03,2.179012,2.191358,2.117284,2.117284,1.883304,36301200\n1995-01-04,null,null,null,null,null,null\n1995-01-05,2.141975,2.148148,2.086420,2.092592,1.861340,37762800\n';
  throwsAt(() => parseBacktraderBars(txt, 'orcl.txt'), 'orcl.txt:3', /column Open: expected a number, got "null"/);
  const { series, skipped } = parseBacktraderBars(txt, 'orcl.txt', { skipBad: true });
  assert.equal(skipped, 1);
  assert.deepEqual([...series[0].close], [2.117284, 2.092592]);
  assert.equal(series[0].volume[0], 36301200);
});

test('a non-backtrader header is refused by the backtrader parser', () => {
  throwsAt(() => parseBacktraderBars('TIMESTAMP,BID,ASK\n', 'bidask.csv'), 'bidask.csv:1', /not a backtrader header/);
});

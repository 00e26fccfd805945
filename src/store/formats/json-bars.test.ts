// Tests of the freqtrade and aiquant JSON parsers on in-memory text: names, values, quirks and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import { parseFreqtradeBars, parseFreqtradeName } from './freqtrade-bars.js';
import { parseAiquantBars } from './aiquant-bars.js';
import { detectBarFormat } from './detect-format.js';

function throwsAt(fn: () => unknown, where: string, reason: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BadInputError, String(e));
    assert.equal(e.where, where);
    assert.match(e.message, reason);
    return true;
  });
}

test('freqtrade file names give symbol, timeframe and candle type', () => {
  assert.deepEqual(parseFreqtradeName('/x/ADA_BTC-5m.json'), { symbol: 'ADA/BTC', timeframe: '5m', candleType: 'spot' });
  assert.deepEqual(parseFreqtradeName('XRP_USDT_USDT-1h-futures.json'), { symbol: 'XRP/USDT:USDT', timeframe: '1h', candleType: 'futures' });
  assert.deepEqual(parseFreqtradeName('XRP_USDT_USDT-8h-mark.json'), { symbol: 'XRP/USDT:USDT@mark', timeframe: '8h', candleType: 'mark' });
  assert.equal(parseFreqtradeName('candles.json'), undefined);
});

test('freqtrade candles: exact values, decimals from the text, interval from the name', () => {
  const json = '[[1515560100000, 5.33e-05, 5.33e-05, 5.288e-05, 5.29e-05, 431401.97869504],\n [1515560400000, 5.29e-05, 5.294e-05, 5.269e-05, 5.27e-05, 311565.65458338]]';
  const s = parseFreqtradeBars(json, 'ADA_BTC-5m.json').series[0];
  assert.equal(s.symbol, 'ADA/BTC');
  assert.equal(s.intervalMs, 300_000);
  assert.equal(s.length, 2);
  assert.equal(s.low[0], 5.288e-5);
  assert.equal(s.priceDecimals, 8);
  assert.equal(s.volume[1], 311565.65458338);
  const o = parseFreqtradeBars(json, 'ADA_BTC-5m.json', { symbol: 'ADAX', intervalMs: 60_000 }).series[0];
  assert.equal(o.symbol, 'ADAX');
  assert.equal(o.intervalMs, 60_000);
});

test('freqtrade: null volume is unknown (NaN); null prices are bad rows', () => {
  const s = parseFreqtradeBars('[[1636956000000, 1.20932, 1.21787, 1.20763, 1.21431, null]]', 'XRP_USDT_USDT-1h-mark.json').series[0];
  assert.ok(Number.isNaN(s.volume[0]));
  throwsAt(() => parseFreqtradeBars('[\n[1, 2, 2, 2, 2, 1],\n[2, null, 2, 2, 2, 1]\n]', 'A_B-1m.json'), 'A_B-1m.json:3: candle 2 (1970-01-01T00:00:00.002Z)', /: open is null$/);
});

test('freqtrade errors name file:line; skipBad skips value errors but never broken JSON', () => {
  const ok = '[1515560100000, 2, 3, 1, 2, 10]';
  throwsAt(() => parseFreqtradeBars(`[${ok},\n[1515560400000, 2, 1, 3, 2, 10]]`, 'A_B-5m.json'), 'A_B-5m.json:2: candle 2 (2018-01-10T05:00:00Z)', /high 1 < low 3/);
  throwsAt(() => parseFreqtradeBars(`[${ok},\n[1515560400000, 2, "x", 1, 2, 10]]`, 'A_B-5m.json'), 'A_B-5m.json:2: candle 2 (2018-01-10T05:00:00Z)', /value 3: expected a number, got "x"/);
  throwsAt(() => parseFreqtradeBars(`[${ok},\n[1515560400000, 2, 3, 1, 2]]`, 'A_B-5m.json'), 'A_B-5m.json:2: candle 2 (2018-01-10T05:00:00Z)', /expected 6 values/);
  throwsAt(() => parseFreqtradeBars(`[${ok},\n${ok}]`, 'A_B-5m.json'), 'A_B-5m.json:2: candle 2 (2018-01-10T04:55:00Z)', /not after the previous candle/);
  throwsAt(() => parseFreqtradeBars(`[${ok},\n[1515560400000, 2, 3, 1`, 'A_B-5m.json'), 'A_B-5m.json:2', /truncated JSON/);
  throwsAt(() => parseFreqtradeBars(`[${ok}] x`, 'A_B-5m.json'), 'A_B-5m.json:1', /unexpected content/);
  const r = parseFreqtradeBars(`[${ok},\n[1515560400000, 2, 1, 3, 2, 10],\n[1515560700000, 2, 3, 1, 2, 10]]`, 'A_B-5m.json', { skipBad: true });
  assert.equal(r.skipped, 1);
  assert.equal(r.series[0].length, 2);
  throwsAt(() => parseFreqtradeBars(`[${ok},\n[1515560400000, 2, 3`, 'A_B-5m.json', { skipBad: true }), 'A_B-5m.json:2', /truncated/);
});

test('freqtrade funding-rate files are refused as not candles', () => {
  assert.throws(() => parseFreqtradeBars('[[1637193600017,0.0001,0.0,0.0,0.0,0.0]]', 'XRP_USDT_USDT-8h-funding_rate.json'), /funding-rate file/);
});

const AIQ = `{
  "SOL": [
    {"c": 2.5, "h": 3, "l": 2, "n": 5, "o": 2.25, "t": 3600000, "t_close": 7199999, "v": 10},
    {"c": 2.75, "h": 3, "l": 2, "n": 5, "o": 2.5, "t": 7200000, "t_close": 10799999, "v": 11}
  ],
  "BTC": [
    {"t": 3600000, "o": 100.5, "h": 101, "l": 100, "c": 100.25, "v": 1.5},
    {"t": 7200000, "o": 100.25, "h": 102, "l": 100, "c": 101}
  ]
}`;

test('aiquant: one series per symbol, sorted by symbol; missing v is unknown', () => {
  const { series } = parseAiquantBars(AIQ, 'candles_1h.json');
  assert.deepEqual(series.map((s) => s.symbol), ['BTC', 'SOL']);
  assert.equal(series[0].open[0], 100.5);
  assert.ok(Number.isNaN(series[0].volume[1]));
  assert.equal(series[0].priceDecimals, 2);
  assert.equal(series[1].intervalMs, 3_600_000);
  assert.deepEqual(parseAiquantBars(AIQ, 'c.json', { symbol: 'SOL' }).series.map((s) => s.symbol), ['SOL']);
  assert.throws(() => parseAiquantBars(AIQ, 'c.json', { symbol: 'ETH' }), /no candles for symbol ETH/);
});

test('freqtrade writes one line: a bad candle is named by its number and time, not file:1', () => {
  const candles = Array.from({ length: 20 }, (_, i) => `[${Date.UTC(2021, 0, 1) + i * 300_000}, 3.25, ${i === 16 ? 3.1 : 3.3}, 3.2, 3.25, 10]`);
  throwsAt(() => parseFreqtradeBars(`[${candles.join(',')}]\n`, 'ADA_BTC-5m.json'), 'ADA_BTC-5m.json: candle 17 (2021-01-01T01:20:00Z)', /^ADA_BTC-5m\.json: candle 17 \(2021-01-01T01:20:00Z\): high 3\.1 < low 3\.2$/);
  const bad = `[[1609459200000, 1, 2, 1, "\u001b[31m${'9'.repeat(10_000)}", 1]]`;
  throwsAt(() => parseFreqtradeBars(bad, 'X_Y-1m.json'), 'X_Y-1m.json: candle 1 (2021-01-01T00:00:00Z)', /^X_Y-1m\.json: candle 1 \(2021-01-01T00:00:00Z\): value 5: expected a number, got "\\x1b\[31m9{55}…" \(10005 chars\)$/);
});

test('aiquant: nested groups (main/sub streams) and ignored description', () => {
  const json = '{"description": "x", "main_1h": {"BTC": [{"t": 0, "o": 1, "h": 1, "l": 1, "c": 1, "v": 1}, {"t": 3600000, "o": 1, "h": 1, "l": 1, "c": 1, "v": 1}]}, "sub_3m": {"BTC": [{"t": 0, "o": 1, "h": 1, "l": 1, "c": 1, "v": 1}, {"t": 180000, "o": 1, "h": 1, "l": 1, "c": 1, "v": 1}]}}';
  const { series } = parseAiquantBars(json, 'tp.json');
  assert.deepEqual(series.map((s) => [s.symbol, s.intervalMs]), [['BTC', 180_000], ['BTC', 3_600_000]]);
});

test('aiquant errors name file:line', () => {
  throwsAt(() => parseAiquantBars(AIQ.replace('"h": 101', '"h": 99'), 'c.json'), 'c.json:7: BTC bar 1 (1970-01-01T01:00:00Z)', /high 99 < low 100/);
  throwsAt(() => parseAiquantBars(AIQ.replace('"o": 100.5', '"o": "abc"'), 'c.json'), 'c.json:7: BTC bar 1 (1970-01-01T01:00:00Z)', /field o: expected a number, got "abc"/);
  throwsAt(() => parseAiquantBars(AIQ.slice(0, 200), 'c.json'), 'c.json:4', /truncated JSON/);
  throwsAt(() => parseAiquantBars('{"BTC": [{"o": 1, "h": 1, "l": 1, "c": 1}]}', 'c.json'), 'c.json: BTC bar 1', /field t is missing/);
  const r = parseAiquantBars(AIQ.replace('"h": 101', '"h": 99'), 'c.json', { skipBad: true });
  assert.equal(r.skipped, 1);
});

test('format detection from content', () => {
  assert.equal(detectBarFormat('  [[1,2', 'a.json'), 'freqtrade');
  assert.equal(detectBarFormat('\n{"BTC"', 'a.json'), 'aiquant');
  assert.equal(detectBarFormat('Date,Open,High,Low,Close,Adj Close,Volume\n', 'a.txt'), 'backtrader');
  assert.equal(detectBarFormat('Date,Time,Open,High,Low,Close,Volume,OpenInterest\r\n', 'a.txt'), 'backtrader');
  assert.equal(detectBarFormat('timestamp,open,high,low,close,volume\n', 'a.txt'), 'csv');
  assert.throws(() => detectBarFormat('TIMESTAMP,BID,ASK\n', 'bidask.csv'), (e: unknown) => {
    assert.ok(e instanceof BadInputError);
    assert.equal(e.where, 'bidask.csv');
    assert.match(e.message, /unknown bar file format: missing column open .*known formats: csv, backtrader, freqtrade, aiquant/);
    return true;
  });
  assert.throws(() => detectBarFormat('', 'empty.csv'), /empty file/);
});

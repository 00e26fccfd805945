// Every shared bar file (backtrader, freqtrade, aiquant, perp-bars) read from disk and checked against its raw text.
import { sharedDataFile, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import { readBarFile } from './read-bar-file.js';

/** The shared data folder, or undefined after marking the test skipped. */
function data(t: TestContext, sub: string): string | undefined {
  const dir = sharedDataFile(sub);
  if (dir === undefined) t.skip(SHARED_DATA_MISSING);
  return dir;
}

/** Data rows of a CSV text (header dropped, blank lines ignored), split on commas. */
function rawRows(path: string): string[][] {
  return readFileSync(path, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').map((l) => l.split(','));
}

const BACKTRADER_BARS = [
  '2005-2006-day-001.txt',
  '2006-01-02-volume-min-001.txt',
  '2006-day-001.txt',
  '2006-day-002.txt',
  '2006-min-005.txt',
  '2006-month-001.txt',
  '2006-volume-day-001.txt',
  '2006-week-001.txt',
  'nvda-1999-2014.txt',
  'orcl-1995-2014.txt',
  'yhoo-1996-2014.txt',
];

test('every backtrader bar file parses: counts and first/last bars match the raw text', async (t) => {
  const dir = data(t, 'backtrader');
  if (!dir) return;
  for (const name of BACKTRADER_BARS) {
    const path = join(dir, name);
    const rows = rawRows(path);
    const yahoo = readFileSync(path, 'utf8').startsWith('Date,Open,High,Low,Close,Adj Close,Volume');
    const r = await readBarFile(path);
    assert.equal(r.format, 'backtrader', name);
    assert.equal(r.skipped, 0);
    const s = r.series[0];
    assert.equal(s.length, rows.length, name);
    for (const [i, row] of [[0, rows[0]], [s.length - 1, rows.at(-1) as string[]]] as const) {
      const intraday = row.length === 8;
      const p = intraday ? row.slice(2) : row.slice(1);
      assert.deepEqual([s.open[i], s.high[i], s.low[i], s.close[i]], p.slice(0, 4).map(Number), `${name} bar ${i}`);
      // Yahoo rows are Date,O,H,L,C,Adj Close,Volume: volume is the 7th field.
      assert.equal(s.volume[i], Number(yahoo ? row[6] : p[4]), `${name} volume`);
      const stamp = Date.parse(`${row[0]}T${intraday ? row[1] : '00:00:00'}Z`);
      assert.equal(s.time[i], intraday ? stamp - (s.intervalMs as number) : stamp, `${name} time`);
    }
  }
});

test('backtrader details: intervals, price grid, bar-open shift and sha256', async (t) => {
  const dir = data(t, 'backtrader');
  if (!dir) return;
  const day = await readBarFile(join(dir, '2006-day-001.txt'));
  assert.equal(day.fileSha256, '18b458e6440c241776ca9bf4d469d7af8428cb39b0af153859edae8c5caf3fc2');
  assert.equal(day.series[0].length, 255);
  assert.equal(day.series[0].intervalMs, 86_400_000);
  assert.equal(day.series[0].priceDecimals, 2);
  assert.equal(day.series[0].close[0], 3604.33);
  const min5 = (await readBarFile(join(dir, '2006-min-005.txt'))).series[0];
  assert.equal(min5.intervalMs, 300_000);
  assert.equal(min5.time[0], Date.UTC(2006, 0, 2, 9, 0), 'the 09:05 stamp is the end of the 09:00 bar');
  const vol = (await readBarFile(join(dir, '2006-01-02-volume-min-001.txt'))).series[0];
  assert.equal(vol.length, 30889);
  assert.equal(vol.intervalMs, 60_000);
  assert.equal(vol.volume[0], 5699);
  const orcl = (await readBarFile(join(dir, 'orcl-1995-2014.txt'), { symbol: 'ORCL', interval: '1d' })).series[0];
  assert.equal(orcl.symbol, 'ORCL');
  assert.equal(orcl.priceDecimals, 6);
  assert.equal(orcl.close[0], 2.117284, 'Close, not Adj Close');
});

test('ticksample.csv (ISO times) has a repeated time at line 24; skipBad imports the rest', async (t) => {
  const dir = data(t, 'backtrader');
  if (!dir) return;
  const path = join(dir, 'ticksample.csv');
  await assert.rejects(readBarFile(path), (e: unknown) => {
    assert.ok(e instanceof BadInputError);
    assert.equal(e.where, `${path}:24`);
    assert.match(e.message, /not after the previous bar/);
    return true;
  });
  const r = await readBarFile(path, { skipBad: true });
  assert.equal(r.format, 'csv');
  assert.equal(r.skipped, 1);
  assert.equal(r.series[0].length, 134);
  assert.equal(r.series[0].time[0], Date.UTC(2015, 8, 23, 20, 57, 42, 146));
});

test('bidask.csv is not a bar file: the error names the file and the formats', async (t) => {
  const dir = data(t, 'backtrader');
  if (!dir) return;
  const path = join(dir, 'bidask.csv');
  await assert.rejects(readBarFile(path), (e: unknown) => e instanceof BadInputError && e.where === path && /known formats: csv, backtrader, freqtrade, aiquant/.test(e.message));
});

test('every freqtrade candle file parses and matches JSON.parse', async (t) => {
  const dir = data(t, 'freqtrade');
  if (!dir) return;
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.json')), ...readdirSync(join(dir, 'futures')).filter((f) => !f.includes('funding_rate')).map((f) => join('futures', f))];
  assert.ok(files.length >= 13);
  for (const f of files) {
    const path = join(dir, f);
    const raw = JSON.parse(readFileSync(path, 'utf8')) as (number | null)[][];
    const r = await readBarFile(path);
    assert.equal(r.format, 'freqtrade');
    const s = r.series[0];
    assert.equal(s.length, raw.length, f);
    for (const i of [0, raw.length - 1]) {
      assert.deepEqual([s.time[i], s.open[i], s.high[i], s.low[i], s.close[i]], raw[i].slice(0, 5), `${f} row ${i}`);
      if (raw[i][5] === null) assert.ok(Number.isNaN(s.volume[i]));
      else assert.equal(s.volume[i], raw[i][5]);
    }
  }
  const ada = (await readBarFile(join(dir, 'ADA_BTC-5m.json'))).series[0];
  assert.equal(ada.symbol, 'ADA/BTC');
  assert.equal(ada.intervalMs, 300_000);
  const xrp = (await readBarFile(join(dir, 'futures/XRP_USDT_USDT-1h-futures.json'))).series[0];
  assert.equal(xrp.symbol, 'XRP/USDT:USDT');
  assert.equal(xrp.intervalMs, 3_600_000);
  const mark = (await readBarFile(join(dir, 'futures/XRP_USDT_USDT-1h-mark.json'))).series[0];
  assert.equal(mark.symbol, 'XRP/USDT:USDT@mark');
  await assert.rejects(readBarFile(join(dir, 'futures/XRP_USDT_USDT-8h-funding_rate.json')), /funding-rate/);
});

test('aiquant candles_1h.json: BTC, ETH, SOL with 600 hourly bars each, matching JSON.parse', async (t) => {
  const dir = data(t, 'aiquant');
  if (!dir) return;
  const path = join(dir, 'candles_1h.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { t: number; o: number; h: number; l: number; c: number; v: number }[]>;
  const r = await readBarFile(path);
  assert.equal(r.format, 'aiquant');
  assert.deepEqual(r.series.map((s) => s.symbol), ['BTC', 'ETH', 'SOL']);
  for (const s of r.series) {
    const bars = raw[s.symbol];
    assert.equal(s.length, 600);
    assert.equal(s.intervalMs, 3_600_000);
    for (const i of [0, 599]) assert.deepEqual([s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]], [bars[i].t, bars[i].o, bars[i].h, bars[i].l, bars[i].c, bars[i].v]);
  }
  assert.equal(r.series[0].time[0], Date.UTC(2026, 0, 16, 5));
  const tp = await readBarFile(join(dir, 'tp_isolation_candles.json'));
  assert.deepEqual(tp.series.map((s) => [s.symbol, s.length, s.intervalMs]), [['BTC', 140, 180_000], ['BTC', 8, 3_600_000]]);
});

test('perp-bars: 45,031 one-minute bars with microsecond timestamps', async (t) => {
  const dir = data(t, 'perp-bars');
  if (!dir) return;
  const path = join(dir, 'btc-perp-20211231-20220201_1m.csv');
  const rows = rawRows(path);
  const r = await readBarFile(path, { symbol: 'BTC-PERP' });
  assert.equal(r.format, 'csv');
  const s = r.series[0];
  assert.equal(s.length, 45031);
  assert.equal(s.intervalMs, 60_000);
  assert.equal(s.time[0], Date.UTC(2021, 11, 31, 23, 1));
  assert.equal(s.time[s.length - 1], Date.UTC(2022, 1, 1, 5, 31));
  for (const [i, row] of [[0, rows[0]], [s.length - 1, rows.at(-1) as string[]]] as const) {
    assert.deepEqual([s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]], row.slice(1).map(Number));
  }
});

test('format override, unknown format and missing file are clear errors', async (t) => {
  const dir = data(t, 'backtrader');
  if (!dir) return;
  const r = await readBarFile(join(dir, '2006-day-001.txt'), { format: 'csv' });
  assert.equal(r.format, 'csv');
  assert.equal(r.series[0].length, 255);
  await assert.rejects(readBarFile(join(dir, '2006-day-001.txt'), { format: 'parquet' as never }), /unknown format "parquet"; known formats: csv, backtrader, freqtrade, aiquant/);
  await assert.rejects(readBarFile(join(dir, 'nope.csv')), (e: unknown) => e instanceof BadInputError && /cannot open/.test(e.message));
});

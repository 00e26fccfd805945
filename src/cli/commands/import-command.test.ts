// `sextant import` and `sextant data list` end to end on temp databases: summaries, idempotence, bad rows, atomicity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { ManualClock } from '../../core/manual-clock.js';
import { openStore } from '../../store/open-store.js';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { sharedDataDir, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { makeImportCommand } from './import-command.js';
import { makeDataCommand } from './data-command.js';
import { readBarFile } from '../../store/formats/read-bar-file.js';

const DATA = sharedDataDir();

async function run(argv: string[], cwd: string, clock: Clock = new ManualClock(Date.UTC(2025, 0, 1))): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io, [makeImportCommand(clock), makeDataCommand(clock)]);
  return { code, out: io.stdout(), err: io.stderr() };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'sextant-import-'));

const CSV = 'datetime,open,high,low,close,volume\n2024-01-01 00:00:00,3,3.5,3,3.2,1\n2024-01-01 01:00:00,3.2,3.6,3.1,3.4,2\n2024-01-01 02:00:00,3.4,3.5,3.3,3.3,3\n';

async function seriesIn(cwd: string): Promise<unknown> {
  const store = openStore(join(cwd, 'data/sextant.db'), { clock: new ManualClock(0) });
  try {
    const list = await store.candles.listSeries();
    const bars = await Promise.all(list.map(async (s) => [...(await store.candles.loadBars(s.venue, s.symbol, s.intervalMs)).close]));
    return { list, bars };
  } finally {
    await store.close();
  }
}

test('import a backtrader file: summary, data list, idempotent re-import', async (t) => {
  if (!DATA) return t.skip(SHARED_DATA_MISSING);
  const cwd = tmp();
  const file = join(DATA, 'backtrader', '2006-day-001.txt');
  const a = await run(['import', '--file', file, '--symbol', 'IDX'], cwd);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /imported .*2006-day-001\.txt \(backtrader, sha256 18b458e6440c…\) into data\/sextant\.db/);
  assert.match(a.out, /file {2}IDX {2}1d {2}255 bars {2}2006-01-02T00:00:00Z … 2006-12-29T00:00:00Z {2}new 255, changed 0, unchanged 0/);
  assert.ok(existsSync(join(cwd, 'data', 'sextant.db')));
  const b = await run(['import', '--file', file, '--symbol', 'IDX'], cwd);
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /new 0, changed 0, unchanged 255/);
  const list = await run(['data', 'list'], cwd);
  assert.equal(list.code, 0, list.err);
  // Weekends and holidays are gaps of a daily stock series: count them from the file's own dates.
  const times = (await readBarFile(file)).series[0].time;
  let gaps = 0;
  let missing = 0;
  for (let i = 1; i < times.length; i++) {
    const skipped = (times[i] - times[i - 1]) / 86_400_000 - 1;
    if (skipped > 0) {
      gaps++;
      missing += skipped;
    }
  }
  assert.equal(
    list.out,
    'venue  symbol  interval  bars  from                  to                    gaps  missing  forming\n' +
      `file   IDX     1d         255  2006-01-02T00:00:00Z  2006-12-29T00:00:00Z  ${String(gaps).padStart(4)}  ${String(missing).padStart(7)}        0\n`,
  );
});

test('import freqtrade and multi-symbol aiquant files with their own symbols and intervals', async (t) => {
  if (!DATA) return t.skip(SHARED_DATA_MISSING);
  const cwd = tmp();
  const ft = await run(['import', '--file', join(DATA, 'freqtrade', 'futures', 'XRP_USDT_USDT-1h-futures.json'), '--venue', 'binance'], cwd);
  assert.equal(ft.code, 0, ft.err);
  assert.match(ft.out, /binance {2}XRP\/USDT:USDT {2}1h {2}100 bars/);
  const ai = await run(['import', '--file', join(DATA, 'aiquant', 'candles_1h.json'), '--db', 'other.db'], cwd);
  assert.equal(ai.code, 0, ai.err);
  assert.match(ai.out, /\(aiquant, /);
  for (const sym of ['BTC', 'ETH', 'SOL']) assert.match(ai.out, new RegExp(`file {2}${sym} {2}1h {2}600 bars {2}2026-01-16T05:00:00Z … 2026-02-10T04:00:00Z {2}new 600`));
  const list = await run(['data', 'list', '--db', 'other.db'], cwd);
  assert.deepEqual(list.out.trim().split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 4).join(' ')), ['file BTC 1h 600', 'file ETH 1h 600', 'file SOL 1h 600']);
});

test('a bad row stops the import with file:line and stores nothing; the database keeps what it had', async () => {
  const cwd = tmp();
  writeFileSync(join(cwd, 'bars.csv'), CSV);
  assert.equal((await run(['import', '--file', 'bars.csv', '--symbol', 'X'], cwd)).code, 0);
  const before = await seriesIn(cwd);
  const bad = CSV.replace('2024-01-01 02:00:00,3.4,3.5,3.3,3.3,3', '2024-01-01 02:00:00,3.4,3.1,3.2,3.3,3').replace('3.2,3.6,3.1,3.4,2', '3.2,3.6,3.1,3.5,2');
  writeFileSync(join(cwd, 'bars.csv'), bad + '2024-01-01 03:00:00,3.3,3.5,3.3,3.3,3\n');
  const r = await run(['import', '--file', 'bars.csv', '--symbol', 'X'], cwd);
  assert.equal(r.code, 2);
  assert.match(r.err, /bars\.csv:4: high 3\.1 < low 3\.2\n$/);
  assert.equal(r.out, '');
  assert.deepEqual(await seriesIn(cwd), before, 'the changed row 3 was not stored either');
});

test('a bad first import does not even create the database', async () => {
  const cwd = tmp();
  writeFileSync(join(cwd, 'bars.csv'), CSV.replace('3.2,3.6', 'abc,3.6'));
  const r = await run(['import', '--file', 'bars.csv'], cwd);
  assert.equal(r.code, 2);
  assert.match(r.err, /bars\.csv:3: column open: expected a number, got "abc"/);
  assert.ok(!existsSync(join(cwd, 'data')));
});

test('--skip-bad imports the rest and reports how many rows were skipped', async () => {
  const cwd = tmp();
  writeFileSync(join(cwd, 'bars.csv'), CSV.replace('3.2,3.6', 'abc,3.6') + '2024-01-01 02:00:00,3.4,3.5,3.3,3.3,3\n');
  const r = await run(['import', '--file', 'bars.csv', '--skip-bad'], cwd);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /file {2}bars {2}2h {2}2 bars .* new 2, changed 0, unchanged 0\nskipped 2 bad rows\n$/);
});

test('re-importing an edited file reports changed rows', async () => {
  const cwd = tmp();
  writeFileSync(join(cwd, 'bars.csv'), CSV);
  await run(['import', '--file', 'bars.csv', '--interval', '1h'], cwd);
  writeFileSync(join(cwd, 'bars.csv'), CSV.replace('3.4,3.5,3.3,3.3,3', '3.4,3.5,3.3,3.35,3') + '2024-01-01 03:00:00,3.3,3.5,3.3,3.3,3\n');
  const r = await run(['import', '--file', 'bars.csv', '--interval', '1h'], cwd);
  assert.match(r.out, /4 bars .* new 1, changed 1, unchanged 2/);
});

test('clear errors: missing --file, single bar without --interval, unknown format, not a bar file', async () => {
  const cwd = tmp();
  assert.match((await run(['import'], cwd)).err, /--file: is required/);
  writeFileSync(join(cwd, 'one.csv'), CSV.split('\n').slice(0, 2).join('\n') + '\n');
  const one = await run(['import', '--file', 'one.csv'], cwd);
  assert.equal(one.code, 2);
  assert.match(one.err, /--interval: one: 1 bar\(s\) are too few to infer the interval/);
  assert.equal((await run(['import', '--file', 'one.csv', '--interval', '1d'], cwd)).code, 0);
  assert.match((await run(['import', '--file', 'one.csv', '--format', 'xls'], cwd)).err, /--format: expected one of csv, backtrader, freqtrade, aiquant/);
  writeFileSync(join(cwd, 'bidask.csv'), 'TIMESTAMP,BID,ASK\n02/03/2010 16:53:50,0.5346,0.5347\n');
  const ba = await run(['import', '--file', 'bidask.csv'], cwd);
  assert.match(ba.err, /bidask\.csv: unknown bar file format: missing column open .* known formats: csv, backtrader, freqtrade, aiquant/);
  assert.match((await run(['data', 'list', '--db', 'none.db'], cwd)).err, /--db: no store at none\.db/);
  assert.match((await run(['data', 'show'], cwd)).err, /expected the subcommand list/);
});

test('large files report progress on stderr', async () => {
  const cwd = tmp();
  const rows: string[] = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < 90_000; i++) rows.push(`${1_700_000_000_000 + i * 60_000},100.125,101.5,99.75,100.5,12345.678`);
  writeFileSync(join(cwd, 'big.csv'), rows.join('\n') + '\n');
  assert.ok(readFileSync(join(cwd, 'big.csv')).length > 4 * 1024 * 1024);
  let t = 0;
  const ticking: Clock = { now: () => (t += 1500) };
  const r = await run(['import', '--file', 'big.csv', '--symbol', 'BIG'], cwd, ticking);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /reading big\.csv: [\d,]+\/[\d,]+ \(\d+%\)/);
  assert.match(r.out, /BIG {2}1m {2}90000 bars/);
});

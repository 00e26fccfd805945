// The indicators command end to end on the backtrader sample: header, rows, warm-up cells, values, dates and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { sharedDataDir, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { parseIndicatorSpec } from './indicators-command.js';

const DATA = sharedDataDir();
const DAY1 = DATA && join(DATA, 'backtrader', '2006-day-001.txt');
const MIN5 = DATA && join(DATA, 'backtrader', '2006-min-005.txt');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(tmpdir());
  const code = await main(['indicators', ...argv], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

function csv(out: string): string[][] {
  return out.trimEnd().split('\n').map((l) => l.split(','));
}

test('sma, macd and ichimoku on 2006-day-001: header, 255 rows, empty warm-up cells, hand-checked SMA', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const r = await run(['--data', DAY1, '--ind', 's15=sma:period=15', '--ind', 'm=macd', '--ind', 'ich=ichimoku']);
  assert.equal(r.code, 0, r.err);
  const rows = csv(r.out);
  assert.deepEqual(rows[0], ['date', 's15', 'm.macd', 'm.signal', 'm.hist', 'ich.tenkan', 'ich.kijun', 'ich.senkou_a', 'ich.senkou_b', 'ich.chikou']);
  assert.equal(rows.length, 1 + 255);
  const closes = readFileSync(DAY1, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[4]));
  assert.equal(rows[1][0], '2006-01-02');
  assert.equal(rows[255][0], '2006-12-29');
  // SMA(15): rows 1..14 empty, row 15 = mean of the first 15 closes.
  for (let i = 1; i <= 14; i++) assert.equal(rows[i][1], '', `row ${i}`);
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += closes[i];
  assert.equal(Number(rows[15][1]), sum / 15);
  // MACD 12/26/9: macd from row 26, signal and hist from row 34; hist = macd − signal.
  assert.equal(rows[25][2], '');
  assert.notEqual(rows[26][2], '');
  assert.equal(rows[33][3], '');
  assert.notEqual(rows[34][3], '');
  assert.ok(Math.abs(Number(rows[100][2]) - Number(rows[100][3]) - Number(rows[100][4])) < 1e-9);
  // Ichimoku: senkou_b from row 78; chikou on row i is the close 26 rows later, empty on the last 26 rows.
  assert.equal(rows[77][8], '');
  assert.notEqual(rows[78][8], '');
  assert.equal(Number(rows[1][9]), closes[26]);
  assert.equal(Number(rows[229][9]), closes[254]);
  assert.equal(rows[230][9], '');
  // Full precision: every number round-trips.
  for (const row of rows.slice(1)) for (const cell of row.slice(1)) if (cell !== '') assert.equal(String(Number(cell)), cell);
});

test('single-line names are bare, a label defaults to the indicator name, and intraday bars print a time', async (t) => {
  if (!MIN5) return t.skip(SHARED_DATA_MISSING);
  const r = await run(['--data', MIN5, '--ind', 'rsi', '--ind', 'a=aroon:period=5']);
  assert.equal(r.code, 0, r.err);
  const rows = csv(r.out);
  assert.deepEqual(rows[0], ['date', 'rsi', 'a.up', 'a.down']);
  assert.match(rows[1][0], /^2006-01-02 \d{2}:\d{2}:\d{2}$/);
  // RSI 14: first value on bar 15.
  assert.equal(rows[14][1], '');
  assert.notEqual(rows[15][1], '');
});

test('bad --ind specs fail with exit code 2 and name the spec', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const cases: [string, RegExp][] = [
    ['fast=sma:period=0', /--ind fast=sma:period=0 \(sma\): period must be an integer ≥ 1, got 0/],
    ['x=nope', /--ind x=nope: unknown indicator "nope" \(valid: sma, ema, /],
    ['x=macd:period=3', /--ind x=macd:period=3 \(macd\): unknown parameter "period" \(valid: fast, slow, signal, seed\)/],
    ['x=sma:period', /--ind x=sma:period: expected key=value, got "period"/],
    ['a b=sma', /--ind a b=sma: label must be letters, digits, _ or -/],
    ['x=', /--ind x=: missing indicator name/],
  ];
  for (const [spec, message] of cases) {
    const r = await run(['--data', DAY1, '--ind', spec]);
    assert.equal(r.code, 2, spec);
    assert.match(r.err, message);
    assert.equal(r.out, '');
  }
  const dup = await run(['--data', DAY1, '--ind', 'a=sma', '--ind', 'a=ema']);
  assert.equal(dup.code, 2);
  assert.match(dup.err, /--ind a: label used twice/);
  const none = await run(['--data', DAY1]);
  assert.equal(none.code, 2);
  assert.match(none.err, /--ind: give at least one/);
});

test('parseIndicatorSpec splits label, name and parameters', () => {
  assert.deepEqual(parseIndicatorSpec('bb=bbands:period=10,dev=2.5'), { label: 'bb', name: 'bbands', params: { period: '10', dev: '2.5' } });
  assert.deepEqual(parseIndicatorSpec('obv'), { label: 'obv', name: 'obv', params: {} });
  assert.throws(() => parseIndicatorSpec('x=sma:period=1,period=2'), /given twice/);
});

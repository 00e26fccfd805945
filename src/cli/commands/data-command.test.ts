// `sextant data list` and `data check` on a store with known defects: gaps with their ranges, forming bars, bad values, misalignment; exit 0 / 1 / 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BarSeriesBuilder } from '../../core/bars.js';
import { ManualClock } from '../../core/manual-clock.js';
import { openStore } from '../../store/open-store.js';
import { runCli } from '../../testkit/cli/cli-process.js';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { makeDataCommand } from './data-command.js';

const MIN = 60_000;
const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

/**
 * hyperliquid BTC 1m: minutes 0..59 without 10..14 and 20 (gaps) and 30..31 (confirmed empty), 50 with
 * impossible values, 59 forming, 40 a second off the grid (so the 40:00 slot is a gap too);
 * file ETH 1h: 24 clean bars.
 */
async function fixture(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-data-'));
  const store = openStore(join(dir, 'db.sqlite'), { clock: new ManualClock(0) });
  const b = new BarSeriesBuilder('BTC');
  for (let i = 0; i < 60; i++) {
    if ((i >= 10 && i <= 14) || i === 20 || i === 30 || i === 31) continue;
    b.push(T0 + i * MIN + (i === 40 ? 1_000 : 0), 10, i === 50 ? 9 : 12, 9, 11, 1);
  }
  await store.candles.upsertBars('hyperliquid', b.finish('t', MIN), MIN, { closedBy: T0 + 59 * MIN });
  await store.candles.markEmpty('hyperliquid', 'BTC', MIN, [[T0 + 30 * MIN, T0 + 32 * MIN]]);
  const e = new BarSeriesBuilder('ETH');
  for (let i = 0; i < 24; i++) e.push(T0 + i * H, 10, 12, 9, 11, NaN);
  await store.candles.upsertBars('file', e.finish('t', H), H);
  await store.close();
  return dir;
}

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io, [makeDataCommand(new ManualClock(0))]);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('data list: per series the gaps, missing bars and forming bars', async () => {
  const dir = await fixture();
  try {
    const r = await run(['data', 'list', '--db', 'db.sqlite'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        'venue        symbol  interval  bars  from                  to                    gaps  missing  forming',
        'file         ETH     1h          24  2025-01-01T00:00:00Z  2025-01-01T23:00:00Z     0        0        0',
        'hyperliquid  BTC     1m          52  2025-01-01T00:00:00Z  2025-01-01T00:59:00Z     3        7        1',
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('data check: a clean series is ok (exit 0); a defective one lists every kind of problem, capped (exit 1)', async () => {
  const dir = await fixture();
  try {
    const clean = await run(['data', 'check', '--venue', 'file', '--db', 'db.sqlite'], dir);
    assert.equal(clean.code, 0, clean.err);
    assert.equal(clean.out, 'file ETH 1h: 24 bars 2025-01-01T00:00:00Z … 2025-01-01T23:00:00Z: ok\n');
    const bad = await run(['data', 'check', '--symbol', 'BTC', '--interval', '1m', '--limit', '2', '--db', 'db.sqlite'], dir);
    assert.equal(bad.code, 1, bad.err);
    assert.equal(
      bad.out,
      [
        'hyperliquid BTC 1m: 52 bars 2025-01-01T00:00:00Z … 2025-01-01T00:59:00Z; 2 empty (no trades, confirmed by the venue): 6 problems',
        '  3 gaps (7 missing bars): 2025-01-01T00:10:00Z … 2025-01-01T00:14:00Z (5), 2025-01-01T00:20:00Z; and 1 more',
        '  1 not final (stored before their interval closed; download again): 2025-01-01T00:59:00Z',
        '  1 bad values: 2025-01-01T00:50:00Z open 10 outside [low 9, high 9]',
        '  1 off the grid: 2025-01-01T00:40:01Z',
        '',
      ].join('\n'),
    );
    const json = await run(['data', 'check', '--json', '--db', 'db.sqlite'], dir);
    assert.equal(json.code, 1);
    const doc = JSON.parse(json.out) as { ok: boolean; series: { symbol: string; problems: number; gaps: { count: number; items: unknown[] }; missing_bars: number; empty_bars: number; not_final: { items: string[] } }[] };
    assert.equal(doc.ok, false);
    assert.deepEqual(doc.series.map((s) => [s.symbol, s.problems]), [['ETH', 0], ['BTC', 6]]);
    const btc = doc.series[1];
    assert.deepEqual([btc.gaps.count, btc.missing_bars, btc.empty_bars, btc.not_final.items], [3, 7, 2, ['2025-01-01T00:59:00.000Z']]);
    assert.deepEqual(btc.gaps.items[0], { from: '2025-01-01T00:10:00.000Z', to: '2025-01-01T00:14:00.000Z', bars: 5 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('data check as a process: exit 1 on problems, exit 2 on bad input naming the option', async () => {
  const dir = await fixture();
  try {
    const problems = await runCli(['data', 'check', '--db', 'db.sqlite'], dir);
    assert.equal(problems.code, 1, problems.stderr);
    const badInterval = await runCli(['data', 'check', '--interval', '7q', '--db', 'db.sqlite'], dir);
    assert.equal(badInterval.code, 2);
    assert.equal(badInterval.stderr, 'sextant data: --interval: expected an interval like 1m, 1h or 1d, got "7q"\n');
    const none = await runCli(['data', 'check', '--symbol', 'SOL', '--db', 'db.sqlite'], dir);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'sextant data: --symbol SOL: no stored bar series matches in db.sqlite\n');
    const wrong = await runCli(['data', 'list', '--json', '--db', 'db.sqlite'], dir);
    assert.equal(wrong.code, 2);
    assert.equal(wrong.stderr, 'sextant data: --json: is an option of data check, not of data list\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

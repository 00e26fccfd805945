// Silent failures made loud: refused orders counted by reason and warned about, a liquidation named, and inputs
// that do nothing (a config nobody reads, tick data for a bar strategy, a fill model that does not apply).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { sharedDataFile, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';

async function run(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** A folder with 200 daily bars falling 1 % a day from 1000 (two-decimal prices). */
function folder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-warn-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rows = ['time,open,high,low,close,volume'];
  let p = 1000;
  for (let i = 0; i < 200; i++) {
    const c = Math.round(p * 0.99 * 100) / 100;
    rows.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${p.toFixed(2)},${(p + 1).toFixed(2)},${(c - 1).toFixed(2)},${c.toFixed(2)},10`);
    p = c;
  }
  writeFileSync(join(dir, 'bars.csv'), rows.join('\n') + '\n');
  return dir;
}

test('a strategy whose every stop is refused is told, and so is its user: counts by reason, a warning, the liquidation', async (t) => {
  const dir = folder(t);
  // Long at 20x with a protective stop one tenth of a tick off the grid: every stop is refused by the venue.
  writeFileSync(
    join(dir, 'offgrid.ts'),
    [
      "import { defineStrategy } from 'sextant';",
      'export default defineStrategy({',
      "  name: 'offgrid',",
      '  onBar(bar, ctx) {',
      '    if (bar.index === 0) { ctx.setLeverage(20); ctx.buy((ctx.equity() * 19) / bar.close); }',
      "    if (ctx.position() > 0 && !ctx.hasOpenOrders()) ctx.submit({ symbol: bar.symbol, side: 'sell', qty: ctx.position(), type: 'stop-market', triggerPrice: bar.close * 0.98 + 0.001, reduceOnly: true });",
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  const r = await run(dir, ['backtest', '--strategy', './offgrid.ts', '--data', 'bars.csv', '--no-save', '--quiet']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^rejected +\d+ \(trigger price off the tick grid \d+\)$/m);
  assert.match(r.err, /^warning: \d+ orders? (was|were) rejected \(trigger price off the tick grid: \d+\); the first at 2024-01-02T00:00:00\.000Z \(bars\): trigger price/m);
  assert.match(r.err, /^warning: the account was liquidated at 2024-01-\d\dT00:00:00\.000Z \(bars sell /m);
  const j = await run(dir, ['backtest', '--strategy', './offgrid.ts', '--data', 'bars.csv', '--no-save', '--quiet', '--json']);
  const out = JSON.parse(j.out) as { rejected_orders: Record<string, number> };
  assert.ok(out.rejected_orders['trigger price off the tick grid'] > 0, JSON.stringify(out.rejected_orders));
});

test('a strategy config given to a strategy that reads none is named as ignored', async (t) => {
  const dir = folder(t);
  writeFileSync(join(dir, 'cfg.yaml'), 'fast: 3\n');
  const r = await run(dir, ['backtest', '--strategy', 'sma-cross', '--data', 'bars.csv', '--strategy-config', 'cfg.yaml', '--no-save', '--quiet']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^warning: --strategy-config: strategy sma-cross reads no config; cfg\.yaml is ignored$/m);
});

test('tick data for a bar-only strategy and a fill model that does not apply to tick runs are warned about', async (t) => {
  const ticks = sharedDataFile('tardis-samples', 'bitmex_trades_XBTUSD.csv');
  if (ticks === undefined) {
    if (process.env.CI) assert.fail(SHARED_DATA_MISSING);
    return t.skip(SHARED_DATA_MISSING);
  }
  const dir = folder(t);
  const r = await run(dir, ['backtest', '--strategy', 'sma-cross', '--ticks', ticks, '--fill-model', 'close', '--no-save', '--quiet']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^warning: strategy sma-cross reacts to bars only \(it has no onEvent\) and this run has no bars, only tick events: it will not trade/m);
  assert.match(r.err, /^warning: --fill-model close: does not apply to this run/m);
});

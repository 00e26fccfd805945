// The backtest command end to end: JSON determinism, report, agreement conventions and errors naming what and where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { sharedDataDir, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';

const DATA = sharedDataDir();
const DAY1 = DATA && join(DATA, 'backtrader', '2006-day-001.txt');

async function run(argv: string[], cwd = mkdtempSync(join(tmpdir(), 'sextant-bt-'))): Promise<{ code: number; out: string; err: string; cwd: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr(), cwd };
}

const SMA = ['backtest', '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=15', '--param', 'size=1', '--fill-model', 'next-open', '--cash', '10000', '--quiet'];

test('backtest --json is byte-identical across runs and has every documented key', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const a = await run([...SMA, '--data', DAY1, '--json']);
  const b = await run([...SMA, '--data', DAY1, '--json']);
  assert.equal(a.code, 0, a.err);
  assert.equal(a.out, b.out);
  const j = JSON.parse(a.out);
  for (const k of ['final_equity', 'final_cash', 'total_return', 'cagr', 'max_drawdown', 'sharpe', 'sortino', 'calmar', 'profit_factor', 'win_rate', 'trades', 'open_position', 'exposure', 'fees', 'funding', 'rejected_orders', 'fills']) {
    assert.ok(k in j, `missing ${k}`);
  }
  // Final equity = cash + the open position valued at the last close.
  const open = j.open_position.reduce((s: number, p: { unrealized_pnl: number }) => s + p.unrealized_pnl, 0);
  assert.ok(Math.abs(j.final_cash + open - j.final_equity) < 1e-9);
  // Every fill happens at a bar's open under next-open (no slippage configured).
  const opens = new Set(readFileSync(DAY1, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1])));
  for (const f of j.fills) assert.ok(opens.has(f.price), `fill at ${f.price} is not an open`);
});

test('a futures-like contract scales PnL by the multiplier and charges the per-unit fee on every fill', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const plain = JSON.parse((await run([...SMA, '--data', DAY1, '--json'])).out);
  const fut = JSON.parse((await run([...SMA, '--data', DAY1, '--json', '--multiplier', '10', '--fee-per-unit', '2'])).out);
  assert.equal(fut.fills.length, plain.fills.length);
  assert.equal(fut.fees, 2 * fut.fills.length);
  const pnlPlain = plain.final_equity - 10000;
  const pnlFut = fut.final_equity - 10000 + fut.fees;
  assert.ok(Math.abs(pnlFut - 10 * pnlPlain) < 1e-6, `${pnlFut} vs 10 × ${pnlPlain}`);
});

test('--report writes a self-contained HTML file', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const r = await run([...SMA, '--data', DAY1, '--report', 'out/report.html']);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(join(r.cwd, 'out', 'report.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="http/);
  assert.match(r.out, /report\s+.*report\.html/);
  // Every setting of the run, named as on the command line, defaults included.
  for (const [k, v] of [['strategy', 'sma-cross'], ['params', '{"fast":1,"slow":15,"size":1,"longOnly":true}'], ['cash', '10000'], ['maker-bps', '0'], ['taker-bps', '0'], ['fill-model', 'next-open'], ['leverage', '10'], ['tick', 'default'], ['funding', 'none']]) {
    assert.ok(html.includes(`<dt>${k}</dt><dd>${v.replace(/"/g, '&quot;')}</dd>`), `setting ${k} = ${v}`);
  }
});

test('bad input names what and where', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-bt-'));
  const cases: [string[], RegExp][] = [
    [['backtest', '--strategy', 'nope', '--data', 'x.csv'], /--strategy nope: unknown strategy \(built-in: .*sma-cross/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--param', 'fats=3'], /--param fats: strategy sma-cross has no parameter "fats" \(parameters: fast, slow/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--param', 'fast=0'], /--param fast: must be ≥ 1, got 0/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--param', 'fast=abc'], /--param fast: expected a number/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--cash', '-5'], /--cash: must be > 0, got -5/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--fill-model', 'vwap'], /--fill-model: expected one of next-open, close/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--strategy-config', 'missing.yaml'], /missing\.yaml: cannot read strategy config: ENOENT/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'missing.csv'], /missing\.csv/],
    [['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--bogus'], /--bogus: unknown option/],
    [['backtest', '--strategy', 'sma-cross'], /--data: give --data FILE/],
  ];
  writeFileSync(join(cwd, 'bad.yaml'), 'global:\n  trade: [1, 2\n');
  cases.push([['backtest', '--strategy', 'sma-cross', '--data', 'x.csv', '--strategy-config', 'bad.yaml'], /bad\.yaml:\d+: not valid YAML/]);
  for (const [argv, re] of cases) {
    const r = await run(argv, cwd);
    assert.equal(r.code, 2, `${argv.join(' ')} → ${r.code} ${r.err}`);
    assert.match(r.err, re, argv.join(' '));
  }
  if (DATA) {
    writeFileSync(join(cwd, 'x.csv'), 'datetime,open,high,low,close,volume\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1,2,0.5,abc,10\n');
    const r = await run(['backtest', '--strategy', 'sma-cross', '--data', 'x.csv'], cwd);
    assert.equal(r.code, 2);
    assert.match(r.err, /x\.csv:3: .*close/);
  }
});

test('a user strategy file is loaded by path', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-user-'));
  writeFileSync(
    join(cwd, 'buy-once.ts'),
    `export default {
  name: 'buy-once', summary: 'buys on the first bar', params: [{ name: 'qty', type: 'number', default: 2, help: 'qty' }],
  create(p: Record<string, unknown>) {
    let done = false;
    return { onBar(bar: { symbol: string }, ctx: { submit(o: object): string }) { if (!done) { done = true; ctx.submit({ symbol: bar.symbol, side: 'buy', qty: p.qty, type: 'market' }); } } };
  },
};
`,
  );
  const r = await run(['backtest', '--strategy', './buy-once.ts', '--data', DAY1, '--param', 'qty=3', '--json', '--quiet'], cwd);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.fills.length, 1);
  assert.equal(j.fills[0].qty, 3);
  assert.equal(j.fills[0].time, '2006-01-03T00:00:00.000Z');
});

test('--funding charges longs a positive rate at each funding time, paid at that bar\'s open', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-fund-'));
  // One funding time on a day the strategy is long (after the first entry), one before any position.
  const plain = JSON.parse((await run([...SMA, '--data', DAY1, '--json'], cwd)).out);
  const entry = plain.fills[0];
  const rows = readFileSync(DAY1, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const after = rows.findIndex((r) => `${r[0]}T00:00:00.000Z` === entry.time) + 1;
  writeFileSync(join(cwd, 'f.csv'), `time,rate\n2006-01-02,0.5\n${rows[after][0]},0.001\n`);
  const j = JSON.parse((await run([...SMA, '--data', DAY1, '--json', '--funding', 'f.csv'], cwd)).out);
  const expected = -1 * Number(rows[after][1]) * 0.001;
  assert.ok(Math.abs(j.funding - expected) < 1e-9, `${j.funding} vs ${expected}`);
  assert.ok(Math.abs(j.final_equity - (plain.final_equity + expected)) < 1e-9);
});

test('imported bars backtest by --symbols like the file itself, and the run is recorded', async (t) => {
  if (!DAY1) return t.skip(SHARED_DATA_MISSING);
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-store-'));
  const imp = await run(['import', '--file', DAY1, '--symbol', 'IDX', '--interval', '1d'], cwd);
  assert.equal(imp.code, 0, imp.err);
  const fromStore = await run([...SMA, '--symbols', 'IDX', '--interval', '1d', '--json'], cwd);
  assert.equal(fromStore.code, 0, fromStore.err);
  const fromFile = await run([...SMA, '--data', DAY1, '--symbol', 'IDX', '--json', '--no-save'], cwd);
  const a = JSON.parse(fromStore.out);
  const b = JSON.parse(fromFile.out);
  assert.deepEqual(a.fills, b.fills);
  assert.equal(a.final_equity, b.final_equity);
  const { openStore } = await import('../../store/open-store.js');
  const store = openStore(join(cwd, 'data', 'sextant.db'), { clock: { now: () => 0 } });
  try {
    const runs = await store.runs.listRuns();
    assert.equal(runs.length, 1, 'only the run without --no-save is recorded');
    assert.equal(runs[0].strategy, 'sma-cross');
    assert.equal((runs[0].metrics as { final_equity: number }).final_equity, a.final_equity);
  } finally {
    store.close();
  }
  const missing = await run([...SMA, '--symbols', 'NOPE', '--interval', '1d'], cwd);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--symbols NOPE: no 1d bars of NOPE .* stored: file\/IDX\/1d/);
});

test('--ticks runs a strategy on tick data: a market order fills against the market at the trade', async (t) => {
  if (!DATA) return t.skip(SHARED_DATA_MISSING);
  const trades = join(DATA, 'tardis-samples', 'bitmex_trades_XBTUSD.csv');
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-ticks-'));
  writeFileSync(
    join(cwd, 'first-trade.ts'),
    `export default {
  name: 'first-trade', summary: 'buys 1 on the first trade event', params: [],
  create() {
    let done = false;
    return { onEvent(e: { type: string; symbol: string }, ctx: { submit(o: object): string }) {
      if (!done && e.type === 'market.trade') { done = true; ctx.submit({ symbol: e.symbol, side: 'buy', qty: 1, type: 'market', reason: 'first' }); }
    } };
  },
};
`,
  );
  const r = await run(['backtest', '--strategy', './first-trade.ts', '--ticks', trades, '--tick', '0.5', '--lot', '1', '--json', '--quiet', '--no-save'], cwd);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  const firstRow = readFileSync(trades, 'utf8').trim().split('\n')[1].split(',');
  assert.equal(j.fills.length, 1);
  assert.equal(j.fills[0].price, Number(firstRow[6]));
  assert.equal(j.fills[0].symbol, firstRow[1]);
  assert.equal(Date.parse(j.fills[0].time), Math.floor(Number(firstRow[2]) / 1000));
});

test('fees: a generic file runs fee-free and the summary says so; --fees picks a venue base tier; a bad preset or two data sources are errors', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-fees-'));
  const rows = ['datetime,open,high,low,close,volume'];
  for (let i = 0; i < 40; i++) rows.push(`2024-01-01 ${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00,${100 + (i % 7)},110,95,${101 + ((i * 3) % 7)},1`);
  writeFileSync(join(cwd, 'g.csv'), rows.join('\n') + '\n');
  const argv = ['backtest', '--strategy', 'sma-cross', '--param', 'fast=2', '--param', 'slow=4', '--data', 'g.csv', '--quiet', '--no-save'];
  const none = await run([...argv], cwd);
  assert.equal(none.code, 0, none.err);
  assert.match(none.out, /\nfee schedule  none \(generic data file; use --fees or --fee-bps\)\n/);
  assert.match(none.out, /\nfees +0\n/);
  const okx = JSON.parse((await run([...argv, '--fees', 'okx', '--json'], cwd)).out);
  assert.deepEqual(okx.fee_schedule, { maker_bps: 2, taker_bps: 5, per_unit: 0, preset: 'okx', basis: 'maker 2 bps, taker 5 bps: --fees okx (OKX perpetual swaps, Lv1)' });
  assert.ok(okx.fills.length > 0 && okx.fees > 0);
  for (const [extra, re] of [
    [['--fees', 'kraken'], /--fees: unknown fee preset "kraken"/],
    [['--maker-bps', '-1'], /--maker-bps: must be ≥ 0, got -1/],
    [['--recording', '1'], /--recording: give one of --data FILE, --symbols A,B with --interval I, or --recording ID, not --data and --recording/],
  ] as [string[], RegExp][]) {
    const r = await run([...argv, ...extra], cwd);
    assert.equal(r.code, 2, extra.join(' '));
    assert.match(r.err, re);
  }
});

test('--symbols without a store: an error naming --db, and no empty database (or folder) created', async () => {
  const r = await run([...SMA, '--symbols', 'IDX', '--interval', '1d', '--no-save']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^sextant backtest: --db: no store at .*data\/sextant\.db \(store bars first: sextant import --file FILE, or sextant download\)$/m);
  assert.deepEqual(readdirSync(r.cwd), []);
});

// Run history end to end: a saved run reruns to the identical digest and JSON; changed strategy, data file or stored data are named before running; list, show, compare, rm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'sextant.js');

async function run(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** `node bin/sextant.js …` in a process of its own: real exit code, and a strategy module imported afresh. */
function sextant(cwd: string, argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: 'utf8', env: { SEXTANT_FROM_SOURCE: '1', ...process.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A generic hourly CSV: a wave on the 0.01 grid (opens at the previous close). */
function waveCsv(n: number, shift = 0): string {
  const lines = ['datetime,open,high,low,close,volume'];
  let prev = 100;
  for (let i = 0; i < n; i++) {
    const close = Math.round((100 + shift + 10 * Math.sin(i / 6) + 3 * Math.sin(i / 1.7)) * 100) / 100;
    const t = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${t},${prev},${(Math.max(prev, close) + 0.3).toFixed(2)},${(Math.min(prev, close) - 0.3).toFixed(2)},${close},1`);
    prev = close;
  }
  return lines.join('\n') + '\n';
}

/** A user strategy; `edge` is in its code (not a parameter), so editing it changes what the run does. */
const STRATEGY = (edge: number): string => `export default {
  name: 'flip', summary: 'long above the previous close by more than an edge, flat below', params: [{ name: 'qty', type: 'number', default: 1, help: 'size' }],
  create(p: Record<string, unknown>) {
    let prev: number | undefined;
    return { onBar(bar: { symbol: string; close: number }, ctx: { position(s: string): number; hasOpenOrders(s: string): boolean; submit(o: object): string }) {
      const pos = ctx.position(bar.symbol);
      if (prev !== undefined && !ctx.hasOpenOrders(bar.symbol)) {
        if (bar.close > prev + ${edge} && pos === 0) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: p.qty, type: 'market' });
        if (bar.close < prev && pos > 0) ctx.submit({ symbol: bar.symbol, side: 'sell', qty: pos, type: 'market' });
      }
      prev = bar.close;
    } };
  },
};
`;

const SMA = ['backtest', '--strategy', 'sma-cross', '--param', 'fast=2', '--param', 'slow=5', '--quiet'];

test('a run reruns to the identical digest and the identical --json output', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-runs-'));
  writeFileSync(join(cwd, 'd.csv'), waveCsv(120));
  const first = await run(cwd, [...SMA, '--data', 'd.csv', '--fees', 'hyperliquid', '--slippage-bps', '1', '--json']);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /run 1 saved/);
  const again = await run(cwd, ['runs', 'rerun', '1', '--json', '--quiet']);
  assert.equal(again.code, 0, again.err);
  assert.equal(again.out, first.out, 'the rerun prints the JSON the run printed, byte for byte');
  const shown = JSON.parse((await run(cwd, ['runs', 'show', '1', '--json'])).out);
  assert.match(again.err, new RegExp(`run 1: identical: output digest ${shown.digest.sha256}`));
  assert.equal(shown.spec.fees.preset, 'hyperliquid');
  assert.equal(shown.spec.data.file.path, join(cwd, 'd.csv'));
  assert.match(shown.spec.data.file.sha256, /^[0-9a-f]{64}$/);
  assert.equal(shown.spec.inputs.bars, 120);
  assert.equal(shown.metrics.final_equity, JSON.parse(first.out).final_equity);
  const text = await run(cwd, ['runs', 'rerun', '1', '--quiet', '--report', 'out/rerun.html']);
  assert.equal(text.code, 0);
  assert.match(text.out, /^run 1: identical: output digest [0-9a-f]{64} \(\d+ fills, 120 equity steps, final ledger figures\)\nreport +.*out\/rerun\.html\n$/);
  assert.match(readFileSync(join(cwd, 'out', 'rerun.html'), 'utf8'), /^<!DOCTYPE html>/);
});

test('an edited strategy file or data file is named before running; --force runs and reports the difference (own processes)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-runs-'));
  writeFileSync(join(cwd, 'd.csv'), waveCsv(100));
  writeFileSync(join(cwd, 'flip.ts'), STRATEGY(0));
  // bin/sextant.js loads a .ts strategy outside an ESM package as CommonJS and fails (also before this change).
  writeFileSync(join(cwd, 'package.json'), '{"type":"module"}\n');
  const made = sextant(cwd, ['backtest', '--strategy', './flip.ts', '--data', 'd.csv', '--quiet', '--json']);
  assert.equal(made.code, 0, made.err);
  assert.equal(sextant(cwd, ['runs', 'rerun', '1', '--quiet']).code, 0);

  writeFileSync(join(cwd, 'flip.ts'), STRATEGY(0.5));
  const stopped = sextant(cwd, ['runs', 'rerun', '1', '--quiet']);
  assert.equal(stopped.code, 1, stopped.err);
  assert.match(stopped.out, new RegExp(`inputs changed since the run:\\n  strategy file ${join(cwd, 'flip.ts').replace(/[.]/g, '\\.')}: sha256 [0-9a-f]{12}… → [0-9a-f]{12}…\\nnot rerun`));
  const forced = sextant(cwd, ['runs', 'rerun', '1', '--quiet', '--force']);
  assert.equal(forced.code, 1, forced.err);
  assert.match(forced.out, /run 1: different: .*differs in fills, equity curve, final ledger figures/);
  assert.match(forced.out, /final_equity +\S+ +→ +\S+/);

  writeFileSync(join(cwd, 'flip.ts'), STRATEGY(0));
  writeFileSync(join(cwd, 'd.csv'), waveCsv(100, 0.5));
  const data = sextant(cwd, ['runs', 'rerun', '1', '--quiet']);
  assert.equal(data.code, 1);
  assert.match(data.out, /data file .*d\.csv: sha256 /);
  assert.doesNotMatch(data.out, /strategy file/, 'the strategy is as it was again');
});

test('changed store data is detected from the input hash before running', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-runs-'));
  writeFileSync(join(cwd, 'd.csv'), waveCsv(100));
  assert.equal((await run(cwd, ['import', '--file', 'd.csv', '--symbol', 'W', '--interval', '1h', '--venue', 'hyperliquid'])).code, 0);
  const made = await run(cwd, [...SMA, '--symbols', 'W', '--interval', '1h', '--venue', 'hyperliquid', '--json']);
  assert.equal(made.code, 0, made.err);
  const j = JSON.parse(made.out);
  assert.deepEqual([j.fee_schedule.maker_bps, j.fee_schedule.taker_bps, j.fee_schedule.preset], [1.5, 4.5, 'hyperliquid'], 'Hyperliquid data defaults to its base tier');
  assert.equal((await run(cwd, ['runs', 'rerun', '1', '--quiet'])).code, 0);
  // One close changed in the store (a re-import of a corrected file).
  const lines = waveCsv(100).split('\n');
  lines[50] = lines[50].replace(/,([\d.]+),1$/, (_m, c: string) => `,${(Number(c) + 0.01).toFixed(2)},1`);
  writeFileSync(join(cwd, 'fixed.csv'), lines.join('\n'));
  assert.equal((await run(cwd, ['import', '--file', 'fixed.csv', '--symbol', 'W', '--interval', '1h', '--venue', 'hyperliquid'])).code, 0);
  const r = await run(cwd, ['runs', 'rerun', '1', '--quiet']);
  assert.equal(r.code, 1);
  assert.match(r.out, /stored bars or funding of W 1h \(venue hyperliquid\) in .*sextant\.db: sha256 [0-9a-f]{12}… → [0-9a-f]{12}…\nnot rerun/);
});

test('list, show, compare and rm', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-runs-'));
  writeFileSync(join(cwd, 'd.csv'), waveCsv(80));
  assert.equal((await run(cwd, [...SMA, '--data', 'd.csv'])).code, 0);
  assert.equal((await run(cwd, [...SMA, '--data', 'd.csv', '--maker-bps', '1', '--taker-bps', '3'])).code, 0);
  writeFileSync(join(cwd, 'flip.ts'), STRATEGY(0));
  assert.equal((await run(cwd, ['backtest', '--strategy', './flip.ts', '--data', 'd.csv', '--quiet'])).code, 0);

  const list = await run(cwd, ['runs', 'list']);
  assert.match(list.out, /^id +created +strategy +symbols .* digest\n +3 .* flip .*\n +2 .* sma-cross .*\n +1 .* sma-cross /);
  const onlySma = JSON.parse((await run(cwd, ['runs', 'list', '--strategy', 'sma-cross', '--limit', '1', '--json'])).out);
  assert.deepEqual(onlySma.map((r: { id: number }) => r.id), [2]);

  const show = await run(cwd, ['runs', 'show', '1']);
  assert.match(show.out, /fees\.basis +none \(generic data file; use --fees or --fee-bps\)/);
  assert.match(show.out, /\ndigest +[0-9a-f]{64} \(fills /);

  const cmp = await run(cwd, ['runs', 'compare', '1', '2']);
  assert.equal(cmp.code, 0, cmp.err);
  assert.match(cmp.out, /final_equity +\S+ +\S+/);
  assert.match(cmp.out, /settings that differ\n +run 1 +run 2\n  fees\.makerBps +0 +1\n  fees\.takerBps +0 +3\n/);
  assert.doesNotMatch(cmp.out, /params\.fast/);

  const missing = await run(cwd, ['runs', 'rm', '2', '9']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /runs rm: no run 9/);
  assert.equal((await run(cwd, ['runs', 'rm', '1', '2'])).out, 'deleted runs 1, 2\n');
  assert.deepEqual(JSON.parse((await run(cwd, ['runs', 'list', '--json'])).out).map((r: { id: number }) => r.id), [3]);
  const gone = await run(cwd, ['runs', 'rerun', '1']);
  assert.equal(gone.code, 2);
  assert.match(gone.err, /run 1: no such run/);
  assert.match((await run(cwd, ['runs', 'frob'])).err, /runs: expected a subcommand \(list, show, compare, rm, rerun\)/);
  assert.ok(readFileSync(join(cwd, 'd.csv'), 'utf8').length > 0);
});

test('a rerun uses the config content kept with the run (an edited config is a note); a run saved before specs cannot be rerun', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-runs-'));
  writeFileSync(join(cwd, 'd.csv'), waveCsv(60));
  writeFileSync(join(cwd, 'c.yaml'), 'note: first\n');
  assert.equal((await run(cwd, [...SMA, '--data', 'd.csv', '--strategy-config', 'c.yaml'])).code, 0);
  writeFileSync(join(cwd, 'c.yaml'), 'note: second\n');
  const r = await run(cwd, ['runs', 'rerun', '1', '--quiet']);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^note: strategy config .*c\.yaml changed since the run; the content kept with the run is used\nrun 1: identical/);
  const shown = JSON.parse((await run(cwd, ['runs', 'show', '1', '--json'])).out);
  assert.equal(shown.spec.strategyConfig.content, 'note: first\n');

  const { openStore } = await import('../../store/open-store.js');
  const store = openStore(join(cwd, 'data', 'sextant.db'), { clock: { now: () => 0 } });
  const old = await store.runs.saveRun({ strategy: 'sma-cross', params: {}, symbols: ['d'], dataFrom: 0, dataTo: 0, fillModel: 'next-open', metrics: { trades: 0 } });
  // A damaged row (a digest of JSON null): named, not an internal error.
  const damaged = await store.runs.saveRun({ strategy: 'sma-cross', params: {}, symbols: ['d'], dataFrom: 0, dataTo: 0, fillModel: 'next-open', metrics: { trades: 0 }, spec: shown.spec, digest: null });
  await store.close();
  const bad = await run(cwd, ['runs', 'rerun', String(damaged.id)]);
  assert.equal(bad.code, 2, bad.err);
  assert.match(bad.err, new RegExp(`run ${damaged.id} digest: has no sha256 \\(null\\)`));
  const badShow = await run(cwd, ['runs', 'show', String(damaged.id)]);
  assert.equal(badShow.code, 0, badShow.err);
  assert.match(badShow.out, /\ndigest +n\/a \(not an output digest\)\n/);
  const o = await run(cwd, ['runs', 'rerun', String(old.id)]);
  assert.equal(o.code, 2);
  assert.match(o.err, new RegExp(`run ${old.id}: was saved before runs kept their spec and output digest`));
  assert.match((await run(cwd, ['runs', 'show', String(old.id)])).out, /spec +none \(saved before run specs\)[\s\S]*digest +none/);
});

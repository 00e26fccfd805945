// User strategies as a newcomer has them: files in their own folder (outside this repository), TypeScript or
// JavaScript, importing 'sextant' and their own helpers; `sextant new / check / test`; type errors and crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sextant.js', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));

function sextant(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { SEXTANT_FROM_SOURCE: '1', ...process.env, CI: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder outside the repository with 60 daily bars of a gently rising market as a generic CSV. */
function userFolder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-user-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < 60; i++) {
    const c = 100 + i + (i % 7 === 0 ? -6 : 0);
    rows.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${c},${c + 2},${c - 3},${c + 1},1000`);
  }
  writeFileSync(join(dir, 'bars.csv'), rows.join('\n') + '\n');
  return dir;
}

test('a TypeScript strategy in a folder outside the repository imports sextant and a sibling helper', (t) => {
  const dir = userFolder(t);
  writeFileSync(join(dir, 'sizing.ts'), 'export function lots(cash: number, price: number): number {\n  return Math.floor(cash / price / 10);\n}\n');
  writeFileSync(
    join(dir, 'dips.ts'),
    [
      "import { defineStrategy, indicators as ind } from 'sextant';",
      "import { lots } from './sizing.ts';",
      'export default defineStrategy({',
      "  name: 'dips',",
      '  indicators: () => ({ slow: ind.sma(5) }),',
      '  onBar(bar, ctx) {',
      '    const s = ctx.ind.slow.value;',
      "    if (s !== undefined && bar.close < s && ctx.position() === 0) ctx.buy(lots(ctx.cash(), bar.close), { reason: 'dip' });",
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  const r = sextant(dir, 'backtest', '--strategy', './dips.ts', '--data', 'bars.csv', '--no-save', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { strategy: string; fills: { reason: string }[] };
  assert.equal(out.strategy, 'dips');
  assert.ok(out.fills.some((f) => f.reason === 'dip'), 'the strategy traded');
});

test("the README's strategy example, saved in the user's own folder, runs", (t) => {
  const dir = userFolder(t);
  const readme = readFileSync(README, 'utf8');
  const m = /```ts\n([\s\S]*?name: 'buy-dips'[\s\S]*?)```/.exec(readme);
  assert.ok(m, 'the README shows the buy-dips example');
  writeFileSync(join(dir, 'buy-dips.ts'), m[1]);
  const r = sextant(dir, 'backtest', '--strategy', './buy-dips.ts', '--data', 'bars.csv', '--param', 'qty=2', '--no-save');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /strategy +buy-dips/);
});

test('JavaScript strategies load whether written as ES modules or CommonJS', (t) => {
  const dir = userFolder(t);
  mkdirSync(join(dir, 'esm'));
  writeFileSync(join(dir, 'esm', 'hold.js'), "import { defineStrategy } from 'sextant';\nexport default defineStrategy({ name: 'hold-esm', onBar(bar, ctx) { if (bar.index === 0) ctx.buy(1); } });\n");
  writeFileSync(join(dir, 'hold.cjs.js'), "module.exports = { name: 'hold-cjs', summary: '', params: [], create() { return { onBar(bar, ctx) { if (bar.index === 0) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 1, type: 'market' }); } }; } };\n");
  for (const [file, name] of [['esm/hold.js', 'hold-esm'], ['hold.cjs.js', 'hold-cjs']]) {
    const r = sextant(dir, 'backtest', '--strategy', `./${file}`, '--data', 'bars.csv', '--no-save');
    assert.equal(r.code, 0, `${file}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`strategy +${name}`));
    assert.match(r.stdout, /open position .* 1 @/);
  }
});

test('type errors are reported before the run, with file, line and column, exit 2', (t) => {
  const dir = userFolder(t);
  writeFileSync(join(dir, 'typo.ts'), "import { defineStrategy } from 'sextant';\nexport default defineStrategy({\n  name: 'typo',\n  onBar(bar, ctx) {\n    ctx.buy(bar.clsoe);\n  },\n});\n");
  const r = sextant(dir, 'backtest', '--strategy', './typo.ts', '--data', 'bars.csv', '--no-save');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /1 type error/);
  assert.match(r.stderr, /typo\.ts:5:17: Property 'clsoe' does not exist/);
  assert.equal(r.stdout, '');
  const skipped = sextant(dir, 'backtest', '--strategy', './typo.ts', '--data', 'bars.csv', '--no-save', '--no-typecheck');
  assert.equal(skipped.code, 2, 'without the check the run starts and the bad order is refused');
  assert.match(skipped.stderr, /strategy typo \(.*typo\.ts:5:\d+\): onBar \(bars, bar 0\) at 2024-01-01T00:00:00\.000Z: BadInputError: .*quantity must be a positive finite number, got undefined/);
});

test('a crash inside a strategy names its file and line, the symbol, bar index and time, exit 2', (t) => {
  const dir = userFolder(t);
  writeFileSync(join(dir, 'crash.ts'), "import { defineStrategy } from 'sextant';\nexport default defineStrategy({\n  name: 'crash',\n  onBar(bar) {\n    const xs: number[] = [];\n    if (bar.index === 17) xs[3]!.toFixed(2);\n  },\n});\n");
  const r = sextant(dir, 'backtest', '--strategy', './crash.ts', '--data', 'bars.csv', '--no-save');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sextant backtest: strategy crash \(.*crash\.ts:6:\d+\): onBar \(bars, bar 17\) at 2024-01-18T00:00:00\.000Z: TypeError: Cannot read properties of undefined/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'one line, no stack');
});

test("an exception in the strategy's factory or its declarations is the strategy's error, not a bug in Sextant", (t) => {
  const dir = userFolder(t);
  writeFileSync(
    join(dir, 'factory.ts'),
    "import { defineStrategy, indicators as ind } from 'sextant';\nexport default defineStrategy({\n  name: 'factory',\n  params: { p: { type: 'int', default: 3 } },\n  indicators: (p) => { if (p.p > 2) throw new RangeError('p too big'); return { a: ind.sma(p.p) }; },\n});\n",
  );
  const r = sextant(dir, 'backtest', '--strategy', './factory.ts', '--data', 'bars.csv', '--no-save');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sextant backtest: strategy factory \(.*factory\.ts:5:\d+\): create before the first step: RangeError: p too big\n$/);
});

test('sextant new strategy writes a template that type-checks, passes its own tests and backtests', (t) => {
  const dir = userFolder(t);
  const made = sextant(dir, 'new', 'strategy', 'my-trend');
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /wrote my-trend\.ts\nwrote my-trend\.test\.ts\nwrote tsconfig\.json/);
  const check = sextant(dir, 'check');
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stderr, /3 files checked: no type errors|2 files checked: no type errors/);
  const tests = sextant(dir, 'test');
  assert.equal(tests.code, 0, tests.stdout + tests.stderr);
  assert.match(tests.stdout, /# pass 3/);
  const run = sextant(dir, 'backtest', '--strategy', './my-trend.ts', '--data', 'bars.csv', '--param', 'fast=3', '--param', 'slow=8', '--no-save');
  assert.equal(run.code, 0, run.stderr);
  const again = sextant(dir, 'new', 'strategy', 'my-trend');
  assert.equal(again.code, 2);
  assert.match(again.stderr, /my-trend\.ts: already exists/);
  const broken = sextant(dir, 'new', 'strategy', 'Bad Name');
  assert.equal(broken.code, 2);
});

test('sextant check reports type errors with exit 1 and sextant test passes failures through', (t) => {
  const dir = userFolder(t);
  assert.equal(sextant(dir, 'new', 'strategy', 'x').code, 0);
  writeFileSync(join(dir, 'x.test.ts'), "/// <reference types=\"node\" />\nimport { test } from 'node:test';\nimport assert from 'node:assert/strict';\ntest('fails', () => assert.equal(1 + 1, 3));\n");
  const tests = sextant(dir, 'test');
  assert.equal(tests.code, 1);
  assert.match(tests.stdout, /# fail 1/);
  writeFileSync(join(dir, 'x.ts'), readFileSync(join(dir, 'x.ts'), 'utf8').replace('ctx.position()', 'ctx.positon()'));
  const check = sextant(dir, 'check');
  assert.equal(check.code, 1);
  assert.match(check.stdout, /x\.ts:\d+:\d+: Property 'positon' does not exist/);
});

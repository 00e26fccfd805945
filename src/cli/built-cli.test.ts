// The compiled CLI (dist/, built as npm does at install) answers --help, runs a command and loads a TypeScript strategy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'sextant.js');
const FALLBACK = /running the TypeScript sources/;

function run(cwd: string, file: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // SEXTANT_FROM_SOURCE=0: whatever the caller's environment says, the entry point picks dist/ when it is fresh.
  const r = spawnSync(process.execPath, [file, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SEXTANT_FROM_SOURCE: '0', CI: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the built CLI answers --help, runs the demo and loads a TypeScript strategy, all from dist/', (t) => {
  const build = run(ROOT, join(ROOT, 'bin', 'dist-build.js'));
  assert.equal(build.code, 0, build.stderr);
  assert.ok(existsSync(join(ROOT, 'dist', 'cli', 'main.js')));
  const dir = mkdtempSync(join(tmpdir(), 'sextant-built-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  const help = run(dir, BIN, '--help');
  assert.equal(help.code, 0, help.stderr);
  assert.doesNotMatch(help.stderr, FALLBACK);
  assert.match(help.stdout, /^usage: sextant <command>/);
  assert.match(help.stdout, /\n {2}demo {2,}backtest sma-cross/);

  const demo = run(dir, BIN, 'demo', '--bars', '500', '--out', 'out');
  assert.equal(demo.code, 0, demo.stderr);
  assert.doesNotMatch(demo.stderr, FALLBACK);
  assert.match(demo.stdout, /strategy +sma-cross/);
  assert.ok(existsSync(join(dir, 'out', 'demo-seed-42.html')), demo.stdout);

  // A user's TypeScript strategy importing `sextant` and a sibling by its .js name, transpiled by the hooks.
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < 40; i++) rows.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${100 + (i % 5)},${103 + (i % 5)},${98 + (i % 5)},${101 + (i % 5)},10`);
  writeFileSync(join(dir, 'bars.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'size.ts'), 'export const size = (n: number): number => n;\n');
  writeFileSync(
    join(dir, 'once.ts'),
    "import { defineStrategy } from 'sextant';\nimport { size } from './size.js';\nexport default defineStrategy({\n  name: 'once',\n  onBar(bar, ctx) {\n    if (ctx.position() === 0) ctx.buy(size(1), { reason: 'first' });\n  },\n});\n",
  );
  const bt = run(dir, BIN, 'backtest', '--strategy', './once.ts', '--data', 'bars.csv', '--no-save', '--no-typecheck', '--json');
  assert.equal(bt.code, 0, bt.stderr);
  assert.doesNotMatch(bt.stderr, FALLBACK);
  const out = JSON.parse(bt.stdout) as { strategy: string; fills: { reason: string }[] };
  assert.equal(out.strategy, 'once');
  assert.ok(out.fills.some((f) => f.reason === 'first'));
});

// `sextant config init|check|show` through the CLI: exit codes, every error with its line, the resolved risk limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { runCli } from '../../testkit/cli/test-process.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-config-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function sextant(cwd: string, ...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const status = await main(argv, io);
  return { status, out: io.stdout(), err: io.stderr() };
}

test('config init writes the template once; config check passes it and summarises it', async (t) => {
  const dir = tempDir(t);
  const init = await sextant(dir, 'config', 'init');
  assert.equal(init.status, 0, init.err);
  assert.match(init.out, /^wrote .*sextant\.yaml/);
  const again = await sextant(dir, 'config', 'init');
  assert.equal(again.status, 2);
  assert.match(again.err, /already exists/);
  const check = await sextant(dir, 'config', 'check');
  assert.equal(check.status, 0, check.err);
  assert.match(check.out, /sextant\.yaml: ok\n/);
  assert.match(check.out, /bot trend-1: trend-confidence on BTC, ETH, SOL every 1m/);
});

test('config check: exit 2 with every error, its line and column, on stderr', async (t) => {
  const dir = tempDir(t);
  await sextant(dir, 'config', 'init');
  const file = join(dir, 'sextant.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(join(dir, 'other.yaml'), text.replace(/^mode: paper$/m, 'mode: papr').replace(/max_leverage: 5\b/, 'max_leverage: ten'));
  const r = await sextant(dir, 'config', 'check', '--config', 'other.yaml');
  assert.equal(r.status, 2);
  assert.equal(r.out, '');
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^other\.yaml:\d+:1: mode: expected one of paper, dry-live, live, got "papr"; did you mean paper\?$/);
  assert.match(lines[1], /^other\.yaml:\d+:5: risk\.global\.max_leverage: expected a number from 1 to 50, got "ten"$/);
  assert.match(lines[2], /^sextant config check: 2 problems in .*other\.yaml$/);
});

test('config check: a bot’s params are checked against the strategy’s declared ones', async (t) => {
  const dir = tempDir(t);
  await sextant(dir, 'config', 'init');
  const file = join(dir, 'sextant.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('params: {}', 'params: { lookbak: 10 }'));
  const r = await sextant(dir, 'config', 'check');
  assert.equal(r.status, 2);
  assert.match(r.err, /^sextant\.yaml: bots\[0\]\.params\.lookbak: trend-confidence has no parameter "lookbak"; did you mean lookback\?/);
});

test('config show: the merged risk limits of a mode and symbol, and which layers made them', async (t) => {
  const dir = tempDir(t);
  await sextant(dir, 'config', 'init');
  const r = await sextant(dir, 'config', 'show', '--mode', 'live', '--symbol', 'SOL', '--json');
  assert.equal(r.status, 0, r.err);
  const doc = JSON.parse(r.out) as { mode: string; resolved_risk: { mode: string; merged_from: Record<string, string>; limits: Record<string, Record<string, unknown>> } };
  assert.equal(doc.mode, 'paper');
  assert.equal(doc.resolved_risk.mode, 'live');
  assert.deepEqual(Object.keys(doc.resolved_risk.limits), ['SOL']);
  assert.equal(doc.resolved_risk.merged_from.SOL, 'defaults <- risk.global <- risk.per_symbol.SOL <- risk.per_mode.live');
  assert.equal(doc.resolved_risk.limits.SOL.max_leverage, 3, 'from per_symbol.SOL');
  assert.equal(doc.resolved_risk.limits.SOL.max_order_notional, 1000, 'from per_mode.live');
  const yamlText = await sextant(dir, 'config', 'show');
  assert.equal(yamlText.status, 0);
  assert.match(yamlText.out, /^# The effective config of /);
  assert.match(yamlText.out, /\n {4}"\*": defaults <- risk\.global\n/);
  const bad = await sextant(dir, 'config', 'show', '--mode', 'backtest');
  assert.equal(bad.status, 2);
  assert.match(bad.err, /--mode: expected paper or dry-live or live, got "backtest"/);
});

test('config check on a missing file: exit 2, saying how to get one', async (t) => {
  const r = await sextant(tempDir(t), 'config', 'check');
  assert.equal(r.status, 2);
  assert.match(r.err, /no such config file \(`sextant config init` or the first `sextant start` writes a commented one\)/);
});

test('config check --mode live adds what live requires; the template meets it', async (t) => {
  const dir = tempDir(t);
  await sextant(dir, 'config', 'init');
  const ok = await sextant(dir, 'config', 'check', '--mode', 'live');
  assert.equal(ok.status, 0, ok.err);
  writeFileSync(join(dir, 'bare.yaml'), 'mode: live\n');
  const bare = await sextant(dir, 'config', 'check', '--config', 'bare.yaml');
  assert.equal(bare.status, 2);
  assert.match(bare.err, /^bare\.yaml: risk: live trading needs explicit risk settings/m);
  assert.match(bare.err, /^bare\.yaml: risk\.per_mode\.live\.max_daily_loss: live trading needs a daily loss limit/m);
  assert.equal((await sextant(dir, 'config', 'check', '--config', 'bare.yaml', '--mode', 'paper')).status, 0);
});

test('config check --config on a FIFO (no writer): exit 2 at once, not a hang', async (t) => {
  const dir = tempDir(t);
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  const r = await runCli(['config', 'check', '--config', 'fifo.yaml'], { cwd: dir, timeoutMs: 20_000 });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sextant config: .*fifo\.yaml: is a named pipe \(FIFO\), not a regular file/);
});

test('config check: thousands of problems print the first hundred and a count; a file over 1 MiB is refused unread', async (t) => {
  const dir = tempDir(t);
  const bots = Array.from({ length: 300 }, (_, i) => `  - { id: b${i}, strategy: sma-cross, symbols: [BTC], interval: 1m, capitl: 1 }`).join('\n');
  writeFileSync(join(dir, 'sextant.yaml'), `bots:\n${bots}\n`);
  const r = await sextant(dir, 'config', 'check');
  assert.equal(r.status, 2);
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 102);
  assert.match(lines[100], /^… and \d+ more$/);
  assert.match(lines[101], /^sextant config check: \d+ problems in /);
  writeFileSync(join(dir, 'big.yaml'), `mode: paper\n# ${'x'.repeat(1024 * 1024)}\n`);
  const big = await sextant(dir, 'config', 'check', '--config', 'big.yaml');
  assert.equal(big.status, 2);
  assert.match(big.err, /big\.yaml: 1048\d{3} bytes is no config file \(at most 1048576; a config is a few KB\)/);
});

test('config show --symbol must name a symbol', async (t) => {
  const dir = tempDir(t);
  assert.equal((await sextant(dir, 'config', 'init')).status, 0);
  const r = await sextant(dir, 'config', 'show', '--symbol', '');
  assert.equal(r.status, 2);
  assert.match(r.err, /--symbol: expected a symbol such as BTC, got ""/);
});

// `sextant start` as a real process: the banner, a second daemon refused by the lock, SIGTERM's clean exit, and clear refusals of bad starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli } from '../../testkit/cli/cli-process.js';

const BOT = ['--strategy', 'sma-cross', '--symbols', 'BTC,ETH', '--interval', '1s', '--param', 'fast=2', '--param', 'slow=5', '--param', 'size=0.01', '--port', '0', '--market', 'sim'];

test('sextant start runs the paper daemon until SIGTERM; a second one on the data dir is refused naming the pid', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = startCli(['start', ...BOT], dir);
  t.after(() => run.child.kill('SIGKILL'));
  await run.waitForStderr(/status {5}sextant status --url (http:\/\/127\.0\.0\.1:\d+)/);
  const url = /status {5}sextant status --url (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stderr())?.[1] as string;
  assert.match(run.stderr(), /SIMULATED DATA/);
  // No admin password configured: the one-time login link on the terminal, never in the JSON log.
  const link = /login {6}(http:\/\/127\.0\.0\.1:\d+\/\?token=(sxl_\S+))/.exec(run.stderr());
  assert.ok(link !== null, run.stderr());
  assert.equal(run.stdout().includes(link[2]), false);
  assert.match(run.stderr(), /sma-cross-1 \(sma-cross on BTC,ETH 1s\)/);
  // No config file is read or written for a bot from flags.
  assert.equal(existsSync(join(dir, 'sextant.yaml')), false);

  const second = await runCli(['start', ...BOT], dir);
  assert.equal(second.code, 1);
  assert.match(second.stderr, new RegExp(`locked by pid ${run.child.pid}`));

  const status = await runCli(['status', '--url', url, '--json'], dir);
  assert.equal(status.code, 0, status.stderr);
  const snap = JSON.parse(status.stdout) as { status: { mode: string; simulated: boolean }; bots: { id: string; state: string }[] };
  assert.equal(snap.status.mode, 'paper');
  assert.equal(snap.status.simulated, true);
  assert.deepEqual(
    snap.bots.map((b) => [b.id, b.state]),
    [['sma-cross-1', 'running']],
  );

  // Log lines are JSON on stdout.
  const first = run.stdout().split('\n')[0];
  assert.equal((JSON.parse(first) as { mode: string }).mode, 'paper');

  run.child.kill('SIGTERM');
  assert.equal(await run.exit, 0);
  assert.match(run.stderr(), /daemon stopped \(SIGTERM\)/);
  assert.equal(existsSync(join(dir, 'data', 'sextant.lock')), false, 'the lock is released');
  const risk = JSON.parse(readFileSync(join(dir, 'data', 'risk-state.json'), 'utf8')) as object;
  assert.equal(typeof risk, 'object');
});

test('bad starts are refused with what is wrong and where, exit 2, before anything runs', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string[], RegExp][] = [
    [['--symbols', 'BTC'], /give --strategy too/],
    [['--strategy', 'sma-cross'], /--symbols: a bot from flags needs its symbols/],
    [['--strategy', 'no-such', '--symbols', 'BTC'], /unknown strategy/],
    [['--strategy', 'sma-cross', '--symbols', 'BTC', '--interval', '7x'], /interval/],
    [['--strategy', 'sma-cross', '--symbols', 'BTC', '--mode', 'sideways'], /--mode sideways: expected one of paper, dry-live, live/],
    [['--strategy', 'sma-cross', '--symbols', 'BTC', '--mode', 'live', '--market', 'sim'], /simulated market data is for paper mode only/],
    [['--strategy', 'sma-cross', '--symbols', 'BTC', '--mode', 'live'], /live trading needs explicit risk settings/],
    [['--strategy', 'sma-cross', '--symbols', 'BTC', '--market', 'nasdaq'], /--market nasdaq: expected hyperliquid, sim or replay:RUN/],
    [['--strategy', 'sma-cross', '--symbols', 'BTC', '--venue-url', 'ftp://x'], /--venue-url ftp:\/\/x/],
  ];
  for (const [args, re] of cases) {
    const r = await runCli(['start', '--port', '0', ...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
    assert.equal(existsSync(join(dir, 'data', 'sextant.lock')), false, `${args.join(' ')} left a lock`);
  }
  // An invalid config file: every error with its line, nothing started.
  writeFileSync(join(dir, 'sextant.yaml'), 'mode: paper\nport: 99999\nbots: []\n');
  const r = await runCli(['start'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /port/);
});

// The README's "Walkthrough: your first strategy", run end to end as a newcomer runs it: its own commands, read from
// the README, as real `sextant` processes in a fresh folder outside the repository; candles from a local venue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startCli, type CliRun } from '../testkit/cli/cli-process.js';
import { runCli, type CliResult } from '../testkit/cli/test-process.js';
import { ManualClock } from '../core/manual-clock.js';
import { withStore } from '../store/open-store.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
/** A step that runs longer hangs: it is killed and the test fails (each takes 1–6 s on this machine). */
const STEP_TIMEOUT_MS = 45_000;
/** The local venue serves one day of seeded 1-minute candles before its start, one per minute. */
const SEEDED_MINUTES = 1_440;
const MINUTE = 60_000;

/** The walkthrough block's `sextant …` commands as argument lists (continuations joined, comments dropped). */
function walkthroughCommands(readme: string): string[][] {
  const section = readme.split('\n## Walkthrough: your first strategy\n')[1];
  assert.ok(section !== undefined, 'README.md has the section "## Walkthrough: your first strategy"');
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block !== undefined, 'the walkthrough shows its commands in a code block');
  const lines = block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l !== '');
  // The one line that is not a sextant command makes the empty folder; the test's temporary folder stands for it.
  assert.deepEqual(lines.filter((l) => !l.startsWith('sextant ')), ['mkdir ~/strategies && cd ~/strategies']);
  return lines.filter((l) => l.startsWith('sextant ')).map((l) => l.split(/\s+/).slice(1));
}

/** `text` matched literally inside a RegExp. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function optionValues(args: readonly string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
}

function optionValue(args: readonly string[], name: string): string {
  const [v, ...more] = optionValues(args, name);
  assert.ok(v !== undefined && more.length === 0, `sextant ${args.join(' ')}: one ${name}`);
  return v;
}

/** The download as written, but from the local venue: `--from` the first seeded minute, and its `--url`. */
function fromLocalVenue(args: readonly string[], from: string, url: string): string[] {
  const i = args.indexOf('--from');
  assert.ok(i >= 0 && i + 1 < args.length, `the walkthrough downloads with --from: sextant ${args.join(' ')}`);
  return [...args.slice(0, i + 1), from, ...args.slice(i + 2), '--url', url];
}

async function venueUrl(venue: CliRun, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const url = /api url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(venue.stdout())?.[1];
    if (url !== undefined) return url;
    if (venue.child.exitCode !== null) assert.fail(`sextant venue exited with ${venue.child.exitCode}: ${venue.stderr()}`);
    if (performance.now() > deadline) assert.fail(`sextant venue printed no api url in ${timeoutMs} ms: ${venue.stdout()}${venue.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Open time of the oldest 1-minute candle the venue serves for `coin` (its first seeded minute). */
async function oldestCandle(url: string, coin: string): Promise<number> {
  const res = await fetch(url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'candleSnapshot', req: { coin, interval: '1m', startTime: 0, endTime: Date.now() } }) });
  assert.equal(res.status, 200);
  const candles = (await res.json()) as { t: number }[];
  assert.ok(candles.length >= SEEDED_MINUTES, `the venue serves its seeded day of ${coin}: ${candles.length} candles`);
  return candles[0].t;
}

/** The resolved parameters the summary prints after the strategy's name. */
function printedParams(out: string): Record<string, unknown> {
  const m = /^strategy\s+my-trend (\{.*\})$/m.exec(out);
  assert.ok(m, `the summary names the strategy and its parameters:\n${out}`);
  return JSON.parse(m[1]) as Record<string, unknown>;
}

test("the README's walkthrough: new strategy, test, download, two backtests, runs list / compare / rerun", { timeout: 240_000 }, async (t) => {
  const commands = walkthroughCommands(readFileSync(README, 'utf8'));
  assert.deepEqual(
    commands.map((c) => (c[0] === 'runs' ? `runs ${c[1]}` : c[0])),
    ['new', 'test', 'download', 'backtest', 'backtest', 'runs list', 'runs compare', 'runs rerun'],
    'the steps this test checks',
  );
  const [newStrategy, runTests, download, backtest1, backtest2, runsList, runsCompare, runsRerun] = commands;

  const dir = mkdtempSync(join(tmpdir(), 'sextant-walkthrough-'));
  // The venue's history ends at its start, on the wall clock: starting it after this reading puts its first
  // seeded minute at or after `from`, so the download covers the whole seeded day.
  const from = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - SEEDED_MINUTES * MINUTE).toISOString();
  const venue = startCli(['venue', '--port', '0'], dir);
  t.after(() => {
    if (venue.child.exitCode === null && venue.child.signalCode === null && venue.child.pid !== undefined) process.kill(venue.child.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await venueUrl(venue, STEP_TIMEOUT_MS);
  assert.match(venue.stdout(), /SIMULATED DATA/);

  const timings: string[] = [];
  const step = async (args: readonly string[]): Promise<CliResult> => {
    const t0 = performance.now();
    const r = await runCli(args, { cwd: dir, timeoutMs: STEP_TIMEOUT_MS });
    timings.push(`${args[0] === 'runs' ? `runs ${args[1]}` : args[0]} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    assert.equal(r.code, 0, `sextant ${args.join(' ')}: exit ${r.code}\n${r.stderr}${r.stdout}`);
    return r;
  };

  const made = await step(newStrategy);
  for (const f of ['my-trend.ts', 'my-trend.test.ts', 'tsconfig.json']) {
    assert.ok(existsSync(join(dir, f)), `sextant new wrote ${f}: ${made.stdout}`);
  }

  const tested = await step(runTests);
  assert.match(tested.stdout, /\bpass [1-9]/, tested.stdout);
  assert.match(tested.stdout, /\bfail 0\b/, tested.stdout);

  const downloadArgs = fromLocalVenue(download, from, url);
  const downloaded = await step(downloadArgs);
  const symbols = optionValue(download, '--symbols').split(',');
  const stored = await withStore(resolve(dir, optionValue(download, '--db')), { clock: new ManualClock() }, (s) => s.candles.listSeries());
  for (const s of symbols) {
    const m = new RegExp(`^${s}: (\\d+) bars fetched, (\\d+) new`, 'm').exec(downloaded.stdout);
    assert.ok(m, `the download reports ${s}:\n${downloaded.stdout}${downloaded.stderr}`);
    assert.ok(Number(m[2]) >= SEEDED_MINUTES, `${s}: the whole seeded day is new (${m[0]})`);
    const series = stored.find((x) => x.venue === 'hyperliquid' && x.symbol === s && x.intervalMs === MINUTE);
    assert.ok(series !== undefined, `${s} 1m is stored: ${JSON.stringify(stored)}`);
    assert.equal(series.from, await oldestCandle(url, s), `${s}: stored from the venue's first seeded minute`);
    assert.ok(series.bars >= SEEDED_MINUTES, `${s}: ${series.bars} bars stored`);
  }

  const runs: { id: string; params: Record<string, unknown>; trades: number }[] = [];
  for (const args of [backtest1, backtest2]) {
    const r = await step(args);
    assert.match(r.stdout, new RegExp(`\\(hyperliquid, 1m\\): ${symbols.join(', ')}, \\d+ bars`), 'the run reads the downloaded bars');
    const bars = Number(/, (\d+) bars, /.exec(r.stdout)?.[1]);
    assert.ok(bars >= symbols.length * SEEDED_MINUTES, `the run reads every downloaded bar: ${bars}`);
    // The data is Hyperliquid's, so its base-tier fees are chosen without --fees.
    assert.match(r.stdout, /^fee schedule\s+maker 1\.5 bps, taker 4\.5 bps: Hyperliquid perps, base tier \(the data is from hyperliquid/m);
    const trades = Number(/^trades\s+(\d+)$/m.exec(r.stdout)?.[1]);
    assert.ok(Number.isInteger(trades), r.stdout);
    const report = resolve(dir, optionValue(args, '--report'));
    assert.match(r.stdout, new RegExp(`^report\\s+${literal(report)}$`, 'm'));
    const html = readFileSync(report, 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>') && html.trimEnd().endsWith('</html>'), `${report}: a whole HTML page`);
    assert.doesNotMatch(html, /https?:\/\//i, `${report}: nothing loaded from anywhere`);
    assert.doesNotMatch(html, /\s(src|href)=|@import|url\(|fetch\(|XMLHttpRequest|WebSocket|import\(/i, `${report}: nothing loaded from anywhere`);
    const id = /^run (\d+) saved/m.exec(r.stderr)?.[1];
    assert.ok(id !== undefined, r.stderr);
    runs.push({ id, params: printedParams(r.stdout), trades });
  }
  // The template's defaults trade on the seeded market (48 and 56 closed trades on seed 1): no parameters chosen for it.
  assert.ok(runs.some((r) => r.trades > 0), `the strategy traded: ${runs.map((r) => r.trades).join(', ')} closed trades`);
  assert.deepEqual(runs.map((r) => r.id), runsCompare.slice(2), 'the runs the walkthrough compares are the two it made');
  for (const p of optionValues(backtest2, '--param')) {
    const [k, v] = p.split('=');
    assert.equal(String(runs[1].params[k]), v, `run ${runs[1].id} took --param ${p}`);
  }

  const listed = await step(runsList);
  const rows = [...listed.stdout.matchAll(/^\s*(\d+)\s+\S+\s+(\S+)\s+(\S+)\s.*\s([0-9a-f]{12})$/gm)];
  assert.deepEqual(rows.map((m) => [m[1], m[2], m[3]]), [...runs].reverse().map((r) => [r.id, 'my-trend', symbols.join(',')]), `both runs, newest first:\n${listed.stdout}`);

  const compared = await step(runsCompare);
  const differ = compared.stdout.split(/^settings that differ$/m)[1];
  assert.ok(differ !== undefined, compared.stdout);
  const keys = Object.keys(runs[0].params);
  const changed = keys.filter((k) => runs[0].params[k] !== runs[1].params[k]);
  assert.ok(changed.length > 0, 'the second run sets different parameters');
  for (const k of keys) {
    const line = new RegExp(`^\\s*params\\.${k}\\s+${literal(String(runs[0].params[k]))}\\s+${literal(String(runs[1].params[k]))}\\s*$`, 'm');
    if (changed.includes(k)) assert.match(differ, line);
    else assert.doesNotMatch(differ, new RegExp(`params\\.${k}\\b`));
  }

  const rerun = await step(runsRerun);
  const rerunId = runsRerun[2];
  const digest = new RegExp(`^run ${rerunId}: identical: output digest ([0-9a-f]{64}) `, 'm').exec(rerun.stdout)?.[1];
  assert.ok(digest !== undefined, rerun.stdout + rerun.stderr);
  assert.equal(digest.slice(0, 12), rows.find((m) => m[1] === rerunId)?.[4], 'the digest `runs list` shows for that run');

  assert.ok(venue.child.pid !== undefined);
  process.kill(venue.child.pid, 'SIGTERM');
  assert.equal(await within(venue.exit, 10_000, 'sextant venue after SIGTERM'), 0, venue.stderr());
  t.diagnostic(timings.join(', '));
});

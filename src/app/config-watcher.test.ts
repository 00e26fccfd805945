// Hot reload against real files and a real directory watch: in-place writes, rename-over saves, invalid edits refused, every attempt journaled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../core/manual-clock.js';
import { loadOrCreateConfigFile } from './config-file.js';
import { reloadJournal, watchConfigFile, type ReloadEvent } from './config-watcher.js';

/** Node's own timers: the real debounce (tests wait for events, never for a time). */
const realTimers = { setTimeout: (f: () => void, ms: number) => setTimeout(f, ms), clearTimeout: (h: NodeJS.Timeout) => clearTimeout(h) };

/** Events in arrival order, awaited one at a time. */
function eventQueue(): { push(e: ReloadEvent): void; next(): Promise<ReloadEvent> } {
  const ready: ReloadEvent[] = [];
  const waiting: ((e: ReloadEvent) => void)[] = [];
  return {
    push(e) {
      const w = waiting.shift();
      if (w) w(e);
      else ready.push(e);
    },
    next() {
      const e = ready.shift();
      return e ? Promise.resolve(e) : new Promise((res) => waiting.push(res));
    },
  };
}

/** Saves as editors that write a new file and rename it over the old one (vim, many IDEs). */
function saveByRename(file: string, text: string): void {
  writeFileSync(file + '.swp-new', text);
  renameSync(file + '.swp-new', file);
}

test('valid edits apply (live parts now, restart parts pending), invalid ones are refused, every attempt is journaled', { timeout: 30_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-watch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sextant.yaml');
  const loaded = loadOrCreateConfigFile(file);
  const original = readFileSync(file, 'utf8');
  const clock = new ManualClock(Date.UTC(2026, 11, 7, 12, 0, 0));
  const journal = join(dir, 'data', 'config-reloads.jsonl');
  const events = eventQueue();
  const errors: Error[] = [];
  const watcher = watchConfigFile({
    path: file,
    running: loaded.config,
    runningHash: loaded.hash,
    clock,
    timers: realTimers,
    debounceMs: 30,
    onReload: reloadJournal(journal, (e) => events.push(e)),
    onError: (e) => errors.push(e),
  });
  t.after(() => watcher.close());

  // 1. An in-place write: a risk limit (live) and the port (restart).
  writeFileSync(file, original.replace(/max_leverage: 5\b/, 'max_leverage: 4').replace(/^port: 8080$/m, 'port: 9090'));
  const first = await events.next();
  assert.ok(first.ok, JSON.stringify(first));
  assert.deepEqual(first.applied.map((c) => [c.path, c.old, c.new]), [['risk.global.max_leverage', 5, 4]]);
  assert.deepEqual(first.pendingRestart.map((c) => [c.path, c.old, c.new]), [['port', 8080, 9090]]);
  assert.equal(watcher.current().risk.global.maxLeverage, 4);
  assert.equal(watcher.current().port, 8080, 'the port waits for a restart');

  // 2. An invalid edit saved by rename: refused with line numbers, the running config stays.
  clock.advanceTo(clock.now() + 1000);
  saveByRename(file, original.replace(/max_leverage: 5\b/, 'max_leverage: ten').replace(/^mode: paper$/m, 'mode: papr'));
  const refused = await events.next();
  assert.equal(refused.ok, false);
  assert.deepEqual(!refused.ok && refused.errors.map((e) => e.replace(/:\d+:\d+:/, ':L:C:')), [
    'sextant.yaml:L:C: mode: expected one of paper, dry-live, live, got "papr"; did you mean paper?',
    'sextant.yaml:L:C: risk.global.max_leverage: expected a number from 1 to 50, got "ten"',
  ]);
  assert.equal(watcher.current().risk.global.maxLeverage, 4);

  // 3. Saving the same content again is no attempt; the next real change is (renamed save again).
  saveByRename(file, original.replace(/max_leverage: 5\b/, 'max_leverage: ten').replace(/^mode: paper$/m, 'mode: papr'));
  saveByRename(file, original.replace('symbols: [BTC, ETH, SOL]', 'symbols: [BTC, ETH]').replace(/^port: 8080$/m, 'port: 9090'));
  const third = await events.next();
  assert.ok(third.ok, JSON.stringify(third));
  assert.deepEqual(third.applied.map((c) => c.path), ['bots[trend-1].symbols', 'risk.global.max_leverage'], 'diffed against the running config (max_leverage back to 5)');
  assert.deepEqual(third.pendingRestart.map((c) => c.path), ['port'], 'still pending until a restart');
  assert.deepEqual(watcher.current().bots[0].symbols, ['BTC', 'ETH']);

  // 4. The file removed: one refused attempt; back again: applied.
  rmSync(file);
  const gone = await events.next();
  assert.deepEqual(!gone.ok && gone.errors, ['sextant.yaml: cannot read (ENOENT); the running config stays']);
  writeFileSync(file, original);
  const back = await events.next();
  assert.ok(back.ok);
  assert.deepEqual(back.applied.map((c) => c.path), ['bots[trend-1].symbols']);
  assert.deepEqual(back.pendingRestart, []);

  const lines = readFileSync(journal, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l.ok), [true, false, true, false, true]);
  assert.equal(lines[0].ts, '2026-12-07T12:00:00.000Z');
  assert.equal(lines[1].ts, '2026-12-07T12:00:01.000Z');
  assert.deepEqual(lines[0].diff, [
    { path: 'port', old: 8080, new: 9090, applies: 'restart' },
    { path: 'risk.global.max_leverage', old: 5, new: 4, applies: 'live' },
  ]);
  assert.equal((lines[1].errors as string[]).length, 2);
  assert.deepEqual(errors, []);
});

test('command-line overrides applied at start are applied to every reload, so they never show as changes', { timeout: 30_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-watch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sextant.yaml');
  const loaded = loadOrCreateConfigFile(file);
  const original = readFileSync(file, 'utf8');
  const adjust = (c: typeof loaded.config): typeof loaded.config => ({ ...c, port: 7000, dataDir: join(dir, 'elsewhere') });
  const events = eventQueue();
  const watcher = watchConfigFile({
    path: file,
    running: adjust(loaded.config),
    runningHash: loaded.hash,
    adjust,
    clock: new ManualClock(0),
    timers: realTimers,
    debounceMs: 30,
    onReload: (e) => events.push(e),
    onError: (e) => assert.fail(e),
  });
  t.after(() => watcher.close());
  saveByRename(file, original.replace(/max_open_positions: 5\b/, 'max_open_positions: 2'));
  const e = await events.next();
  assert.ok(e.ok, JSON.stringify(e));
  assert.deepEqual(e.diff.map((c) => c.path), ['risk.global.max_open_positions']);
  assert.equal(watcher.current().port, 7000);
});

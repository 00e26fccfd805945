// The kill file polled on a manual scheduler over a real file: levels, writes, removal, garbage kept out, and the risk manager wired to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../core/manual-clock.js';
import { BadInputError } from '../core/errors.js';
import { at100, buy, sell, T0, testLimits, testView } from '../risk/testing/risk-fixtures.js';
import { RiskManager } from '../risk/index.js';
import { KillFilePoller, killFilePath, type KillFileEvent } from './kill-file.js';
import { applyKillEnv, applyKillFileEvent } from './kill-sources.js';
import { writeKillLevel } from './kill-root.js';

function setup(): { dir: string; path: string; scheduler: ManualClock; events: KillFileEvent[]; poller: KillFilePoller; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-kill-'));
  const path = killFilePath(dir);
  const scheduler = new ManualClock(0);
  const events: KillFileEvent[] = [];
  const poller = new KillFilePoller({ path, intervalMs: 1_000, scheduler, onEvent: (e) => events.push(e) });
  return { dir, path, scheduler, events, poller, done: () => (poller.stop(), rmSync(dir, { recursive: true, force: true })) };
}

const levels = (events: readonly KillFileEvent[]) => events.map((e) => (e.type === 'level' ? `${e.cause}:${e.previous}->${e.level}` : `error(kept ${e.kept})`));

test('a missing file is off; writes are picked up at the next poll, without restart; removal is off again', (t) => {
  const s = setup();
  t.after(s.done);
  s.poller.start();
  assert.deepEqual(levels(s.events), ['start:off->off']);
  writeFileSync(s.path, 'halt_all\n');
  assert.equal(s.poller.level, 'off', 'not before the poll');
  s.scheduler.advance(1_000);
  assert.equal(s.poller.level, 'halt_all');
  s.scheduler.advance(5_000);
  assert.equal(s.events.length, 2, 'an unchanged file emits nothing');
  writeKillLevel('close_only', s.dir, s.dir);
  s.scheduler.advance(1_000);
  unlinkSync(s.path);
  s.scheduler.advance(1_000);
  assert.deepEqual(levels(s.events), ['start:off->off', 'write:off->halt_all', 'write:halt_all->close_only', 'removed:close_only->off']);
});

test('rewriting the same level is a write event (an operator re-asserting it)', (t) => {
  const s = setup();
  t.after(s.done);
  writeKillLevel('off', s.dir, s.dir);
  s.poller.start();
  writeKillLevel('off', s.dir, s.dir);
  s.scheduler.advance(1_000);
  assert.deepEqual(levels(s.events), ['start:off->off', 'write:off->off']);
});

test('garbage keeps the level in force and reports one error naming the file, the value and the valid levels; never off', (t) => {
  const s = setup();
  t.after(s.done);
  writeFileSync(s.path, 'hard');
  s.poller.start();
  writeFileSync(s.path, 'stop everything');
  s.scheduler.advance(3_000);
  assert.equal(s.poller.level, 'hard');
  assert.deepEqual(levels(s.events), ['start:off->hard', 'error(kept hard)']);
  const e = s.events[1];
  assert.ok(e.type === 'error' && e.error instanceof BadInputError && e.beforeStart === false);
  assert.equal(e.type === 'error' && e.error.message, `${s.path}: "stop everything" is not a kill level (expected one of off, close_only, halt_all, hard, flatten)`);
  writeFileSync(s.path, '');
  s.scheduler.advance(1_000);
  assert.equal(s.poller.level, 'hard', 'an empty file (a write caught half-way) is garbage too');
  writeFileSync(s.path, 'halt_all');
  s.scheduler.advance(1_000);
  assert.equal(s.poller.level, 'halt_all');
});

test('an unreadable or oversized kill file is an error that keeps the level, reported once', (t) => {
  const s = setup();
  t.after(s.done);
  writeFileSync(s.path, 'close_only');
  s.poller.start();
  writeFileSync(s.path, 'x'.repeat(5_000));
  s.scheduler.advance(3_000);
  unlinkSync(s.path);
  mkdirSync(s.path);
  s.scheduler.advance(3_000);
  assert.deepEqual(levels(s.events), ['start:off->close_only', 'error(kept close_only)', 'error(kept close_only)']);
  assert.match(s.events[1].type === 'error' ? s.events[1].error.message : '', /5000 bytes is too large for a kill file/);
  assert.match(s.events[2].type === 'error' ? s.events[2].error.message : '', /KILL: is not a file/);
  assert.equal(s.poller.level, 'close_only');
});

test('garbage at start is flagged beforeStart', (t) => {
  const s = setup();
  t.after(s.done);
  writeFileSync(s.path, 'halt');
  s.poller.start();
  assert.deepEqual(levels(s.events), ['error(kept off)']);
  assert.equal(s.events[0].type === 'error' && s.events[0].beforeStart, true);
  writeFileSync(s.path, 'halt_all');
  s.scheduler.advance(1_000);
  assert.deepEqual(levels(s.events).slice(1), ['start:off->halt_all']);
});

test('stop ends the polling', (t) => {
  const s = setup();
  t.after(s.done);
  s.poller.start();
  s.poller.stop();
  assert.equal(s.scheduler.size, 0);
  writeFileSync(s.path, 'hard');
  s.scheduler.advance(10_000);
  assert.equal(s.poller.level, 'off');
});

test('wired to the risk manager: the file sets its level, writing off resumes after a breach, SEXTANT_KILL adds its own', (t) => {
  const s = setup();
  t.after(s.done);
  const risk = new RiskManager({ clock: new ManualClock(T0), limits: { account: testLimits() } });
  s.poller = new KillFilePoller({ path: s.path, intervalMs: 1_000, scheduler: s.scheduler, onEvent: (e) => applyKillFileEvent(risk, e) });
  s.poller.start();
  assert.equal(risk.killLevel(), 'off');
  writeKillLevel('close_only', s.dir, s.dir);
  s.scheduler.advance(1_000);
  assert.equal(risk.killLevel(), 'close_only');
  assert.equal(risk.check(buy(1), testView()).rule, 'kill_level');
  assert.equal(risk.check(sell(1), testView({ positions: { BTC: at100(1) } })).allowed, true);
  writeKillLevel('off', s.dir, s.dir);
  s.scheduler.advance(1_000);
  assert.equal(risk.killLevel(), 'off');
  // A breached limit latches; the file is already off, and writing off again is the resume.
  risk.observe(testView({ equity: 8_000 }));
  risk.observe(testView({ equity: 12_000 }));
  risk.observe(testView({ equity: 10_000 }));
  assert.equal(risk.killStatus().source, 'rule');
  writeKillLevel('off', s.dir, s.dir);
  s.scheduler.advance(1_000);
  assert.equal(risk.killLevel(), 'off');
  assert.equal(applyKillEnv(risk, { SEXTANT_KILL: 'halt_all' })?.effective, 'halt_all');
  assert.throws(() => applyKillEnv(risk, { SEXTANT_KILL: 'nope' }), /SEXTANT_KILL: "nope" is not a kill level/);
  writeKillLevel('off', s.dir, s.dir);
  s.scheduler.advance(1_000);
  assert.equal(risk.killLevel(), 'halt_all', 'the file cannot clear the environment’s level');
});

test('after a restart, an unset SEXTANT_KILL clears the environment level the restored state held; the file’s start event sets the file’s', (t) => {
  const s = setup();
  t.after(s.done);
  const clock = new ManualClock(T0);
  const before = new RiskManager({ clock, limits: { account: testLimits() } });
  applyKillEnv(before, { SEXTANT_KILL: 'halt_all' });
  before.setKill('file', 'hard', 'kill file');
  const risk = RiskManager.restore({ clock, limits: { account: testLimits() } }, JSON.parse(JSON.stringify(before.snapshot())));
  assert.equal(risk.killLevel(), 'hard', 'safe until the sources are read again');
  s.poller = new KillFilePoller({ path: s.path, intervalMs: 1_000, scheduler: s.scheduler, onEvent: (e) => applyKillFileEvent(risk, e) });
  s.poller.start();
  assert.equal(risk.killLevel(), 'halt_all');
  assert.equal(applyKillEnv(risk, {}).effective, 'off');
});

test('a garbage event changes nothing in the risk manager', () => {
  const risk = new RiskManager({ clock: new ManualClock(T0), limits: { account: testLimits() } });
  risk.setKill('file', 'hard', 'x');
  assert.deepEqual(applyKillFileEvent(risk, { type: 'error', path: 'k', error: new Error('x'), kept: 'hard', beforeStart: false }), []);
  assert.equal(risk.killLevel(), 'hard');
});

// The data-dir lock with real processes: a live holder refuses a second one; SIGTERM, SIGINT release; kill -9 leaves a stale lock taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname as osHostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../core/manual-clock.js';
import { BadInputError, RejectedError } from '../core/errors.js';
import { LOCK_FILE, acquireDataDirLock } from './data-dir-lock.js';

const REGISTER = fileURLToPath(new URL('../../bin/register.js', import.meta.url));
const MODULE = new URL('./data-dir-lock.js', import.meta.url).href.replace(/\.js$/, '.ts');

/** A daemon stand-in: takes the lock of argv's dir, releases it on exit, prints `locked PID`, then idles. */
const HOLDER = `
import { acquireDataDirLock, releaseOnExit } from ${JSON.stringify(MODULE)};
import { LiveClock } from ${JSON.stringify(new URL('../core/live-clock.ts', import.meta.url).href)};
try {
  const lock = acquireDataDirLock(process.argv[1], { clock: new LiveClock(), note: (t) => process.stderr.write(t + '\\n') });
  releaseOnExit(lock);
  process.stdout.write('locked ' + process.pid + '\\n');
  setInterval(() => {}, 60_000);
} catch (e) {
  process.stderr.write(e.message + '\\n');
  process.exit(1);
}
`;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts a holder and resolves once it holds the lock. */
async function startHolder(t: { after(fn: () => void): void }, dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', HOLDER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code} before locking: ${err}`)));
  });
  return child;
}

/** Runs a second holder to its end (it refuses) or until it locks (then it is killed). */
function secondHolder(dir: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', HOLDER.replace("setInterval(() => {}, 60_000);", 'process.exit(0);'), dir], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve({ code: child.exitCode, signal: child.signalCode }) : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

test('a second daemon on the same data dir is refused, naming the holder; after SIGTERM the dir is free', async (t) => {
  const dir = tempDir(t);
  const first = await startHolder(t, dir);
  const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; startedAt: string };
  assert.equal(held.pid, first.pid);
  const second = secondHolder(dir);
  assert.equal(second.code, 1);
  assert.equal(second.stderr, `data dir ${dir} is locked by pid ${first.pid} (started ${held.startedAt}); stop it or pick another --data-dir\n`);

  first.kill('SIGTERM');
  assert.deepEqual(await exited(first), { code: 143, signal: null });
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'released on SIGTERM');
  const third = secondHolder(dir);
  assert.equal(third.code, 0, third.stderr);
  assert.equal(third.stderr, '', 'a released lock is no stale lock');
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'released on a normal exit');
});

test('SIGINT releases the lock too', async (t) => {
  const dir = tempDir(t);
  const first = await startHolder(t, dir);
  first.kill('SIGINT');
  assert.deepEqual(await exited(first), { code: 130, signal: null });
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
});

test('after kill -9 the lock is stale and the next daemon takes it over with a note', async (t) => {
  const dir = tempDir(t);
  const first = await startHolder(t, dir);
  const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { startedAt: string };
  first.kill('SIGKILL');
  assert.equal((await exited(first)).signal, 'SIGKILL');
  assert.equal(existsSync(join(dir, LOCK_FILE)), true, 'kill -9 runs no handler');
  const next = secondHolder(dir);
  assert.equal(next.code, 0, next.stderr);
  assert.equal(next.stderr, `data dir ${dir}: took over the stale lock of pid ${first.pid} (started ${held.startedAt}; no longer running)\n`);
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'the new holder took it and released it');
});

test('in-process: a lock of another host is refused, a torn lock file is taken over, release removes only our own', (t) => {
  const dir = tempDir(t);
  const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
  const notes: string[] = [];
  const note = (s: string): void => void notes.push(s);
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, hostname: 'elsewhere', startedAt: '2026-01-01T00:00:00.000Z' }));
  assert.throws(
    () => acquireDataDirLock(dir, { clock, note, hostname: 'here', isAlive: () => false }),
    (e: unknown) => e instanceof RejectedError && e.message === `data dir ${dir} is locked by pid 4242 on host elsewhere (started 2026-01-01T00:00:00.000Z); stop it or pick another --data-dir`,
  );
  writeFileSync(join(dir, LOCK_FILE), '');
  const lock = acquireDataDirLock(dir, { clock, note, hostname: 'here', pid: 77, isAlive: () => true });
  assert.deepEqual(lock.holder, { pid: 77, hostname: 'here', startedAt: '2026-01-02T03:04:05.000Z' });
  assert.match(notes[0], /removed an unreadable lock file/);
  assert.throws(() => acquireDataDirLock(dir, { clock, note, hostname: 'here', pid: 78, isAlive: () => true }), /locked by pid 77 \(started 2026-01-02T03:04:05.000Z\)/);
  lock.release();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  lock.release(); // idempotent
  // Our own pid in a lock we did not take is a previous life's (a restarted container), not a live holder.
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 77, hostname: 'here', startedAt: '2025-12-31T00:00:00.000Z' }));
  const again = acquireDataDirLock(dir, { clock, note, hostname: 'here', pid: 77, isAlive: () => true });
  assert.match(notes[1], /took over the stale lock of pid 77/);
  again.release();
});

/** Ten starters that each busy-wait until the same instant, try the lock once, and report WON or LOST. */
const RACER = `
import { acquireDataDirLock } from ${JSON.stringify(MODULE)};
import { LiveClock } from ${JSON.stringify(new URL('../core/live-clock.ts', import.meta.url).href)};
const go = Number(process.argv[2]);
while (Date.now() < go) {}
try {
  acquireDataDirLock(process.argv[1], { clock: new LiveClock(), note: () => {} });
  process.stdout.write('WON');
  process.stdin.once('data', () => process.exit(0));
} catch (e) {
  process.stdout.write('LOST ' + e.constructor.name);
  process.exit(0);
}
`;

async function race(t: { after(fn: () => void): void }, dir: string): Promise<string[]> {
  const go = Date.now() + 3_000; // all ten have loaded the module by then
  const children = Array.from({ length: 10 }, () => spawn(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', RACER, dir, String(go)], { stdio: ['pipe', 'pipe', 'pipe'] }));
  t.after(() => children.forEach((c) => void (c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'))));
  // A winner holds the lock until told to exit: the losers must have judged a live holder.
  const outcomes = await Promise.all(
    children.map(
      (c) =>
        new Promise<string>((resolve) => {
          let out = '';
          let err = '';
          c.stderr.on('data', (d: Buffer) => (err += d.toString()));
          c.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out === 'WON') resolve(out);
          });
          c.on('exit', () => resolve(out === '' ? `exited: ${err}` : out));
        }),
    ),
  );
  children.forEach((c) => c.stdin.end('bye'));
  await Promise.all(children.map(exited));
  return outcomes;
}

test('ten starters racing for a free data dir, or for one with a stale lock: exactly one wins', async (t) => {
  const fresh = tempDir(t);
  const a = await race(t, fresh);
  assert.equal(a.filter((o) => o === 'WON').length, 1, a.join(' | '));
  assert.equal(a.filter((o) => o === 'LOST RejectedError').length, 9, a.join(' | '));
  const stale = tempDir(t);
  writeFileSync(join(stale, LOCK_FILE), `${JSON.stringify({ pid: 2 ** 22 + 1, hostname: osHostname(), startedAt: '2026-01-01T00:00:00.000Z' })}\n`);
  const b = await race(t, stale);
  assert.equal(b.filter((o) => o === 'WON').length, 1, b.join(' | '));
  assert.equal(b.filter((o) => o === 'LOST RejectedError').length, 9, b.join(' | '));
});

test('a lock path that is a directory or a symlink (dangling or to a directory) is refused as bad input, naming it, and left alone', (t) => {
  const clock = new ManualClock(0);
  const setups: [string, (file: string) => void][] = [
    ['a directory', (file) => mkdirSync(file)],
    ['a symbolic link', (file) => symlinkSync(join(file, '..', 'nowhere'), file)],
    ['a symbolic link', (file) => symlinkSync(tmpdir(), file)],
  ];
  for (const [kind, setup] of setups) {
    const dir = tempDir(t);
    const file = join(dir, LOCK_FILE);
    setup(file);
    assert.throws(
      () => acquireDataDirLock(dir, { clock, note: () => assert.fail('nothing is stale'), isAlive: () => false }),
      (e: unknown) => e instanceof BadInputError && e.message === `${file}: the lock path is ${kind}, not a lock file; remove it if no daemon uses this data dir`,
    );
    assert.equal(lstatSync(file).isFile(), false, 'left as it was');
  }
});

test('a holder can tell when its lock file is no longer its own (deleted or replaced)', (t) => {
  const dir = tempDir(t);
  const lock = acquireDataDirLock(dir, { clock: new ManualClock(0), note: () => {} });
  assert.equal(lock.stillHeld(), true);
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, hostname: 'other', startedAt: 'x' }) + '\n');
  assert.equal(lock.stillHeld(), false);
  rmSync(join(dir, LOCK_FILE));
  assert.equal(lock.stillHeld(), false);
});

// The data directory's lock: one daemon per directory, a lock file created exclusively, stale holders taken over.
import { makeDirs } from '../core/make-dirs.js';
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { BadInputError, InvariantError, RejectedError } from '../core/errors.js';

export const LOCK_FILE = 'sextant.lock';

/** What a lock file holds. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours; idempotent (safe in an 'exit' handler: synchronous). */
  release(): void;
  /**
   * Whether the lock file still holds this process's lock. The daemon checks it on a timer and stops
   * taking entries when it is lost (a racing takeover, an operator deleting the file): two daemons on
   * one data dir must never both trade.
   */
  stillHeld(): boolean;
}

export interface LockOptions {
  readonly clock: Clock;
  /** One line for the log when a stale lock is taken over. */
  readonly note: (text: string) => void;
  readonly pid?: number;
  readonly hostname?: string;
  /** Whether `pid` runs on this host (default: signal 0). */
  readonly isAlive?: (pid: number) => boolean;
}

/** Signal 0 checks existence without sending: ESRCH means gone; EPERM means alive under another user. */
export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false;
    if (code === 'EPERM') return true;
    throw e;
  }
}

/**
 * Takes the lock of `dir` (created if missing) or throws RejectedError naming the live holder. A lock whose
 * pid is not alive on this host (a daemon killed with -9) is stale and taken over with a note.
 */
export function acquireDataDirLock(dir: string, o: LockOptions): DataDirLock {
  makeDirs(dir);
  const file = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: o.pid ?? process.pid, hostname: o.hostname ?? osHostname(), startedAt: new Date(o.clock.now()).toISOString() };
  const isAlive = o.isAlive ?? pidIsAlive;
  // Each round either creates the file, refuses, or removes one stale lock; a few rounds cover racing starters.
  for (let round = 0; round < 5; round++) {
    if (tryCreate(file, me)) return heldLock(file, me);
    notALockFile(file);
    const text = readIfExists(file);
    if (text === undefined) continue; // its holder released it meanwhile
    const holder = parseHolder(text);
    if (holder !== undefined && holder.hostname !== me.hostname) {
      throw new RejectedError(`data dir ${dir} is locked by pid ${holder.pid} on host ${holder.hostname} (started ${holder.startedAt}); stop it or pick another --data-dir`);
    }
    // Our own pid in a lock we have not taken is a previous life's (a container restarts as the same pid).
    if (holder !== undefined && holder.pid !== me.pid && isAlive(holder.pid)) {
      throw new RejectedError(`data dir ${dir} is locked by pid ${holder.pid} (started ${holder.startedAt}); stop it or pick another --data-dir`);
    }
    if (removeStale(file, text, me.pid)) {
      o.note(
        holder === undefined
          ? `data dir ${dir}: removed an unreadable lock file ${file} (a holder that died while writing it)`
          : `data dir ${dir}: took over the stale lock of pid ${holder.pid} (started ${holder.startedAt}; no longer running)`,
      );
    }
  }
  throw new RejectedError(`data dir ${dir}: could not take the lock ${file} (other processes keep taking it); try again`);
}

/**
 * Creates the lock with its content in one step: written and fsynced to a temporary file first, then
 * hard-linked into place (which fails when a lock exists). A starter never sees a lock file that is
 * still empty, so it never mistakes a lock being written for a dead holder's.
 */
function tryCreate(file: string, me: LockHolder): boolean {
  const tmp = `${file}.new-${me.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Refuses a lock path that is not a plain file: a directory cannot be read, and a symlink (dangling or not)
 * makes O_EXCL fail for ever while reading follows it elsewhere. Neither is ours to delete.
 */
function notALockFile(file: string): void {
  let kind: string;
  try {
    const st = lstatSync(file);
    if (st.isFile()) return;
    kind = st.isDirectory() ? 'a directory' : st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // released meanwhile: the next round creates it
    throw e;
  }
  throw new BadInputError(file, `the lock path is ${kind}, not a lock file; remove it if no daemon uses this data dir`);
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && Number.isSafeInteger(v.pid) && v.pid > 0 && typeof v.hostname === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, hostname: v.hostname, startedAt: v.startedAt };
    }
    return undefined;
  } catch {
    return undefined; // empty or torn: its writer died between creating and writing it
  }
}

/**
 * Moves the stale lock aside and deletes it, unless another starter replaced it meanwhile (then it goes back,
 * and the next round judges the new holder). Returns whether the stale lock was removed.
 */
function removeStale(file: string, judged: string, pid: number): boolean {
  const aside = `${file}.stale-${pid}`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  if (readFileSync(aside, 'utf8') !== judged) {
    try {
      linkSync(aside, file); // a fresh lock we must not delete: put it back unless yet another one exists
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    unlinkSync(aside);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function heldLock(file: string, me: LockHolder): DataDirLock {
  const mine = `${JSON.stringify(me)}\n`;
  return {
    file,
    holder: me,
    stillHeld(): boolean {
      return readIfExists(file) === mine;
    },
    release(): void {
      const text = readIfExists(file);
      if (text === undefined) return;
      if (text !== mine) throw new InvariantError(`lock file ${file} no longer holds this process's lock (it holds ${JSON.stringify(text.trim())})`);
      unlinkSync(file);
    },
  };
}

/**
 * Releases `lock` when the process exits, including through SIGTERM and SIGINT: their default action kills
 * without 'exit' handlers, so here they end the process with 128 + the signal's number unless the daemon
 * installed its own handler (which must end with process.exit). After kill -9 the lock stays, stale.
 */
export function releaseOnExit(lock: DataDirLock, proc: NodeJS.Process = process): void {
  proc.once('exit', () => lock.release());
  for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    if (proc.listenerCount(signal) === 0) proc.once(signal, () => proc.exit(status));
  }
}

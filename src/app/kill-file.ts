// The kill file: a file whose content is a kill level, polled without restart; every write of it is an operator command.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DEFAULTS } from '../config/read-config.js';
import type { KillLevel } from '../config/risk-config.js';
import { BadInputError } from '../core/errors.js';
import { parseKillLevel } from '../risk/index.js';
import type { Scheduler, TimerHandle } from '../core/clock.js';

/** The kill file's name inside the data directory, the data directory and the poll period: the config's defaults. */
export const KILL_FILE_NAME = CONFIG_DEFAULTS.kill.file;
export const DEFAULT_DATA_DIR = CONFIG_DEFAULTS.dataDir;
export const DEFAULT_KILL_POLL_MS = CONFIG_DEFAULTS.kill.pollMs;
/** A kill file holds one level; anything larger is not one. */
const MAX_KILL_FILE_BYTES = 1_024;

export function killFilePath(dataDir: string): string {
  return join(dataDir, KILL_FILE_NAME);
}

/**
 * `level`: the file's level at the first poll (`start`), after a write (`write`, also when the level
 * is the same: an operator re-asserting it), or `off` because the file went away (`removed`).
 * `error`: the file cannot be read or holds no level; the level in force (`kept`) stays, never `off`.
 * `beforeStart`: no level was read yet (a daemon should not start trading on an unreadable kill file).
 */
export type KillFileEvent =
  | { readonly type: 'level'; readonly path: string; readonly level: KillLevel; readonly previous: KillLevel; readonly cause: 'start' | 'write' | 'removed' }
  | { readonly type: 'error'; readonly path: string; readonly error: Error; readonly kept: KillLevel; readonly beforeStart: boolean };

export interface KillFileOptions {
  readonly path: string;
  readonly intervalMs: number;
  readonly scheduler: Scheduler;
  readonly onEvent: (event: KillFileEvent) => void;
}

export class KillFilePoller {
  private current: KillLevel = 'off';
  /** What the last poll saw (inode, mtime, size; or why it could not look), so an unchanged file is not read again. */
  private seen: string | undefined;
  private timer: TimerHandle | undefined;
  private running = false;
  /** True once a level event went out: the first one is `start`. */
  private started = false;

  constructor(private readonly options: KillFileOptions) {}

  get level(): KillLevel {
    return this.current;
  }

  /** Polls at once (the `start` event), then every `intervalMs` until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.poll();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.options.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * One look at the file; emits at most one event. The content is read at every poll (a few bytes)
   * and is part of what is compared, so a write within the file system's timestamp granularity
   * is not missed.
   */
  poll(): void {
    const { path } = this.options;
    let stamp: string;
    let text: string | undefined;
    try {
      const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
      if (stat !== undefined && !stat.isFile()) throw new BadInputError(path, 'is not a file (a kill file holds one level)');
      if (stat !== undefined && stat.size > MAX_KILL_FILE_BYTES) throw new BadInputError(path, `${stat.size} bytes is too large for a kill file (it holds one level)`);
      text = stat === undefined ? undefined : readFileSync(path, 'utf8');
      stamp = stat === undefined ? 'missing' : `${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}:${text}`;
    } catch (e) {
      stamp = `unreadable:${(e as Error).message}`;
      if (stamp !== this.seen) this.fail(stamp, e as Error);
      return;
    }
    if (stamp === this.seen) return;
    if (text === undefined) {
      this.seen = stamp;
      return this.emitLevel('off', this.started ? 'removed' : 'start');
    }
    let level: KillLevel;
    try {
      level = parseKillLevel(text, path);
    } catch (e) {
      return this.fail(stamp, e as Error);
    }
    this.seen = stamp;
    this.emitLevel(level, this.started ? 'write' : 'start');
  }

  private emitLevel(level: KillLevel, cause: 'start' | 'write' | 'removed'): void {
    const previous = this.current;
    this.current = level;
    this.started = true;
    this.options.onEvent({ type: 'level', path: this.options.path, level, previous, cause });
  }

  /** Reported once per state of the file (`stamp`), not at every poll; the level in force stays. */
  private fail(stamp: string, error: Error): void {
    this.seen = stamp;
    this.options.onEvent({ type: 'error', path: this.options.path, error, kept: this.current, beforeStart: !this.started });
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.options.scheduler.setTimeout(() => {
      this.timer = undefined;
      if (!this.running) return;
      this.poll();
      this.schedule();
    }, this.options.intervalMs);
  }
}

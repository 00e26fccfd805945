// Hot reload of sextant.yaml: a directory watch (editors that save by rename included), a debounce, a content hash; valid edits apply, invalid ones are refused.
import { appendFileSync, mkdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Clock, UnixMs } from '../core/clock.js';
import { applyLiveChanges, diffConfig, type ConfigChange } from '../config/config-diff.js';
import type { SextantConfig } from '../config/sextant-config.js';
import { parseConfigText, resolveConfigPaths, sha256Hex } from './config-file.js';

/** The timers the watcher needs (any Scheduler of the transports fits). */
export interface DebounceTimers<H> {
  setTimeout(callback: () => void, delayMs: number): H;
  clearTimeout(handle: H): void;
}

/** One reload attempt, applied or refused; what the daemon journals and logs. */
export type ReloadEvent =
  | {
      readonly ts: UnixMs;
      readonly ok: true;
      readonly file: string;
      readonly hash: string;
      /** Every difference between the running config and the file. */
      readonly diff: readonly ConfigChange[];
      /** The part of `diff` applied now. */
      readonly applied: readonly ConfigChange[];
      /** The part that needs a restart (the running daemon keeps the old values until then). */
      readonly pendingRestart: readonly ConfigChange[];
      /** The config to run with from now on: the file's live settings, the running restart-only ones. */
      readonly config: SextantConfig;
    }
  | { readonly ts: UnixMs; readonly ok: false; readonly file: string; readonly hash: string | undefined; readonly errors: readonly string[] };

export interface ConfigWatcherOptions<H> {
  readonly path: string;
  /** The config the daemon runs with and the hash of the text it came from (loadConfigFile). */
  readonly running: SextantConfig;
  readonly runningHash: string;
  readonly clock: Clock;
  readonly timers: DebounceTimers<H>;
  /**
   * The command-line overrides the daemon applied at start (--mode, --port, --data-dir, --market),
   * applied to every reloaded file too, so they are not reported as changes on each reload.
   */
  readonly adjust?: (config: SextantConfig) => SextantConfig;
  /** Quiet time after the last change event before the file is read (editors write in bursts). Default 200 ms. */
  readonly debounceMs?: number;
  /** Every attempt: applied (`ok: true`, with the diff) or refused (`ok: false`, with every error). */
  readonly onReload: (event: ReloadEvent) => void;
  /** The watch itself failed (its folder removed), or onReload threw. Reloads stop after a watch failure. */
  readonly onError: (error: Error) => void;
}

export interface ConfigWatcher {
  /** The config in force now. */
  current(): SextantConfig;
  /** Reads the file now (as on SIGHUP); nothing happens when its content is unchanged. */
  check(): void;
  close(): void;
}

/**
 * Watches the file's folder (not the file: an editor that writes a new file and renames it over
 * the old one replaces the inode a file watch would follow). Events for the file start a
 * debounce; when it ends the file is read and hashed, and only a changed content is an attempt.
 */
export function watchConfigFile<H>(o: ConfigWatcherOptions<H>): ConfigWatcher {
  const path = resolve(o.path);
  const name = basename(path);
  const debounceMs = o.debounceMs ?? 200;
  let running = o.running;
  let lastHash: string | undefined = o.runningHash;
  let timer: H | undefined;
  let closed = false;

  const emit = (event: ReloadEvent): void => {
    try {
      o.onReload(event);
    } catch (e) {
      o.onError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const check = (): void => {
    if (closed) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      // A missing file stays one attempt until it comes back (no event per editor keystroke).
      if (lastHash === `error:${code}`) return;
      lastHash = `error:${code}`;
      emit({ ts: o.clock.now(), ok: false, file: path, hash: undefined, errors: [`${name}: cannot read (${code}); the running config stays`] });
      return;
    }
    const hash = sha256Hex(text);
    if (hash === lastHash) return;
    lastHash = hash;
    const parsed = parseConfigText(text, name);
    if (!parsed.ok) {
      emit({ ts: o.clock.now(), ok: false, file: path, hash, errors: parsed.errors });
      return;
    }
    const resolved = resolveConfigPaths(parsed.config, path);
    const next = o.adjust ? o.adjust(resolved) : resolved;
    const diff = diffConfig(running, next);
    running = applyLiveChanges(running, next);
    emit({ ts: o.clock.now(), ok: true, file: path, hash, diff, applied: diff.filter((c) => c.applies === 'live'), pendingRestart: diff.filter((c) => c.applies === 'restart'), config: running });
  };

  const schedule = (): void => {
    if (closed) return;
    if (timer !== undefined) o.timers.clearTimeout(timer);
    timer = o.timers.setTimeout(() => {
      timer = undefined;
      check();
    }, debounceMs);
  };

  let watcher: FSWatcher | undefined = watch(dirname(path), (_event, file) => {
    // Some platforms give no name: any change in the folder may be ours.
    if (file === null || file === name) schedule();
  });
  watcher.on('error', (e) => {
    watcher?.close();
    watcher = undefined;
    o.onError(new Error(`watching ${dirname(path)} for ${name} failed; config reloads stopped: ${e.message}`, { cause: e }));
  });
  // The file may have changed between loading it and starting the watch.
  schedule();

  return {
    current: () => running,
    check,
    close(): void {
      closed = true;
      if (timer !== undefined) o.timers.clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}

/**
 * An onReload that appends each event as a JSON line to `file` (created when missing; the data
 * dir's `config-reloads.jsonl` by convention), then calls `next` if given. Append-only: nothing is rewritten.
 */
export function reloadJournal(file: string, next?: (event: ReloadEvent) => void): (event: ReloadEvent) => void {
  return (event) => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, reloadEventJson(event) + '\n');
    next?.(event);
  };
}

export const RELOAD_JOURNAL_FILE = 'config-reloads.jsonl';

/** A reload event as one JSON line for the journal (the full config is left out: the diff says what changed). */
export function reloadEventJson(e: ReloadEvent): string {
  const base = { ts: new Date(e.ts).toISOString(), ok: e.ok, file: e.file, hash: e.hash };
  return JSON.stringify(e.ok ? { ...base, diff: e.diff, pendingRestart: e.pendingRestart.map((c) => c.path) } : { ...base, errors: e.errors });
}

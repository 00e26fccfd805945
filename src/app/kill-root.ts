// The root of `sextant kill`: writes a kill level into the data directory's kill file, atomically.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KillLevel } from '../config/risk-config.js';
import { replaceFileAtomically } from '../core/atomic-file.js';
import { BadInputError } from '../core/errors.js';
import { systemErrorCode, systemErrorReason } from '../core/system-error.js';
import { KILL_LEVELS } from '../config/risk-config.js';
import { parseKillLevel } from '../risk/index.js';
import { killFilePath } from './kill-file.js';

export interface KillWrite {
  readonly path: string;
  readonly level: KillLevel;
  /** What the file held before: a level, `none` (no file), or `unreadable` (not a level). */
  readonly previous: KillLevel | 'none' | 'unreadable';
}

/**
 * Writes `levelText` (checked first) to `DATA_DIR/kill`. The data directory must exist: a mistyped
 * `--data-dir` would otherwise create a kill file no daemon reads.
 */
export function writeKillLevel(levelText: string | undefined, dataDirArg: string, cwd: string): KillWrite {
  if (levelText === undefined) throw new BadInputError('kill', `expected a level: ${KILL_LEVELS.join(', ')}`);
  const level = parseKillLevel(levelText, 'kill LEVEL');
  // resolve(cwd, '') is cwd: an unset variable in `--data-dir "$DIR"` would write a KILL no daemon reads.
  if (dataDirArg.trim() === '') throw new BadInputError('--data-dir', `expected the daemon's data directory, got ${JSON.stringify(dataDirArg)}`);
  const dataDir = resolve(cwd, dataDirArg);
  const st = statSync(dataDir, { throwIfNoEntry: false });
  if (st === undefined || !st.isDirectory()) throw new BadInputError(`--data-dir ${dataDirArg}`, `${st === undefined ? 'does not exist' : 'is not a directory'} (give the daemon's data directory)`);
  const path = killFilePath(dataDir);
  // Reading a FIFO without a writer would block for ever; the daemon's poller refuses anything but a file too.
  const old = statSync(path, { throwIfNoEntry: false });
  if (old !== undefined && !old.isFile()) throw new BadInputError(path, `is not a regular file (a kill file holds one level; remove what is there)`);
  let previous: KillWrite['previous'] = 'none';
  try {
    previous = parseKillLevel(readFileSync(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') previous = 'unreadable';
  }
  try {
    replaceFileAtomically(path, `${level}\n`);
  } catch (e) {
    // The system error names the temporary file beside KILL, which the operator never asked for.
    if (systemErrorCode(e) === undefined) throw e;
    throw new BadInputError(path, `cannot write the kill file: ${systemErrorReason(e)}`, { cause: e });
  }
  return { path, level, previous };
}

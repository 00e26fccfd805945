// The CLI's named boundary: how a failure becomes one stderr line and an exit status.
import { inspect } from 'node:util';
import { BadInputError, InvariantError, SextantError } from '../core/errors.js';
import { escapeControls } from '../core/quote-input.js';
import { isClosedPipe, systemErrorCode, systemErrorReason } from '../core/system-error.js';

/** Exit statuses of `sextant` (README, "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** The command ran and failed (a transient or venue error, vectors that could not be evaluated). */
  failed: 1,
  /** Bad input or output: arguments, files, a path that cannot be written, a full disk. */
  badInput: 2,
  /** A bug in Sextant (an InvariantError or an unexpected exception). */
  bug: 70,
  /** The reader of stdout or stderr went away: 128 + SIGPIPE, what `seq` and `git log` give in a shell. */
  closedPipe: 141,
} as const;

// Errors of the file system under a path the user chose: fix the path or the disk and retry.
const PATH_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'ENOENT', 'EEXIST', 'ENAMETOOLONG', 'ELOOP', 'EIO', 'ETXTBSY', 'EBUSY']);
// better-sqlite3's codes for a database the user pointed at that cannot be used.
const SQLITE_ERRORS = /^SQLITE_(FULL|READONLY|CANTOPEN|NOTADB|CORRUPT|IOERR|PERM|AUTH|BUSY|LOCKED)/;

export interface Failure {
  readonly status: number;
  /** What goes to stderr (ends with a newline), '' for nothing. */
  readonly text: string;
}

/** The message and status for an error that reached `main` from command `cmd`; `debug` adds the stack. */
export function describeFailure(cmd: string, e: unknown, debug: boolean): Failure {
  const prefix = cmd === '' ? 'sextant: ' : `sextant ${cmd}: `;
  const stack = debug ? `${inspect(e, { depth: 6 })}\n` : '';
  const line = (text: string): string => escapeControls(prefix + text) + '\n';
  if (isClosedPipe(e)) return { status: EXIT.closedPipe, text: '' };
  if (e instanceof BadInputError) return { status: EXIT.badInput, text: line(e.message) + stack };
  if (e instanceof SextantError && !(e instanceof InvariantError)) return { status: EXIT.failed, text: line(`${e.name}: ${e.message}`) + stack };
  const code = systemErrorCode(e);
  if (code !== undefined && PATH_ERRORS.has(code)) {
    const path = (e as NodeJS.ErrnoException).path;
    return { status: EXIT.badInput, text: line(`${path !== undefined ? path + ': ' : ''}${systemErrorReason(e)}`) + stack };
  }
  // Any other system error (a refused connection, an unknown host) is the environment's, not a bug.
  if (code !== undefined) return { status: EXIT.failed, text: line(systemErrorReason(e)) + stack };
  const sqlite = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && typeof sqlite === 'string' && SQLITE_ERRORS.test(sqlite)) return { status: EXIT.badInput, text: line(`database: ${e.message} (${sqlite})`) + stack };
  const message = e instanceof Error ? `${e instanceof InvariantError ? '' : e.name + ': '}${e.message}` : String(e);
  return {
    status: EXIT.bug,
    text:
      line(`internal error: ${message}`) +
      line(`this is a bug in sextant, not in your input; please report it with the command line${debug ? ' and the stack below' : ' (SEXTANT_DEBUG=1 prints the stack)'}`) +
      stack,
  };
}

// Replacing a file atomically: a temporary file beside it, flushed, renamed over it, the folder flushed.
import { closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs
 * the folder (so the rename survives a crash): a reader sees the old content or the new, never a
 * part. On any error the temporary file is removed and the error is thrown as it came. A replaced
 * file keeps its permissions; a new one gets `mode` (less the umask). A symlink is followed: its
 * target is replaced, not the link.
 */
export function replaceFileAtomically(path: string, data: string | Uint8Array, mode = 0o666): void {
  const target = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ? realpathSync(path) : path;
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  // The pid keeps two processes writing the same file from sharing a temporary file.
  const tmp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      const old = statSync(target, { throwIfNoEntry: false });
      if (old !== undefined) fchmodSync(fd, old.mode & 0o7777);
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}

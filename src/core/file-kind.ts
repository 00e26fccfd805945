// Why a path is no regular file, in the words errors use (reading a FIFO would block, a folder cannot be read as data).
import type { Stats } from 'node:fs';

/** `is a directory`, `is a named pipe (FIFO), …`: the reason `st` is not a regular file; undefined when it is one. */
export function notRegularFileReason(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is a device, not a regular file';
}

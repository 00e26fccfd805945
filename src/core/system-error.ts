// Node's system errors (ENOSPC, EACCES, EPIPE, ...) as short reasons for one-line messages.

/** The code of a Node system error (`ENOSPC`), or undefined for anything else. */
export function systemErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code) ? code : undefined;
}

/** `no space left on device (ENOSPC)`: libuv's description without the syscall and path Node appends. */
export function systemErrorReason(e: unknown): string {
  const code = systemErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code === undefined) return message;
  // Node formats them as `ENOSPC: no space left on device, write` or `..., open '/path'`.
  const m = /^E[A-Z0-9]+: ([^,]+)/.exec(message);
  return `${m ? m[1] : message} (${code})`;
}

/** True for the error a write gets once the reading end of a pipe or socket has closed. */
export function isClosedPipe(e: unknown): boolean {
  const code = systemErrorCode(e);
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED';
}

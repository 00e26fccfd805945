// Node's system errors (ENOSPC, EACCES, EPIPE, ...) as short reasons for one-line messages.

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' ? code : undefined;
}

/**
 * The errno code of a Node system error (`ENOSPC`, `EAI_AGAIN`), or undefined for anything else,
 * including Node's own `ERR_*` codes: those (ERR_INVALID_ARG_TYPE) are misuses of an API, bugs.
 */
export function systemErrorCode(e: unknown): string | undefined {
  const code = errorCode(e);
  return code !== undefined && /^E[A-Z0-9_]+$/.test(code) && !code.startsWith('ERR_') ? code : undefined;
}

/** `no space left on device (ENOSPC)`: libuv's description without the syscall and path Node appends. */
export function systemErrorReason(e: unknown): string {
  const code = systemErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code === undefined) return message;
  // Node writes `ENOSPC: no space left on device, write`, `..., open '/path'` or
  // `listen EADDRINUSE: address already in use 127.0.0.1:8090`; some just `getaddrinfo ENOTFOUND host`.
  const m = /(?:^|\s)E[A-Z0-9]+: ([^,]+)/.exec(message);
  if (m) return `${m[1]} (${code})`;
  return message.includes(code) ? message : `${message} (${code})`;
}

/** True for the error a write gets once the reading end of a pipe or socket has closed. */
export function isClosedPipe(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED';
}

// An in-memory CommandIO for tests: captures stdout and stderr.
import type { CommandIO } from './command.js';

export interface CapturedIO extends CommandIO {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function captureIO(cwd: string, env: Record<string, string | undefined> = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    drain: () => Promise.resolve(),
    closed: new AbortController().signal,
    cwd,
    env,
    stdout: () => out,
    stderr: () => err,
  };
}

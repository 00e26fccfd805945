// An in-memory CommandIO for tests: captures stdout and stderr.
// Written against the shape of cli's CommandIO, not an import of it: testkit may not import cli.
export interface CapturedIO {
  out(text: string): void;
  err(text: string): void;
  drain(): Promise<void>;
  readonly closed: AbortSignal;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
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

// CommandIO over real writable streams (the process's stdout and stderr): backpressure, closed pipes and write errors.
import type { Readable, Writable } from 'node:stream';
import { BadInputError } from '../core/errors.js';
import type { CommandIO } from './command.js';
import { isClosedPipe, systemErrorReason } from '../core/system-error.js';

export interface StreamIOOptions {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin?: Readable;
}

/**
 * A write error on either stream aborts `closed` and stops further writes to that stream: Node
 * reports such errors as an 'error' event that, without a listener, kills the process with a
 * stack. The reason is the EPIPE error itself when the reader went away (not a failure of the
 * command: the CLI ends quietly), else a BadInputError naming the stream (`stdout: no space left
 * on device (ENOSPC)`).
 */
export function streamIO(o: StreamIOOptions): CommandIO {
  const closing = new AbortController();
  const closed = closing.signal;
  const failed = new Set<Writable>();
  const fail = (s: Writable, e: unknown): void => {
    failed.add(s);
    if (closed.aborted) return;
    closing.abort(isClosedPipe(e) ? e : new BadInputError(s === o.stdout ? 'stdout' : 'stderr', systemErrorReason(e), { cause: e }));
  };
  o.stdout.on('error', (e) => fail(o.stdout, e));
  o.stderr.on('error', (e) => fail(o.stderr, e));
  const write = (s: Writable, text: string): void => {
    if (!failed.has(s) && !s.destroyed) s.write(text);
  };
  return {
    out: (t) => write(o.stdout, t),
    err: (t) => write(o.stderr, t),
    async drain(): Promise<void> {
      if (closed.aborted) throw closed.reason;
      // A write's callback runs once everything written before it was flushed, or with its error.
      await new Promise<void>((resolve, reject) => {
        o.stdout.write('', (e) => {
          if (!e) return resolve();
          fail(o.stdout, e);
          reject(closed.reason as Error);
        });
      });
      if (closed.aborted) throw closed.reason;
    },
    closed,
    cwd: o.cwd,
    env: o.env,
    stdin: o.stdin,
  };
}

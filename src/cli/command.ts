// The shape of a CLI command: name, help, options and a run function writing to injected streams.
import type { Readable } from 'node:stream';
import type { OptionSpec, ParsedArgs } from './args.js';

export interface CommandIO {
  /** Standard output (results: CSV, JSON, paths). Writes after `closed` aborted are dropped. */
  out(text: string): void;
  /** Standard error (progress and diagnostics). */
  err(text: string): void;
  /**
   * Resolves once stdout can take more (await it between chunks of a large output, so a slow
   * reader holds the command back instead of everything buffering in memory); rejects with the
   * write error (EPIPE, ENOSPC, ...) once stdout or stderr failed.
   */
  drain(): Promise<void>;
  /** Aborted, with the write error as reason, when stdout or stderr cannot be written (reader gone, disk full): long work stops. */
  readonly closed: AbortSignal;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Environment variables (secrets are read only where needed). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for the few commands that read a secret from it (never from argv). */
  readonly stdin?: Readable;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Returns the process exit code. Throws BadInputError for bad arguments or files. */
  run(args: ParsedArgs, io: CommandIO): Promise<number> | number;
}

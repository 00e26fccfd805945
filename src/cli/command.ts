// The shape of a CLI command: name, help, options and a run function writing to injected streams.
import type { OptionSpec, ParsedArgs } from './args.js';

export interface CommandIO {
  /** Standard output (results: CSV, JSON, paths). */
  out(text: string): void;
  /** Standard error (progress and diagnostics). */
  err(text: string): void;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Environment variables (secrets are read only where needed). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Returns the process exit code. Throws BadInputError for bad arguments or files. */
  run(args: ParsedArgs, io: CommandIO): Promise<number> | number;
}

// Test support: `node bin/sextant.js …` as a real child process, for exit codes, stderr and signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/sextant.js', import.meta.url));
/** Tests run the CLI from the TypeScript sources they test (SEXTANT_FROM_SOURCE=0 in the environment runs dist/). */
const FROM_SOURCE = { SEXTANT_FROM_SOURCE: '1' };

export interface CliRun {
  readonly child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr holds a line matching `re`. */
  waitForStderr(re: RegExp): Promise<void>;
  /** The exit status (a signal's death as 128 + its number is not expected here: the CLI handles SIGINT). */
  readonly exit: Promise<number | null>;
}

/** Starts the CLI with `args` in `cwd`. */
export function startCli(args: readonly string[], cwd: string): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...FROM_SOURCE, ...process.env } });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].re.test(err)) waiters.splice(i, 1)[0].resolve();
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (re) => (re.test(err) ? Promise.resolve() : new Promise((resolve) => waiters.push({ re, resolve }))),
    exit,
  };
}

/** Runs the CLI to its end. */
export async function runCli(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, cwd);
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

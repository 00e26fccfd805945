// Runs the real `sextant` (node bin/sextant.js) as a child process for tests of exit codes, stderr, pipes and hangs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/sextant.js', import.meta.url));
/** Tests run the CLI from the TypeScript sources they test (SEXTANT_FROM_SOURCE=0 in the environment runs dist/). */
const FROM_SOURCE = { SEXTANT_FROM_SOURCE: '1' };

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  /** 'pipe' collects stdout; 'closed' closes its reading end at once (a reader that went away); a number is a file descriptor to write to. */
  readonly stdout?: 'pipe' | 'closed' | number;
  /** 'closed' closes the reading end of stderr at once (`2>&1 | head` after head left). */
  readonly stderr?: 'pipe' | 'closed';
  readonly env?: Readonly<Record<string, string>>;
  /** Sends `signal` once stderr matches `when` (e.g. Ctrl-C while the command retries). */
  readonly interrupt?: { readonly when: RegExp; readonly signal: NodeJS.Signals };
  /** The run fails (the child is killed) when it takes longer: a hang must fail, not block the suite. */
  readonly timeoutMs?: number;
}

/** Runs `sextant ...args` to its end; rejects when it outlives `timeoutMs`. */
export function runCli(args: readonly string[], o: CliOptions): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: o.cwd,
    env: { ...FROM_SOURCE, ...process.env, SEXTANT_DEBUG: '', ...o.env },
    stdio: ['ignore', typeof o.stdout === 'number' ? o.stdout : 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  if (o.stdout === 'closed') child.stdout?.destroy();
  else child.stdout?.on('data', (d: Buffer) => void (stdout += d.toString()));
  let interrupted = false;
  if (o.stderr === 'closed') child.stderr?.destroy();
  else {
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (o.interrupt && !interrupted && o.interrupt.when.test(stderr)) {
        interrupted = true;
        child.kill(o.interrupt.signal);
      }
    });
  }
  const timeoutMs = o.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sextant ${args.join(' ')} still running after ${timeoutMs} ms (stderr: ${stderr})`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

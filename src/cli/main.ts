// The `sextant` command line: dispatches to a command, prints help, and turns errors into messages.
import { quoteInput } from '../core/quote-input.js';
import { parseArgs, formatHelp } from './args.js';
import type { Command, CommandIO } from './command.js';
import { COMMANDS, type CommandEntry } from './commands.js';
import { describeFailure } from './failure.js';
import { streamIO } from './stream-io.js';

/** A command in the list: an entry of the lazy registry, or (tests) a command already loaded. */
export type ListedCommand = CommandEntry | Command;

export function topLevelHelp(commands: readonly ListedCommand[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: sextant <command> [options]',
    '',
    'Sextant: a self-hosted trading platform for crypto perpetual futures.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Run `sextant <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

export function processIO(): CommandIO {
  return streamIO({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stdin: process.stdin });
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO = processIO(), commands: readonly ListedCommand[] = COMMANDS): Promise<number> {
  try {
    const status = await dispatch(argv, io, commands);
    // The last output may still be buffered: its write error (a closed pipe, a full disk) decides the status.
    await io.drain();
    return status;
  } catch (e) {
    // Once stdout or stderr failed, that failure is why the command stopped, whatever it threw then.
    const failure = describeFailure(argv[0] ?? '', io.closed.aborted ? io.closed.reason : e, io.env.SEXTANT_DEBUG === '1');
    io.err(failure.text);
    return failure.status;
  }
}

async function dispatch(argv: readonly string[], io: CommandIO, commands: readonly ListedCommand[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topLevelHelp(commands));
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`sextant: unknown command ${quoteInput(name)}\n\n${topLevelHelp(commands)}`);
    return 2;
  }
  const cmd = 'load' in entry ? await entry.load() : entry;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(formatHelp(cmd.usage, cmd.summary, cmd.options));
    return 0;
  }
  return await cmd.run(parseArgs(rest, cmd.options), io);
}

/**
 * The process's last boundary, for an exception or rejection outside any command's await chain
 * (an event handler, a timer): the same one-line message and status as inside `main`, then exit.
 */
export function exitOnFatal(argv: readonly string[], e: unknown): void {
  const failure = describeFailure(argv[0] ?? '', e, process.env.SEXTANT_DEBUG === '1');
  process.stderr.write(failure.text);
  process.exit(failure.status);
}

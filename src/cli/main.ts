// The `sextant` command line: dispatches to a command, prints help, and turns errors into messages.
import { SextantError, BadInputError } from '../core/errors.js';
import { parseArgs, formatHelp } from './args.js';
import type { Command, CommandIO } from './command.js';
import { COMMANDS } from './commands.js';

export function topLevelHelp(commands: readonly Command[]): string {
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
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO = processIO(), commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topLevelHelp(commands));
    return name === undefined ? 2 : 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`sextant: unknown command ${JSON.stringify(name)}\n\n${topLevelHelp(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(formatHelp(cmd.usage, cmd.summary, cmd.options));
    return 0;
  }
  try {
    return await cmd.run(parseArgs(rest, cmd.options), io);
  } catch (e) {
    if (e instanceof BadInputError) {
      io.err(`sextant ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof SextantError) {
      io.err(`sextant ${name}: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

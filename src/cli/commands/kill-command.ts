// `sextant kill LEVEL|off`: sets the kill level a running daemon polls from its data directory.
import { relative } from 'node:path';
import { DEFAULT_DATA_DIR } from '../../app/kill-file.js';
import { writeKillLevel } from '../../app/kill-root.js';
import { BadInputError } from '../../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const OPTIONS: readonly OptionSpec[] = [{ name: 'data-dir', kind: 'string', placeholder: 'DIR', help: 'the daemon’s data directory (the kill file is DIR/KILL)', default: DEFAULT_DATA_DIR }];

export const killCommand: Command = {
  name: 'kill',
  summary: 'set the kill level (off, close_only, halt_all, hard, flatten) a running daemon applies without restart',
  usage: 'sextant kill LEVEL|off [--data-dir DIR]',
  options: OPTIONS,
  run(args: ParsedArgs, io: CommandIO): number {
    if (args.positionals.length > 1) throw new BadInputError('kill', `expected one level, got ${args.positionals.join(' ')}`);
    const w = writeKillLevel(args.positionals[0], args.values.get('data-dir') as string, io.cwd);
    const shown = relative(io.cwd, w.path) || w.path;
    const was = w.previous === 'none' ? 'no kill file before' : w.previous === 'unreadable' ? 'it held no valid level' : `was ${w.previous}`;
    const effect = w.level === 'off' ? 'a running daemon clears the file’s level and resumes after a breached limit at its next poll' : 'a running daemon applies it at its next poll';
    io.out(`kill level ${w.level} written to ${shown} (${was}); ${effect}\n`);
    return 0;
  },
};

// `sextant check [FILES]`: type-checks strategy files (and their tests) against the public API, as backtest does.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { typecheckFiles } from '../../app/strategy-typecheck.js';
import { BadInputError } from '../../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const OPTIONS: readonly OptionSpec[] = [];

export const checkCommand: Command = {
  name: 'check',
  summary: 'type-check strategy files (default: every .ts file in this folder)',
  usage: 'sextant check [FILE...]',
  options: OPTIONS,
  run(args: ParsedArgs, io: CommandIO): number {
    const files = args.positionals.length > 0 ? args.positionals.map((f) => resolve(io.cwd, f)) : tsFilesIn(io.cwd);
    if (files.length === 0) throw new BadInputError(io.cwd, 'no .ts files here; name the files to check');
    const errors = typecheckFiles(files, io.cwd);
    for (const e of errors) io.out(`${e}\n`);
    io.err(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors.length === 0 ? 'no type errors' : `${errors.length} type error${errors.length === 1 ? '' : 's'}`}\n`);
    return errors.length === 0 ? 0 : 1;
  },
};

function tsFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => resolve(dir, f));
}

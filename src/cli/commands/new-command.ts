// `sextant new strategy NAME [--dir DIR]`: a strategy to start from, its test and a tsconfig.
import { join, relative, resolve } from 'node:path';
import { scaffoldStrategy } from '../../app/strategy-scaffold.js';
import { BadInputError } from '../../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { checkOutputFile } from '../output-file.js';

const OPTIONS: readonly OptionSpec[] = [{ name: 'dir', kind: 'string', placeholder: 'DIR', help: 'folder to write into', default: '.' }];

export const newCommand: Command = {
  name: 'new',
  summary: 'write a commented strategy, a test that backtests it and a tsconfig',
  usage: 'sextant new strategy NAME [--dir DIR]',
  options: OPTIONS,
  run(args: ParsedArgs, io: CommandIO): number {
    const [kind, name, ...extra] = args.positionals;
    if (kind !== 'strategy') throw new BadInputError('sextant new', `expected \`sextant new strategy NAME\`, got ${JSON.stringify(args.positionals.join(' '))}`);
    if (name === undefined) throw new BadInputError('sextant new strategy', 'needs a NAME, e.g. `sextant new strategy my-trend`');
    if (extra.length > 0) throw new BadInputError('sextant new strategy', `unexpected ${JSON.stringify(extra.join(' '))}`);
    const dir = resolve(io.cwd, args.values.get('dir') as string);
    // Checked before anything is written: a folder on /proc or /sys would hang the write, a read-only one fail half-way.
    for (const f of [`${name}.ts`, `${name}.test.ts`, 'tsconfig.json']) checkOutputFile(join(dir, f));
    const written = scaffoldStrategy(name, dir);
    for (const f of written) io.out(`wrote ${relative(io.cwd, f) || f}\n`);
    const rel = relative(io.cwd, resolve(dir, `${name}.ts`));
    io.out(`\nnext:\n  sextant test${dir === io.cwd ? '' : ` ${relative(io.cwd, dir)}`}\n  sextant backtest --strategy ./${rel} --data FILE\n`);
    return 0;
  },
};

// `sextant test [FILES|DIRS]`: runs a strategy folder's tests (node:test) with `sextant` and TypeScript resolved.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../../app/strategy-typecheck.js';
import { BadInputError } from '../../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const OPTIONS: readonly OptionSpec[] = [];
const TEST_FILE = /\.test\.(ts|mts|js|mjs)$/;
/** The loader matching how this CLI runs: compiled (dist/, `sextant` is the compiled SDK) or from the TypeScript sources. */
const REGISTER = join(ROOT, 'bin', import.meta.url.endsWith('.js') ? 'register-dist.js' : 'register.js');

export const testCommand: Command = {
  name: 'test',
  summary: 'run strategy tests (*.test.ts) with node:test, `sextant` importable',
  usage: 'sextant test [FILE|DIR...]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const targets = args.positionals.length > 0 ? args.positionals : ['.'];
    const files = targets.flatMap((t) => testFiles(resolve(io.cwd, t), t));
    if (files.length === 0) throw new BadInputError(targets.join(' '), 'no test files (*.test.ts) found');
    // NODE_TEST_CONTEXT (set when this runs under a test runner itself) would make the child report in the
    // runner's private protocol instead of printing its results.
    const env = { ...io.env };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ['--import', REGISTER, '--test', ...files], { cwd: io.cwd, stdio: 'inherit', env });
    return await new Promise<number>((done, fail) => {
      child.on('error', (e) => fail(new BadInputError('sextant test', `cannot start node: ${e.message}`, { cause: e })));
      // Killed by a signal: 128 + its number, as shells report it.
      child.on('exit', (code, signal) => done(code ?? (signal !== null ? 128 + constants.signals[signal] : 1)));
    });
  },
};

function testFiles(path: string, given: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new BadInputError(given, `no such file or folder`, { cause: e });
  }
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(path, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p, given));
    else if (TEST_FILE.test(name)) out.push(p);
  }
  return out;
}

// `--db PATH` for commands that only read the store: the path must exist, since opening would create an empty database as a side effect.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BadInputError } from '../core/errors.js';
import type { ParsedArgs } from './args.js';
import { DEFAULT_DB } from './commands/import-command.js';

/** `--db` as given (`arg`, for messages) and resolved (`path`); `hint` says what would have created it. */
export function existingStore(args: ParsedArgs, cwd: string, hint: string): { readonly arg: string; readonly path: string } {
  const arg = args.values.get('db') ?? DEFAULT_DB;
  const path = resolve(cwd, arg);
  if (!existsSync(path)) throw new BadInputError('--db', `no store at ${arg} (${hint})`);
  return { arg, path };
}

// A store that must already exist (commands that only read it): a missing one is an error, never created empty.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../core/clock.js';
import { BadInputError } from '../core/errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/ports.js';
import type { ParsedArgs } from './args.js';
import { DEFAULT_DB } from './commands/import-command.js';

/** `--db` as given (`arg`, for messages) and resolved (`path`); `hint` says what would have created it. */
export function existingStore(args: ParsedArgs, cwd: string, hint: string): { readonly arg: string; readonly path: string } {
  const arg = args.values.get('db') ?? DEFAULT_DB;
  const path = resolve(cwd, arg);
  // Reading must not create an empty database (or folders, anywhere the path points) as a side effect.
  if (!existsSync(path)) throw new BadInputError('--db', `no store at ${arg} (${hint})`);
  return { arg, path };
}

/** The store at `dbArg` (relative to `cwd`); BadInputError('--db') when there is none. */
export function openExistingStore(dbArg: string, cwd: string, clock: Clock): Store {
  const path = resolve(cwd, dbArg);
  if (!existsSync(path)) throw new BadInputError('--db', `no store at ${dbArg} (import data first: sextant import --file FILE)`);
  return openStore(path, { clock });
}

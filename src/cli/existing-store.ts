// A store that must already exist (commands that only read it): a missing one is an error, never created empty.
import { resolve } from 'node:path';
import { requireExistingStore } from '../store/open-store.js';
import type { ParsedArgs } from './args.js';
import { DEFAULT_DB } from './commands/import-command.js';

/** `--db` as given (`arg`, for messages) and resolved (`path`); `hint` says what would have created it. */
export function existingStore(args: ParsedArgs, cwd: string, hint: string): { readonly arg: string; readonly path: string } {
  const arg = args.values.get('db') ?? DEFAULT_DB;
  const path = resolve(cwd, arg);
  requireExistingStore(path, hint, arg);
  return { arg, path };
}

// Creating a folder and its missing parents one level at a time: Node's recursive mkdir spins for ever where a file system refuses creation with ENOENT (/proc).
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BadInputError } from './errors.js';

/** Creates `dir` and any missing parents; a parent that is a file, or a refused creation, is a BadInputError naming `dir`. */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let st;
    try {
      st = statSync(at, { throwIfNoEntry: false });
    } catch (e) {
      // ENOTDIR: a file on the way; the walk goes on up and finds it.
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw new BadInputError(dir, `cannot look at ${at} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
    }
    if (st !== undefined) {
      if (!st.isDirectory()) throw new BadInputError(dir, `${at} is not a folder`);
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new BadInputError(dir, `cannot create the folder ${d} (${code ?? (e as Error).message})`, { cause: e });
    }
  }
}

// Whether dist/ (the compiled CLI) matches src/: the same source files, none newer than when it was built.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
export const STAMP = join(DIST, 'build-stamp.json');

const COMPILED = /\.ts$/;
const TEST = /\.test\.ts$/;

/** The source files dist/ is compiled from (relative to src/, sorted) and the newest modification time among them. */
export function sourceState() {
  const files = [];
  // A walk by hand: readdirSync's `recursive` option costs tens of milliseconds more on Node 20.
  const walk = (dir, prefix) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else if (COMPILED.test(e.name) && !TEST.test(e.name)) files.push(`${prefix}${e.name}`);
    }
  };
  walk(SRC, '');
  files.sort();
  let newestMtimeMs = 0;
  for (const f of files) newestMtimeMs = Math.max(newestMtimeMs, statSync(join(SRC, f)).mtimeMs);
  return { files, newestMtimeMs };
}

/** Undefined when dist/ is up to date, else why not (for the one-line note of the fallback to the sources). */
export function distStaleness() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return 'dist/ is not built';
    throw e;
  }
  const now = sourceState();
  if (now.files.length !== stamp.files) return 'src/ has other files than when dist/ was built';
  if (now.newestMtimeMs > stamp.newestMtimeMs) return 'src/ changed since dist/ was built';
  return undefined;
}

#!/usr/bin/env node
// Compiles src/ (without tests) to dist/ with esbuild, file by file, and stamps what it compiled; npm runs it at install.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, SRC, STAMP, sourceState } from './dist-state.js';

// The state is taken before compiling: a source edited during the build leaves dist/ stale, not wrongly fresh.
const state = sourceState();
rmSync(DIST, { recursive: true, force: true });
const t0 = performance.now();
await build({
  entryPoints: state.files.map((f) => join(SRC, f)),
  outdir: DIST,
  outbase: SRC,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: false,
  sourcemap: 'linked',
  sourcesContent: false,
  tsconfig: join(ROOT, 'tsconfig.json'),
  logLevel: 'warning',
});
// Written last: a build that failed half-way has no stamp and never counts as fresh.
writeFileSync(STAMP, `${JSON.stringify({ files: state.files.length, newestMtimeMs: state.newestMtimeMs, builtAt: new Date().toISOString() })}\n`);
process.stderr.write(`sextant: compiled ${state.files.length} files to dist/ in ${Math.round(performance.now() - t0)} ms\n`);

#!/usr/bin/env node
// Entry point of the `sextant` command: the compiled CLI in dist/ when it is up to date, else the TypeScript sources.
import { distStaleness } from './dist-state.js';

const argv = process.argv.slice(2);
// SEXTANT_FROM_SOURCE=1 runs the sources (the test suite does, to test the code as it is now).
const stale = process.env.SEXTANT_FROM_SOURCE === '1' ? 'SEXTANT_FROM_SOURCE=1' : distStaleness();
let cli;
if (stale === undefined) {
  // Help needs no loader; every other command may import user code (a strategy file), which needs one.
  const [first] = argv;
  const helpOnly = first === undefined || first === 'help' || argv.includes('--help') || argv.includes('-h');
  if (!helpOnly) await import('./register-dist.js');
  cli = await import('../dist/cli/main.js');
} else {
  if (process.env.SEXTANT_FROM_SOURCE !== '1') process.stderr.write(`sextant: ${stale} (npm run build); running the TypeScript sources\n`);
  await import('./register.js');
  cli = await import('../src/cli/main.ts');
}
process.on('uncaughtException', (e) => cli.exitOnFatal(argv, e));
process.on('unhandledRejection', (e) => cli.exitOnFatal(argv, e));
process.exitCode = await cli.main(argv);

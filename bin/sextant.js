#!/usr/bin/env node
// Entry point of the `sextant` command: registers the module loaders, then runs the CLI.
import './register.js';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

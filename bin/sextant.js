#!/usr/bin/env node
// Entry point of the `sextant` command: registers the module loaders, then runs the CLI.
import './register.js';

const { main, exitOnFatal } = await import('../src/cli/main.ts');
const argv = process.argv.slice(2);
process.on('uncaughtException', (e) => exitOnFatal(argv, e));
process.on('unhandledRejection', (e) => exitOnFatal(argv, e));
process.exitCode = await main(argv);

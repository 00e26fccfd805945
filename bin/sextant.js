#!/usr/bin/env node
// Entry point of the `sextant` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main, exitOnFatal } = await import('../src/cli/main.ts');
const argv = process.argv.slice(2);
process.on('uncaughtException', (e) => exitOnFatal(argv, e));
process.on('unhandledRejection', (e) => exitOnFatal(argv, e));
process.exitCode = await main(argv);

// The list of CLI commands, in the order `sextant --help` shows them.
import type { Command } from './command.js';
import { backtestCommand } from './commands/backtest-command.js';
import { demoCommand } from './commands/demo-command.js';

export const COMMANDS: readonly Command[] = [backtestCommand, demoCommand];

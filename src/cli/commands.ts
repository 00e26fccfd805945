// The list of CLI commands, in the order `sextant --help` shows them.
import type { Command } from './command.js';
import { backtestCommand } from './commands/backtest-command.js';
import { demoCommand } from './commands/demo-command.js';
import { importCommand } from './commands/import-command.js';
import { dataCommand } from './commands/data-command.js';
import { indicatorsCommand } from './commands/indicators-command.js';
import { hlCommand } from './commands/hl-command.js';
import { downloadCommand } from './commands/download-command.js';
import { recordCommand } from './commands/record-command.js';
import { venueCommand } from './commands/venue-command.js';
import { runsCommand } from './commands/runs-command.js';
import { recordingsCommand } from './commands/recordings-command.js';
import { newCommand } from './commands/new-command.js';
import { checkCommand } from './commands/check-command.js';
import { testCommand } from './commands/test-command.js';
import { simulateCommand } from './commands/simulate-command.js';

export const COMMANDS: readonly Command[] = [
  ] = [backtestCommand,
  runsCommand,
  newCommand,
  checkCommand,
  testCommand,
  demoCommand,
  importCommand,
  dataCommand,
  indicatorsCommand,
  hlCommand,
  downloadCommand,
  venueCommand,
  recordCommand,
  recordingsCommand,
  simulateCommand,
];

// The list of CLI commands, in the order `sextant --help` shows them.
import type { Command } from './command.js';

export const COMMANDS: readonly Command[] = [];

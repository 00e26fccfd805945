// The list of CLI commands, in the order `sextant --help` shows them; each loads its module only when it runs.
import type { Command } from './command.js';

/** A command as the help lists it; `load` imports its code (the summary must equal the loaded command's). */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

// One entry per line.
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'backtest', summary: 'backtest a strategy on a data file, stored bars or a recording', load: async () => (await import('./commands/backtest-command.js')).backtestCommand },
  { name: 'runs', summary: 'stored backtest runs: list, show, compare, rm, rerun (repeat one and check its outputs byte for byte)', load: async () => (await import('./commands/runs-command.js')).runsCommand },
  { name: 'new', summary: 'write a commented strategy, a test that backtests it and a tsconfig', load: async () => (await import('./commands/new-command.js')).newCommand },
  { name: 'check', summary: 'type-check strategy files (default: every .ts file in this folder)', load: async () => (await import('./commands/check-command.js')).checkCommand },
  { name: 'test', summary: 'run strategy tests (*.test.ts) with node:test, `sextant` importable', load: async () => (await import('./commands/test-command.js')).testCommand },
  { name: 'demo', summary: 'backtest sma-cross on a seeded synthetic market and write its HTML report', load: async () => (await import('./commands/demo-command.js')).demoCommand },
  { name: 'import', summary: 'import a bar file (csv, backtrader, freqtrade, aiquant) into the store', load: async () => (await import('./commands/import-command.js')).importCommand },
  { name: 'data', summary: 'list the stored bar series, or check them (gaps, forming bars, duplicates, bad values, alignment)', load: async () => (await import('./commands/data-command.js')).dataCommand },
  { name: 'indicators', summary: 'compute indicators over a bar file and print CSV', load: async () => (await import('./commands/indicators-command.js')).indicatorsCommand },
  { name: 'hl', summary: 'Hyperliquid tools (subcommands: sign)', load: async () => (await import('./commands/hl-command.js')).hlCommand },
  { name: 'download', summary: 'download candles and funding history from Hyperliquid into the store', load: async () => (await import('./commands/download-command.js')).downloadCommand },
  { name: 'venue', summary: 'run a local Hyperliquid-compatible venue (simulated or mirrored market, signed orders, WebSocket) for clients and paper trading', load: async () => (await import('./commands/venue-command.js')).venueCommand },
  { name: 'record', summary: 'record Hyperliquid market data (raw frames and parsed rows) into the store until Ctrl-C', load: async () => (await import('./commands/record-command.js')).recordCommand },
  { name: 'start', summary: 'run the trading daemon: paper (default), dry-live or live, with its HTTP status API', load: async () => (await import('./commands/start-command.js')).startCommand },
  { name: 'status', summary: 'show a running daemon’s mode, readiness, kill level, bots, positions and orders', load: async () => (await import('./commands/status-command.js')).statusCommand },
  { name: 'kill', summary: 'set the kill level (off, close_only, halt_all, hard, flatten) a running daemon applies without restart', load: async () => (await import('./commands/kill-command.js')).killCommand },
  { name: 'config', summary: 'sextant.yaml: check it (every error with its line), show the effective config and risk limits per symbol, or init the commented template', load: async () => (await import('./commands/config-command.js')).configCommand },
  { name: 'audit', summary: 'the hash-chained audit trail: verify the chain (names the first broken link), show records', load: async () => (await import('./commands/audit-command.js')).auditCommand },
  { name: 'simulate', summary: 'simulate perp markets (regimes, volatility clusters, jumps, books, trades, funding, open interest, liquidations) into the store or live', load: async () => (await import('./commands/simulate-command.js')).simulateCommand },
  { name: 'replay-check', summary: 'run a recorded bot session through a fresh kernel and compare every decision (exit 1 when they diverge)', load: async () => (await import('./commands/replay-check-command.js')).replayCheckCommand },
  { name: 'auth', summary: 'authentication tools (subcommands: hash-password, the value of SEXTANT_ADMIN_PASSWORD_HASH from a password on stdin)', load: async () => (await import('./commands/auth-command.js')).authCommand },
  { name: 'recordings', summary: 'recordings made by sextant record: list, or show one (backtest one with sextant backtest --recording ID)', load: async () => (await import('./commands/recordings-command.js')).recordingsCommand },
];

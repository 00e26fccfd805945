// `sextant start`: runs the trading daemon (paper by default) until SIGTERM or Ctrl-C.
import { relative } from 'node:path';
import { startFromRequest } from '../../app/daemon/start-root.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'mode', kind: 'string', placeholder: 'paper|dry-live|live', help: 'trading mode (default: the config’s, paper)' },
  { name: 'config', kind: 'string', placeholder: 'FILE', help: 'the config file (default sextant.yaml, written with comments on first start)' },
  { name: 'data-dir', kind: 'string', placeholder: 'DIR', help: 'store, sessions, audit trail, kill file, lock (default: the config’s, data)' },
  { name: 'port', kind: 'string', placeholder: 'P', help: 'HTTP port of /health, /ready, /metrics and /api (0 picks a free one; default 8080)' },
  { name: 'host', kind: 'string', placeholder: 'HOST', help: 'address the HTTP server binds (default 127.0.0.1)' },
  { name: 'market', kind: 'string', placeholder: 'hyperliquid|sim|replay:RUN', help: 'market data source (paper: the in-process venue simulates it)' },
  { name: 'venue-url', kind: 'string', placeholder: 'URL', help: 'paper: a local venue started with `sextant venue` instead of one in-process' },
  { name: 'strategy', kind: 'string', placeholder: 'NAME|PATH', help: 'run one bot from flags instead of the config’s bots' },
  { name: 'symbols', kind: 'string', placeholder: 'LIST', help: 'the flag bot’s symbols, e.g. BTC,ETH' },
  { name: 'interval', kind: 'string', placeholder: 'I', help: 'the flag bot’s bar interval, 1s and up (default 1m)' },
  { name: 'param', kind: 'list', placeholder: 'k=v', help: 'a strategy parameter of the flag bot' },
];

export const startCommand: Command = {
  name: 'start',
  summary: 'run the trading daemon: paper (default), dry-live or live, with its HTTP status API',
  usage: 'sextant start [--mode paper|dry-live|live] [--config sextant.yaml] [--data-dir DIR] [--port 8080] [--market hyperliquid|sim] [--venue-url URL] [--strategy NAME|PATH --symbols BTC,ETH --interval 1s --param k=v]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const port = args.values.has('port') ? (numberOption(args, 'port', (n) => (Number.isInteger(n) && n >= 0 && n < 65_536 ? undefined : 'must be a port number')) as number) : undefined;
    const get = (k: string): string | undefined => args.values.get(k);
    const started = await startFromRequest(
      {
        mode: get('mode'),
        configPath: get('config'),
        dataDir: get('data-dir'),
        port,
        host: get('host'),
        market: get('market'),
        venueUrl: get('venue-url'),
        strategy: get('strategy'),
        symbols: get('symbols'),
        interval: get('interval'),
        params: args.lists.get('param') ?? [],
        cwd: io.cwd,
        env: io.env,
      },
      { say: (line) => io.err(line + '\n'), logTo: { write: (line: string) => (io.out(line), true) } },
    );
    const { daemon, configFile } = started;
    const lines = [
      `sextant ${daemon.mode} daemon running (pid ${process.pid})`,
      ...(configFile !== undefined ? [`config     ${relative(io.cwd, configFile.path) || configFile.path}${configFile.created ? ' (written now, with comments: edit it while the daemon runs)' : ''}`] : []),
      daemon.simulated()
        ? 'market     SIMULATED DATA: the paper venue runs the market simulator (no real market prices; no real money)'
        : daemon.mode === 'paper'
          ? 'market     the paper venue mirrors Hyperliquid’s live books and trades (no real money)'
          : 'market     Hyperliquid',
      `bots       ${daemon.bots.map((b) => `${b.id} (${b.config.strategy} on ${b.symbols.join(',')} ${b.config.interval})`).join('; ')}`,
      ...(daemon.loginLink !== undefined ? [`login      ${daemon.loginLink}   (one-time; or set SEXTANT_ADMIN_PASSWORD_HASH)`] : []),
      `status     sextant status --url ${daemon.url}${get('data-dir') !== undefined ? ` --data-dir ${get('data-dir')}` : ''}   (reads the read-scope token the daemon wrote to its data dir)`,
      `kill       sextant kill close_only|halt_all|hard|flatten|off`,
      'stop       Ctrl-C or SIGTERM (stops entries, flushes, exits)',
    ];
    io.err(lines.join('\n') + '\n');
    const signal = await new Promise<string>((resolve) => {
      const on = (s: string) => (): void => resolve(s);
      process.once('SIGINT', on('SIGINT'));
      process.once('SIGTERM', on('SIGTERM'));
      void daemon.stopped.then(() => resolve('stopped'));
    });
    await daemon.stop(signal);
    io.err(`daemon stopped (${signal})\n`);
    return 0;
  },
};

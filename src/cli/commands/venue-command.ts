// `sextant venue`: runs the local Hyperliquid-compatible venue until Ctrl-C.
import { parseFaults } from '../../localnet/hyperliquid/fault-injection.js';
import { startLocalVenue } from '../../app/venue-root.js';
import { openReplayMarket } from '../../app/replay-market.js';
import { LiveClock } from '../../core/live-clock.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/ports.js';
import { existingStore } from '../existing-store.js';
import { DEFAULT_DB } from './import-command.js';
import { DEFAULT_SYMBOLS, DEFAULT_UPSTREAM, defaultVenueOptions, parseSymbols, parseUpstreamUrl, type ReplayOptions } from '../../localnet/hyperliquid/venue-options.js';
import { choiceOption, numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'port', kind: 'string', placeholder: 'P', help: 'TCP port (0 picks a free one)', default: '8090' },
  { name: 'host', kind: 'string', placeholder: 'HOST', help: 'address to listen on', default: '127.0.0.1' },
  { name: 'balance', kind: 'string', placeholder: 'USDC', help: 'starting balance of every new address', default: '10000' },
  { name: 'seed', kind: 'string', placeholder: 'N', help: 'seed of the simulated market', default: '1' },
  { name: 'symbols', kind: 'string', placeholder: 'LIST', help: 'coins, NAME[:szDecimals[:startPrice[:maxLeverage]]] comma-separated', default: DEFAULT_SYMBOLS },
  { name: 'market', kind: 'string', placeholder: 'sim|legacy|mirror|replay:RUN', help: 'the market: sim (the market simulator of sextant simulate), legacy (a plain random walk), mirror (the live books and trades of --upstream, the simulator while it is unreachable) or replay:RUN (recording RUN of --db at its recorded pace, then the simulator)', default: 'legacy' },
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'with --market replay:RUN: the SQLite store holding the recording', default: DEFAULT_DB },
  { name: 'replay-speed', kind: 'string', placeholder: 'X', help: 'with --market replay:RUN: recorded time passes X times faster', default: '1' },
  { name: 'upstream', kind: 'string', placeholder: 'URL', help: 'with --market mirror: the venue mirrored, an API base URL (http(s)://HOST, WebSocket at /ws) or a ws(s):// URL', default: 'https://api.hyperliquid.xyz' },
  { name: 'upstream-timeout', kind: 'string', placeholder: 'MS', help: 'with --market mirror: upstream silent this long ⇒ simulated market', default: String(DEFAULT_UPSTREAM.timeoutMs) },
  { name: 'step-ms', kind: 'string', placeholder: 'MS', help: 'market step (book, trades, WebSocket pushes)', default: '500' },
  { name: 'accounts', kind: 'string', placeholder: 'any|named', help: 'who gets an account: any signer, or only addresses named in /info or a subscription', default: 'any' },
  { name: 'max-accounts', kind: 'string', placeholder: 'N', help: 'accounts kept at most (a new signer beyond them is refused; reading an address creates none)', default: '1000' },
  { name: 'faults', kind: 'string', placeholder: 'SPEC', help: 'inject faults, e.g. drop-after-act=0.1,5xx=0.05,delay=200ms@0.2,429=0.02,ws-cut=30s,seed=7 (see the localnet README)' },
  { name: 'state', kind: 'string', placeholder: 'FILE', help: 'keep the accounts (balances, positions, orders, fills, nonces) in FILE across restarts; saved before every answer' },
  { name: 'testnet', kind: 'flag', help: 'verify signatures as testnet (L1 source "b", hyperliquidChain "Testnet")' },
];

/** Runs the venue until `stop` settles; the command passes a promise settled by SIGINT/SIGTERM. */
export async function runVenue(args: ParsedArgs, io: CommandIO, stop: Promise<unknown>): Promise<number> {
  const port = numberOption(args, 'port', (n) => (Number.isInteger(n) && n >= 0 && n < 65_536 ? undefined : 'must be a port number')) as number;
  const balance = numberOption(args, 'balance', (n) => (n >= 0 ? undefined : 'must be ≥ 0')) as number;
  const seed = numberOption(args, 'seed', (n) => (Number.isInteger(n) && n >= 0 ? undefined : 'must be an integer ≥ 0')) as number;
  const stepMs = numberOption(args, 'step-ms', (n) => (Number.isInteger(n) && n >= 10 ? undefined : 'must be an integer ≥ 10')) as number;
  const accounts = choiceOption(args, 'accounts', ['any', 'named'] as const);
  const maxAccounts = numberOption(args, 'max-accounts', (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'must be an integer ≥ 1')) as number;
  const marketArg = args.values.get('market') as string;
  const replaying = marketArg.startsWith('replay:');
  const market = replaying ? 'replay' : choiceOption(args, 'market', ['legacy', 'sim', 'mirror'] as const);
  const speed = numberOption(args, 'replay-speed', (n) => (n > 0 ? undefined : 'must be > 0')) as number;
  const timeoutMs = numberOption(args, 'upstream-timeout', (n) => (Number.isInteger(n) && n >= 100 ? undefined : 'must be an integer ≥ 100 (ms)')) as number;
  const upstream = { wsUrl: parseUpstreamUrl(args.values.get('upstream') as string), timeoutMs };
  let symbols = parseSymbols(args.values.get('symbols') as string);
  const faultSpec = args.values.get('faults');
  const faults = faultSpec !== undefined ? parseFaults(faultSpec) : undefined;
  // --market replay:RUN: the store stays open while the venue reads the recording.
  let store: Store | undefined;
  try {
    let replay: ReplayOptions | undefined;
    if (replaying) {
      store = openStore(existingStore(args, io.cwd, 'sextant record writes recordings there').path, { clock: new LiveClock() });
      const r = await openReplayMarket(store.recordings, marketArg, symbols.map((x) => x.name), speed);
      symbols = symbols.map((x) => ({ ...x, startPrice: r.startPrices.get(x.name) ?? x.startPrice }));
      replay = r.replay;
    }
    const opts = defaultVenueOptions({ symbols, balance, seed, stepMs, market, upstream, accounts, maxAccounts, testnet: args.flags.has('testnet'), stateFile: args.values.get('state'), ...(replay !== undefined ? { replay } : {}) });
    const running = await startLocalVenue(opts, { host: args.values.get('host'), port, ...(faults !== undefined ? { faults } : {}) }, (line) => io.err(line + '\n'));
    io.out(running.banner);
    await stop;
    await running.close();
  } finally {
    await store?.close();
  }
  io.err('local venue stopped\n');
  return 0;
}

export const venueCommand: Command = {
  name: 'venue',
  summary: 'run a local Hyperliquid-compatible venue (simulated or mirrored market, signed orders, WebSocket) for clients and paper trading',
  usage: 'sextant venue [--port P] [--balance 10000] [--seed N] [--market sim|legacy|mirror|replay:RUN] [--db PATH] [--replay-speed X] [--upstream URL] [--upstream-timeout MS] [--symbols BTC,ETH,SOL] [--accounts any|named] [--max-accounts 1000] [--faults SPEC] [--state FILE] [--testnet]',
  options: OPTIONS,
  run(args: ParsedArgs, io: CommandIO): Promise<number> {
    let release = (): void => {};
    const stop = new Promise<void>((resolve) => {
      release = resolve;
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      // Its log goes to stderr: once that reader is gone the venue stops rather than run unseen.
      io.closed.addEventListener('abort', () => resolve(), { once: true });
    });
    return runVenue(args, io, stop).finally(() => {
      process.removeListener('SIGINT', release);
      process.removeListener('SIGTERM', release);
    });
  },
};

// Composition root of `sextant venue`: the local venue on the live clock, served on HTTP/WebSocket, with a banner.
import type { Clock } from '../core/clock.js';
import { LiveClock } from '../core/live-clock.js';
import { describeFaults, FaultInjector, type FaultPlan } from '../localnet/hyperliquid/fault-injection.js';
import { serveLocalVenue, type RunningVenue } from '../localnet/hyperliquid/http-server.js';
import { LocalVenue } from '../localnet/hyperliquid/local-venue.js';
import type { LocalVenueOptions } from '../localnet/hyperliquid/venue-options.js';

export interface StartedVenue extends RunningVenue {
  readonly venue: LocalVenue;
  /** What to print on start: the URLs, the symbols and the balance rule. */
  readonly banner: string;
}

export async function startLocalVenue(opts: LocalVenueOptions, server: { host?: string; port: number; faults?: FaultPlan }, log: (line: string) => void, clock: Clock = new LiveClock()): Promise<StartedVenue> {
  const venue = new LocalVenue(opts, clock, (address, how) => log(`new account ${address} (${how}): credited ${opts.balance} USDC`), log);
  const running = await serveLocalVenue(venue, { host: server.host, port: server.port, tickMs: opts.stepMs, log, ...(server.faults !== undefined ? { faults: new FaultInjector(server.faults) } : {}), onError: (e) => log(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) });
  const symbols = opts.symbols.map((s) => `${s.name} (asset ${venue.feed.market(s.name)?.asset}, szDecimals ${s.szDecimals}, ${s.maxLeverage}x)`).join(', ');
  const banner = [
    'SIMULATED DATA: local Hyperliquid-compatible venue (no real market, no real money)',
    `info       POST ${running.url}/info`,
    `exchange   POST ${running.url}/exchange  (${opts.testnet ? 'testnet, L1 source "b"' : 'mainnet, L1 source "a"'})`,
    `websocket  ${running.wsUrl}`,
    `api url    ${running.url}   (give this to clients as their API base URL)`,
    `symbols    ${symbols}`,
    `market     seeded random walk (seed ${opts.seed}), a step every ${opts.stepMs} ms`,
    opts.accounts === 'any'
      ? `balance    every address gets ${opts.balance} USDC the first time it signs an action or receives a usdSend (reading an address creates none)`
      : `balance    addresses named in /info or a subscription get ${opts.balance} USDC on their first signed action; other signers are refused (--accounts named)`,
    ...(server.faults !== undefined ? [describeFaults(server.faults)] : []),
    opts.stateFile !== undefined ? `state      ${opts.stateFile} (accounts, orders, fills and nonces survive a restart; the market restarts from its seed)` : 'state      in memory only (--state FILE keeps the accounts across restarts)',
    'stop       Ctrl-C',
    '',
  ].join('\n');
  return {
    ...running,
    venue,
    banner,
    close: async () => {
      try {
        await running.close();
      } finally {
        venue.close();
      }
    },
  };
}

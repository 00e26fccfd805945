// Composition root of `sextant venue`: the local venue on the live clock, served on HTTP/WebSocket, with a banner.
import type { Scheduler } from '../core/clock.js';
import { LiveClock } from '../core/live-clock.js';
import { describeFaults, FaultInjector, type FaultPlan } from '../localnet/hyperliquid/fault-injection.js';
import { serveLocalVenue, type RunningVenue } from '../localnet/hyperliquid/http-server.js';
import { LocalVenue } from '../localnet/hyperliquid/local-venue.js';
import { DEFAULT_UPSTREAM, type LocalVenueOptions } from '../localnet/hyperliquid/venue-options.js';

export interface StartedVenue extends RunningVenue {
  readonly venue: LocalVenue;
  /** What to print on start: the URLs, the symbols and the balance rule. */
  readonly banner: string;
}

export async function startLocalVenue(opts: LocalVenueOptions, server: { host?: string; port: number; faults?: FaultPlan }, log: (line: string) => void, clock: Scheduler = new LiveClock()): Promise<StartedVenue> {
  const venue = new LocalVenue(opts, clock, (address, how) => log(`new account ${address} (${how}): credited ${opts.balance} USDC`), log);
  let running: RunningVenue;
  try {
    running = await serveLocalVenue(venue, { host: server.host, port: server.port, tickMs: opts.stepMs, log, ...(server.faults !== undefined ? { faults: new FaultInjector(server.faults) } : {}), onError: (e) => log(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) });
  } catch (e) {
    await venue.close();
    throw e;
  }
  // A mirror waits for upstream's first books (or the fall-back) so that no client sees the placeholder book.
  try {
    await venue.marketReady();
  } catch (e) {
    await running.close();
    await venue.close();
    throw e;
  }
  const symbols = opts.symbols.map((s) => `${s.name} (asset ${venue.feed.market(s.name)?.asset}, szDecimals ${s.szDecimals}, ${s.maxLeverage}x)`).join(', ');
  const upstream = (opts.upstream ?? DEFAULT_UPSTREAM).wsUrl;
  const banner = [
    opts.market === 'mirror' && !venue.simulated
      ? `MIRRORED DATA: local Hyperliquid-compatible venue on the live books and trades of ${upstream} (orders fill locally, no real money)`
      : 'SIMULATED DATA: local Hyperliquid-compatible venue (no real market, no real money)',
    `info       POST ${running.url}/info`,
    `exchange   POST ${running.url}/exchange  (${opts.testnet ? 'testnet, L1 source "b"' : 'mainnet, L1 source "a"'})`,
    `websocket  ${running.wsUrl}`,
    `api url    ${running.url}   (give this to clients as their API base URL)`,
    `symbols    ${symbols}`,
    `market     ${marketLine(opts, venue.simulated, upstream)}`,
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
        await venue.close();
      }
    },
  };
}

function marketLine(opts: LocalVenueOptions, simulated: boolean, upstream: string): string {
  if (opts.market === 'sim') return `market simulator (seed ${opts.seed}), a step every ${opts.stepMs} ms`;
  if (opts.market === 'replay') return `replay of ${opts.replay?.label ?? 'a recording'} at ${opts.replay?.speed ?? 1}x its recorded pace, then the market simulator from its last mids; a step every ${opts.stepMs} ms`;
  if (opts.market !== 'mirror') return `seeded random walk (seed ${opts.seed}), a step every ${opts.stepMs} ms`;
  const timeout = (opts.upstream ?? DEFAULT_UPSTREAM).timeoutMs;
  return [
    `mirror of ${upstream}, ${simulated ? 'now SIMULATED (upstream unreachable; the log says when mirroring resumes)' : 'now mirroring'}; `,
    `the market simulator takes over from the last mirrored mids when upstream is silent for ${timeout} ms, mirroring resumes when it is back; a step every ${opts.stepMs} ms`,
  ].join('');
}

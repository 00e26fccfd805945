// The composition root of `sextant record`: wires the wall clock, timers, the REST repair gateway and the store to a recording session.
import { LiveClock } from '../core/live-clock.js';
import { createRng } from '../core/rng.js';
import type { BatchSettings } from '../ingest/hyperliquid/recording-writer.js';
import { recordHyperliquid, type RecordSummary } from '../ingest/hyperliquid/record-session.js';
import { openStore } from '../store/open-store.js';
import { HttpTransport, RestGateway, resolveEndpoints, type HyperliquidNetwork } from '../venues/hyperliquid/transport/index.js';

export interface RecordSpec {
  /** The SQLite store (an absolute path, checked by the caller). */
  readonly dbFile: string;
  /** Store venue name. */
  readonly venue: string;
  readonly symbols: readonly string[];
  readonly channels: readonly string[];
  readonly interval: string;
  readonly network: HyperliquidNetwork;
  /** WebSocket URL instead of the network's (a local venue). */
  readonly wsUrl?: string;
  /** REST base URL for gap repairs; default: the host of `wsUrl` when given, else the network's. */
  readonly httpUrl?: string;
  /** Fetch missed trades and books over REST after a reconnect. */
  readonly repair: boolean;
  readonly maxFrames?: number;
  readonly batch: BatchSettings;
}

export interface RecordIO {
  /** The live count line. */
  readonly progress: (line: string) => void;
  /** Connection health, bad frames and write failures. */
  readonly log: (line: string) => void;
  /** Ends the recording (Ctrl-C, a closed pipe); the open batch is flushed first. */
  readonly signal: AbortSignal;
}

/** Records until the signal aborts (or `maxFrames`); returns the recording's id and counts. */
export async function recordMarketData(spec: RecordSpec, io: RecordIO): Promise<RecordSummary> {
  // A WebSocket URL of its own (a local venue) without a REST URL: repairs go to that same host, never to the network's.
  const httpUrl = spec.httpUrl ?? (spec.wsUrl === undefined ? undefined : sameHostRest(spec.wsUrl));
  const endpoints = resolveEndpoints({ network: spec.network, wsUrl: spec.wsUrl, httpUrl }, 'record');
  const clock = new LiveClock();
  // Timers hold the process open: during a reconnect's back-off nothing else may be pending.
  const scheduler = new LiveClock({ keepAlive: true });
  const rng = createRng(clock.now() % 2_147_483_647);
  const info = spec.repair ? new RestGateway({ rest: new HttpTransport({ httpUrl: endpoints.httpUrl, scheduler }), scheduler, rng }) : undefined;
  const store = openStore(spec.dbFile, { clock });
  try {
    return await recordHyperliquid(
      {
        symbols: spec.symbols,
        channels: spec.channels,
        interval: spec.interval,
        wsUrl: endpoints.wsUrl,
        ...(spec.repair ? { httpUrl: endpoints.httpUrl } : {}),
        network: spec.network,
        venue: spec.venue,
        maxFrames: spec.maxFrames,
      },
      { store: store.recordings, scheduler, clock, rng, ...(info !== undefined ? { info } : {}), signal: io.signal, progress: io.progress, log: io.log, batch: spec.batch },
    );
  } finally {
    await store.close();
  }
}

/** `ws://host:port/ws` → `http://host:port` (wss → https); unparsable URLs are left to the endpoint check to name. */
function sameHostRest(wsUrl: string): string | undefined {
  if (!URL.canParse(wsUrl)) return undefined;
  const u = new URL(wsUrl);
  return `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`;
}

// The composition root of `sextant download`: wires the wall clock, a rate-limited REST gateway and the store to the downloader.
import { LiveClock } from '../core/live-clock.js';
import { createRng } from '../core/rng.js';
import { downloadHyperliquidHistory, type DownloadSummary } from '../ingest/hyperliquid/download.js';
import { openStore } from '../store/open-store.js';
import { HttpTransport, RestGateway, resolveEndpoints, type HyperliquidNetwork } from '../venues/hyperliquid/transport/index.js';

export interface DownloadSpec {
  /** The SQLite store (an absolute path, checked by the caller). */
  readonly dbFile: string;
  readonly symbols: readonly string[];
  readonly interval: string;
  /** First bar's open time, ms UTC. */
  readonly from: number;
  /** End (exclusive), ms UTC; default now. */
  readonly to?: number;
  readonly network: HyperliquidNetwork;
  /** REST base URL instead of the network's (a local venue). */
  readonly httpUrl?: string;
  readonly retries: number;
  readonly funding: boolean;
}

export interface DownloadIO {
  /** Progress and retry lines. */
  readonly progress: (line: string) => void;
  /** Stops the download (Ctrl-C, a closed pipe); the pages stored before it stay. */
  readonly signal: AbortSignal;
}

/** Downloads candles (and funding) of every symbol into the store; one summary per symbol. */
export async function downloadHistory(spec: DownloadSpec, io: DownloadIO): Promise<DownloadSummary[]> {
  const clock = new LiveClock();
  const endpoints = resolveEndpoints({ network: spec.network, httpUrl: spec.httpUrl }, 'download');
  // Kept alive: between requests the only thing pending may be a backoff sleep on these timers.
  const scheduler = new LiveClock({ keepAlive: true });
  const rng = createRng(clock.now() % 2_147_483_647);
  const rest = new RestGateway({ rest: new HttpTransport({ httpUrl: endpoints.httpUrl, scheduler }), scheduler, rng });
  const store = openStore(spec.dbFile, { clock });
  try {
    return await downloadHyperliquidHistory(
      { symbols: spec.symbols, interval: spec.interval, from: spec.from, to: spec.to ?? clock.now(), funding: spec.funding },
      { rest, store, source: endpoints.httpUrl, scheduler, rng, retries: spec.retries, progress: io.progress, signal: io.signal },
    );
  } finally {
    await store.close();
  }
}

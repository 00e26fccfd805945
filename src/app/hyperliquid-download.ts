// Downloads Hyperliquid candles and funding history into the store: paged, resumable (only missing ranges), idempotent.
import { formatInterval, parseInterval } from '../core/bars.js';
import { BadInputError, RetryableError } from '../core/errors.js';
import type { Store } from '../store/ports.js';
import { candleSnapshotToBars } from '../venues/hyperliquid/parse/candles.js';
import { parseFundingHistory } from '../venues/hyperliquid/parse/market-data.js';
import { sleep, type Scheduler } from '../venues/hyperliquid/transport/scheduler.js';

/** The one call the downloader needs from the HTTP transport. */
export interface InfoReader {
  info(body: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
}

export interface DownloadRequest {
  readonly symbols: readonly string[];
  /** A fixed-length interval (1m … 1w); calendar months have no fixed length and are refused. */
  readonly interval: string;
  /** [from, to) in ms UTC. */
  readonly from: number;
  readonly to: number;
  /** Also fetch funding history (default true). */
  readonly funding?: boolean;
  /** Store venue name (default `hyperliquid`). */
  readonly venue?: string;
}

export interface DownloadDeps {
  readonly http: InfoReader;
  readonly store: Store;
  readonly scheduler: Scheduler;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Retries of a rate-limited or failed read before giving up (default 8; backoff 1 s doubling to 60 s). */
  readonly maxRetries?: number;
}

export interface DownloadSummary {
  readonly symbol: string;
  readonly barsFetched: number;
  readonly barsNew: number;
  readonly fundingFetched: number;
  readonly requests: number;
}

/** Funding history pages hold at most this many rows (the venue's limit for time-range queries). */
const FUNDING_PAGE = 500;

export async function downloadHyperliquidHistory(req: DownloadRequest, deps: DownloadDeps): Promise<DownloadSummary[]> {
  if (req.interval === '1M') throw new BadInputError('--interval', '1M (calendar months) has no fixed length; use 1w or shorter');
  const intervalMs = parseInterval(req.interval, '--interval');
  if (!(req.to > req.from)) throw new BadInputError('--to', 'must be after --from');
  if (req.symbols.length === 0) throw new BadInputError('--symbols', 'give at least one symbol');
  const venue = req.venue ?? 'hyperliquid';
  const out: DownloadSummary[] = [];
  for (const symbol of req.symbols) {
    const counter = { requests: 0 };
    const read = (body: unknown): Promise<unknown> => withRetries(() => deps.http.info(body, { signal: deps.signal }), deps, counter);
    const { fetched, inserted } = await downloadCandles(symbol, intervalMs, req, venue, deps, read);
    const fundingFetched = req.funding === false ? 0 : await downloadFunding(symbol, req, venue, deps, read);
    out.push({ symbol, barsFetched: fetched, barsNew: inserted, fundingFetched, requests: counter.requests });
    deps.progress?.(`${symbol} ${formatInterval(intervalMs)}: ${fetched} bars fetched (${inserted} new), ${fundingFetched} funding rates, ${counter.requests} requests\n`);
  }
  return out;
}

/** The parts of [from, to) not already covered by the stored series (at most two: before and after it). */
async function missingRanges(symbol: string, intervalMs: number, req: DownloadRequest, venue: string, store: Store): Promise<[number, number][]> {
  const info = (await store.candles.listSeries()).find((s) => s.venue === venue && s.symbol === symbol && s.intervalMs === intervalMs);
  if (!info) return [[req.from, req.to]];
  const ranges: [number, number][] = [];
  if (req.from < info.from) ranges.push([req.from, Math.min(req.to, info.from)]);
  const after = info.to + intervalMs;
  if (req.to > after) ranges.push([Math.max(req.from, after), req.to]);
  return ranges;
}

async function downloadCandles(
  symbol: string,
  intervalMs: number,
  req: DownloadRequest,
  venue: string,
  deps: DownloadDeps,
  read: (body: unknown) => Promise<unknown>,
): Promise<{ fetched: number; inserted: number }> {
  let fetched = 0;
  let inserted = 0;
  const expected = Math.ceil((req.to - req.from) / intervalMs);
  for (const [start, end] of await missingRanges(symbol, intervalMs, req, venue, deps.store)) {
    let cursor = start;
    while (cursor < end) {
      // endTime is inclusive at the venue: stop one ms before the range end.
      const body = { type: 'candleSnapshot', req: { coin: symbol, interval: req.interval, startTime: cursor, endTime: end - 1 } };
      const bars = candleSnapshotToBars(await read(body), symbol);
      if (bars.length === 0) break;
      const counts = await deps.store.candles.upsertBars(venue, bars, intervalMs);
      fetched += bars.length;
      inserted += counts.inserted;
      const last = bars.time[bars.length - 1];
      if (!(last >= cursor)) throw new RetryableError(`hyperliquid candleSnapshot ${symbol}: page ended before its start time ${cursor}`);
      cursor = last + intervalMs;
      deps.progress?.(`${symbol} ${formatInterval(intervalMs)}: ${fetched}/${expected} bars, up to ${new Date(last).toISOString()}\n`);
    }
  }
  return { fetched, inserted };
}

async function downloadFunding(symbol: string, req: DownloadRequest, venue: string, deps: DownloadDeps, read: (body: unknown) => Promise<unknown>): Promise<number> {
  let cursor = req.from;
  let fetched = 0;
  while (cursor < req.to) {
    const points = parseFundingHistory(await read({ type: 'fundingHistory', coin: symbol, startTime: cursor, endTime: req.to - 1 }));
    const inRange = points.filter((p) => p.time >= cursor && p.time < req.to);
    if (inRange.length > 0) await deps.store.funding.upsertFunding(venue, symbol, inRange.map((p) => ({ time: p.time, rate: p.rate })));
    fetched += inRange.length;
    if (points.length < FUNDING_PAGE || inRange.length === 0) break;
    cursor = inRange[inRange.length - 1].time + 1;
  }
  return fetched;
}

/** Retries retryable failures (429, 5xx, timeouts) with doubling backoff; anything else propagates at once. */
async function withRetries<T>(call: () => Promise<T>, deps: DownloadDeps, counter: { requests: number }): Promise<T> {
  const max = deps.maxRetries ?? 8;
  for (let attempt = 0; ; attempt++) {
    counter.requests++;
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof RetryableError) || attempt >= max) throw e;
      const wait = e.retryAfterMs ?? Math.min(60_000, 1_000 * 2 ** attempt);
      deps.progress?.(`hyperliquid: ${e.message}; retrying in ${Math.round(wait / 1000)} s\n`);
      await sleep(deps.scheduler, wait, deps.signal);
    }
  }
}

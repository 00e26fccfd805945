// Downloads Hyperliquid candles and funding history into the store: only unsettled ranges, forming bars marked, empty ranges remembered.
import { barOpenAt, formatInterval, parseInterval, sliceBars } from '../../core/bars.js';
import { isoTime } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import { uncoveredRanges, type TimeRange } from '../../core/time-ranges.js';
import type { Store } from '../../store/ports.js';
import { candleSnapshotToBars } from '../../venues/hyperliquid/parse/candles.js';
import { parseFundingHistory } from '../../venues/hyperliquid/parse/market-data.js';
import { candlesClosedBy } from './candle-close.js';
import { readWithRetries, type InfoReader, type RetryPolicy } from './retrying-read.js';

export type { InfoReader } from './retrying-read.js';

export interface DownloadRequest {
  readonly symbols: readonly string[];
  /** A fixed-length interval (1m … 1w); calendar months have no fixed length and are refused. */
  readonly interval: string;
  /** Bars with from ≤ open time < to, ms UTC. */
  readonly from: number;
  readonly to: number;
  /** Also fetch funding history (default true). */
  readonly funding?: boolean;
  /** Store venue name (default `hyperliquid`). */
  readonly venue?: string;
}

export interface DownloadDeps extends RetryPolicy {
  /** The venue's /info through the rate limits (a RestGateway). */
  readonly rest: InfoReader;
  readonly store: Store;
  /** The REST base URL, for messages. */
  readonly source: string;
}

export interface DownloadSummary {
  readonly symbol: string;
  readonly barsFetched: number;
  readonly barsNew: number;
  /** Bars stored as not final (their interval had not closed when the venue answered). */
  readonly barsForming: number;
  /** Bar slots the venue confirmed empty (no trades), now remembered. */
  readonly barsEmpty: number;
  /** Bar slots the venue returned nothing for and cannot be confirmed empty (older than its newest 5000 candles). */
  readonly barsUnavailable: number;
  readonly fundingFetched: number;
  readonly requests: number;
}

/** Funding history pages hold at most this many rows (the venue's limit for time-range queries). */
const FUNDING_PAGE = 500;
/** The venue keeps only the newest 5000 candles of an interval (hyperliquid.md §2). */
const CANDLES_KEPT = 5000;

export async function downloadHyperliquidHistory(req: DownloadRequest, deps: DownloadDeps): Promise<DownloadSummary[]> {
  if (req.interval === '1M') throw new BadInputError('--interval', '1M (calendar months) has no fixed length; use 1w or shorter');
  const intervalMs = parseInterval(req.interval, '--interval');
  if (!(req.to > req.from)) throw new BadInputError('--to', 'must be after --from');
  if (req.symbols.length === 0) throw new BadInputError('--symbols', 'give at least one symbol');
  const venue = req.venue ?? 'hyperliquid';
  const out: DownloadSummary[] = [];
  for (const symbol of req.symbols) {
    const counter = { requests: 0 };
    const c = await downloadCandles(new CandleSeriesJob(symbol, intervalMs, req, venue, deps, counter));
    const fundingFetched = req.funding === false ? 0 : await downloadFunding(symbol, req, venue, deps, counter);
    out.push({ symbol, ...c, fundingFetched, requests: counter.requests });
    const parts = [
      `${c.barsFetched} bars fetched`,
      `${c.barsNew} new`,
      c.barsForming > 0 ? `${c.barsForming} forming (stored as not final)` : '',
      c.barsEmpty > 0 ? `${c.barsEmpty} empty (no trades)` : '',
      c.barsUnavailable > 0 ? `${c.barsUnavailable} not available from the venue (older than its newest 5000 candles)` : '',
      `${fundingFetched} funding rates`,
      `${counter.requests} request${counter.requests === 1 ? '' : 's'}`,
    ];
    deps.progress?.(`${symbol} ${formatInterval(intervalMs)}: ${parts.filter((x) => x !== '').join(', ')}\n`);
  }
  return out;
}

type CandleCounts = Pick<DownloadSummary, 'barsFetched' | 'barsNew' | 'barsForming' | 'barsEmpty' | 'barsUnavailable'>;

/** One symbol's candle download: the grid, the counters, and the answers turned into stored bars and empty ranges. */
class CandleSeriesJob {
  readonly counts = { barsFetched: 0, barsNew: 0, barsForming: 0, barsEmpty: 0, barsUnavailable: 0 };
  /** Bar slots in the ranges this run fetches (for progress). */
  toFetch = 0;

  constructor(
    readonly symbol: string,
    readonly intervalMs: number,
    readonly req: DownloadRequest,
    readonly venue: string,
    readonly deps: DownloadDeps,
    readonly counter: { requests: number },
  ) {}

  /** The first open time on the bar grid (weeks open on Mondays) at or after t. */
  up(t: number): number {
    const open = barOpenAt(t, this.intervalMs);
    return open === t ? t : open + this.intervalMs;
  }

  slots(r: TimeRange): number {
    return Math.max(0, Math.round((r[1] - r[0]) / this.intervalMs));
  }

  /** Fetches [a, b) once: stores its bars, remembers proven-empty slots, and returns the sub-ranges still to ask for. */
  async fetch(a: number, b: number): Promise<TimeRange[]> {
    const { symbol, intervalMs, deps } = this;
    const what = `candleSnapshot ${symbol} ${formatInterval(intervalMs)} [${isoTime(a)}, ${isoTime(b)})`;
    // endTime is inclusive at the venue: stop one ms before the range end.
    const body = { type: 'candleSnapshot', req: { coin: symbol, interval: this.req.interval, startTime: a, endTime: b - 1 } };
    const answer = await readWithRetries(deps.rest, body, { source: deps.source, what }, deps, this.counter);
    const parsed = candleSnapshotToBars(answer.value, symbol);
    // Candles of another interval stored under this one would leave most slots "confirmed empty" for good.
    if (parsed.length > 0 && parsed.intervalMs !== intervalMs) {
      throw new BadInputError(deps.source, `${what}: the venue answered with ${parsed.intervalMs === undefined ? 'calendar-month' : formatInterval(parsed.intervalMs)} candles`);
    }
    // The venue also returns a candle that opened before startTime and is still open at it.
    const bars = sliceBars(parsed, a, b);
    const closedBy = candlesClosedBy(answer.asOf);
    // Slots the venue would still have (its newest 5000 candles reach at least this far back) and slots that have closed.
    const kept = this.up(answer.asOf - (CANDLES_KEPT - 1) * intervalMs);
    const closed = barOpenAt(closedBy, intervalMs);
    const provenEmpty = (r: TimeRange, keptFrom = kept): TimeRange | undefined => {
      const from = Math.max(r[0], keptFrom);
      const to = Math.min(r[1], closed);
      return to > from ? [from, to] : undefined;
    };
    if (bars.length === 0) {
      // Nothing in [a, b): empty where the venue keeps candles and the slots closed; the rest stays missing.
      const e = provenEmpty([a, b]);
      if (e !== undefined) await this.markEmpty([e]);
      this.counts.barsUnavailable += this.slots([a, Math.min(b, Math.max(a, kept))]);
      return [];
    }
    const c = await deps.store.candles.upsertBars(this.venue, bars, intervalMs, { closedBy });
    this.counts.barsFetched += bars.length;
    this.counts.barsNew += c.inserted;
    for (let i = 0; i < bars.length; i++) if (bars.time[i] + intervalMs > closedBy) this.counts.barsForming++;
    // Between two candles of one answer the venue had no candle: those slots are empty (no trades),
    // however old (the venue holds candles on both sides).
    const empty: TimeRange[] = [];
    for (let i = 1; i < bars.length; i++) {
      const e = bars.time[i] - bars.time[i - 1] > intervalMs ? provenEmpty([bars.time[i - 1] + intervalMs, bars.time[i]], bars.time[0]) : undefined;
      if (e !== undefined) empty.push(e);
    }
    if (empty.length > 0) await this.markEmpty(empty);
    const last = bars.time[bars.length - 1];
    const pct = this.toFetch > 0 ? ` (${Math.min(100, Math.floor((100 * this.counts.barsFetched) / this.toFetch))}%)` : '';
    deps.progress?.(`${symbol} ${formatInterval(intervalMs)}: ${this.counts.barsFetched}/${this.toFetch} bars${pct}, up to ${isoTime(last)}\n`);
    // Before the first and after the last candle the answer proves nothing (a page limit, or no trades): ask again.
    const next: TimeRange[] = [];
    if (bars.time[0] > a) next.push([a, bars.time[0]]);
    if (last + intervalMs < b) next.push([last + intervalMs, b]);
    return next;
  }

  private async markEmpty(ranges: TimeRange[]): Promise<void> {
    await this.deps.store.candles.markEmpty(this.venue, this.symbol, this.intervalMs, ranges);
    for (const r of ranges) this.counts.barsEmpty += this.slots(r);
  }
}

/**
 * Fetches every range of the request that is not settled in the store (final bars and confirmed-empty
 * ranges are settled; missing and forming bars are not). Each answer's bars are stored at once (one
 * transaction per page), so an interruption keeps every page before it.
 */
async function downloadCandles(job: CandleSeriesJob): Promise<CandleCounts> {
  const { store } = job.deps;
  // Bars with open time < to are the slots before the first grid time at or after it.
  const from = job.up(job.req.from);
  const to = job.up(job.req.to);
  if (from >= to) return job.counts;
  const settled = await store.candles.settledRanges(job.venue, job.symbol, job.intervalMs, from, to);
  // Depth first, oldest first: each follow-up range is strictly inside the one it came from, so this ends.
  const todo = uncoveredRanges(from, to, settled).reverse();
  job.toFetch = todo.reduce((n, r) => n + job.slots(r), 0);
  for (let r = todo.pop(); r !== undefined; r = todo.pop()) {
    const next = await job.fetch(r[0], r[1]);
    for (let i = next.length - 1; i >= 0; i--) todo.push(next[i]);
  }
  return job.counts;
}

async function downloadFunding(symbol: string, req: DownloadRequest, venue: string, deps: DownloadDeps, counter: { requests: number }): Promise<number> {
  let cursor = req.from;
  let fetched = 0;
  while (cursor < req.to) {
    const what = `fundingHistory ${symbol} [${isoTime(cursor)}, ${isoTime(req.to)})`;
    const answer = await readWithRetries(deps.rest, { type: 'fundingHistory', coin: symbol, startTime: cursor, endTime: req.to - 1 }, { source: deps.source, what }, deps, counter);
    const points = parseFundingHistory(answer.value);
    const inRange = points.filter((p) => p.time >= cursor && p.time < req.to);
    if (inRange.length > 0) await deps.store.funding.upsertFunding(venue, symbol, inRange.map((p) => ({ time: p.time, rate: p.rate })));
    fetched += inRange.length;
    if (points.length < FUNDING_PAGE || inRange.length === 0) break;
    cursor = inRange[inRange.length - 1].time + 1;
  }
  return fetched;
}

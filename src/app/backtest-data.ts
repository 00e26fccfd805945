// Loads what a backtest runs on: a bar file, stored bars (with their stored funding), or a recording (its trades and books as tick events, bars from its candles).
import { formatInterval, parseInterval, type BarSeries } from '../core/bars.js';
import type { Clock } from '../core/clock.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import { BOOK, TRADE } from '../market/market-events.js';
import type { FundingRates } from '../store/formats/funding-file.js';
import { readBarFile, type BarFileFormat } from '../store/formats/read-bar-file.js';
import { requireExistingStore, withStore } from '../store/open-store.js';
import type { DataRef } from './backtest-spec.js';
import { replayFrames } from './recording-replay.js';

export interface LoadedData {
  readonly series: BarSeries[];
  /** Tick events in the order the kernel takes them. */
  readonly events: Envelope[];
  /** Recorded live streams step by receive time (recording-replay.ts); files and history by venue time. */
  readonly stepBy: 'tsEvent' | 'tsInit';
  /** Funding stored beside the bars, by symbol. */
  readonly funding: ReadonlyMap<string, FundingRates>;
  /** The venue the data is from, when known (it picks the default fee schedule). */
  readonly venue: string | undefined;
  /** Human description of where the data came from. */
  readonly source: string;
  readonly ref: DataRef;
  /** What the user should know about the data (e.g. forming bars left out). */
  readonly notes?: readonly string[];
}

/** A bar file, format detected unless given; `--symbol` / `--interval` fill what the file lacks. */
export async function loadFileData(path: string, opts: { format?: BarFileFormat; symbol?: string; interval?: string }): Promise<LoadedData> {
  const read = await readBarFile(path, opts);
  return {
    series: read.series,
    events: [],
    stepBy: 'tsEvent',
    funding: new Map(),
    venue: undefined,
    source: path,
    ref: { kind: 'file', file: { path, sha256: read.fileSha256 }, format: read.format, symbol: opts.symbol ?? null, interval: opts.interval ?? null },
  };
}

function fundingOf(points: readonly { time: number; rate: number }[]): FundingRates {
  return { time: Float64Array.from(points, (p) => p.time), rate: Float64Array.from(points, (p) => p.rate) };
}

/** Stored bars of `symbols` at `interval` from `venue`, and the settled funding stored for them. */
export function loadStoredData(db: string, venue: string, symbols: readonly string[], interval: string, clock: Clock): Promise<LoadedData> {
  const intervalMs = parseInterval(interval, '--interval');
  if (symbols.length === 0) throw new BadInputError('--symbols', 'expected a comma-separated list of symbols');
  requireExistingStore(db, 'store bars first: sextant import --file FILE, or sextant download');
  return withStore(db, { clock }, async (store) => {
    const series: BarSeries[] = [];
    const funding = new Map<string, FundingRates>();
    const notes: string[] = [];
    const catalogue = await store.candles.listSeries();
    for (const symbol of symbols) {
      // Forming bars (stored before their interval closed) are not history yet: a later download replaces
      // them, which would also make a rerun of this run differ. They are left out, and said so.
      const s = await store.candles.loadBars(venue, symbol, intervalMs, undefined, undefined, { finalOnly: true });
      const all = catalogue.find((x) => x.venue === venue && x.symbol === symbol && x.intervalMs === intervalMs)?.bars ?? 0;
      if (all > s.length) notes.push(`${symbol}: ${all - s.length} forming bar${all - s.length === 1 ? '' : 's'} (stored before ${all - s.length === 1 ? 'its' : 'their'} interval closed) left out; the next sextant download replaces ${all - s.length === 1 ? 'it' : 'them'}`);
      if (s.length === 0) {
        const stored = catalogue.map((x) => `${x.venue}/${x.symbol}/${formatInterval(x.intervalMs)}`);
        throw new BadInputError(`--symbols ${symbol}`, `no ${formatInterval(intervalMs)} bars of ${symbol} (venue ${venue}) in ${db}; stored: ${stored.join(', ') || 'nothing yet (see sextant import)'}`);
      }
      series.push(s);
      const points = await store.funding.loadFunding(venue, symbol);
      if (points.length > 0) funding.set(symbol, fundingOf(points));
    }
    return { series, events: [], stepBy: 'tsEvent' as const, funding, venue, source: `${db} (${venue}, ${formatInterval(intervalMs)})`, ref: { kind: 'store' as const, db, venue, symbols: [...symbols], interval }, notes };
  });
}

/**
 * A recording as backtest data: its trades and l2Book snapshots as tick events, decoded from the
 * raw frames in arrival order with their receive times (the kernel steps by receive time, as the
 * live kernel did); bars from the candles stored for its symbols that closed while it ran (a bar
 * is delivered at its close, so one closing after the last frame would show the future); funding
 * from the settled rates stored for the venue (`sextant download`), never from the predicted
 * rates of asset contexts.
 */
export function loadRecordingData(db: string, id: number, clock: Clock): Promise<LoadedData> {
  requireExistingStore(db, 'record first: sextant record');
  return withStore(db, { clock }, async (store) => {
    const rec = await store.recordings.getRecording(id);
    if (rec === undefined) {
      const ids = (await store.recordings.listRecordings()).map((r) => r.id);
      throw new BadInputError(`--recording ${id}`, `no such recording in ${db} (recordings: ${ids.join(', ') || 'none; see sextant record'})`);
    }
    const events: Envelope[] = [];
    for await (const f of replayFrames(store.recordings, id)) {
      for (const e of f.events) if (e.type === TRADE || e.type === BOOK) events.push(e);
    }
    if (events.length === 0) throw new BadInputError(`--recording ${id}`, 'holds no trades or l2Book frames to backtest on');
    const symbols = [...new Set(events.map((e) => e.symbol))].sort();
    const meta = rec.meta as { channels?: unknown; interval?: unknown };
    const series: BarSeries[] = [];
    const funding = new Map<string, FundingRates>();
    const first = events[0].tsInit;
    const last = events[events.length - 1].tsInit;
    const hasCandles = Array.isArray(meta.channels) && meta.channels.includes('candle') && typeof meta.interval === 'string' && meta.interval !== '1M';
    for (const symbol of symbols) {
      if (hasCandles) {
        const intervalMs = parseInterval(meta.interval as string, `recording ${id} interval`);
        const bars = await store.candles.loadBars(rec.venue, symbol, intervalMs, first - intervalMs + 1, last - intervalMs + 1);
        if (bars.length > 0) series.push(bars);
      }
      const points = await store.funding.loadFunding(rec.venue, symbol, first, last + 1);
      if (points.length > 0) funding.set(symbol, fundingOf(points));
    }
    return { series, events, stepBy: 'tsInit' as const, funding, venue: rec.venue, source: `${db} (recording ${id}, ${rec.venue})`, ref: { kind: 'recording' as const, db, recording: id, venue: rec.venue } };
  });
}

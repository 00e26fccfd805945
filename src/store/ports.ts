// The storage ports: what the rest of Sextant may ask of a store, implemented by SQLite now and PostgreSQL later.
import type { BarSeries } from '../core/bars.js';
import type { Fill } from '../core/orders.js';
import type { TimeRange } from '../core/time-ranges.js';
import type { AuditLogStore } from '../ledger/audit-port.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { ApiKeyStore } from './api-key-port.js';
import type { RecordingStore } from './recording-port.js';

// Every method returns a Promise so a networked implementation (PostgreSQL) fits the same ports;
// the SQLite one does its work synchronously and returns settled promises. Times are ms UTC.

/** One stored bar series (the catalogue row of `listSeries`). */
export interface SeriesInfo {
  readonly venue: string;
  readonly symbol: string;
  readonly intervalMs: number;
  readonly bars: number;
  /** Open time of the first and last bar. */
  readonly from: number;
  readonly to: number;
  /** Most decimals seen in the source prices (the price grid), when known. */
  readonly priceDecimals: number | undefined;
}

/** What an idempotent write did, row by row. */
export interface UpsertCounts {
  /** Rows that did not exist. */
  readonly inserted: number;
  /** Rows that existed with other values and were overwritten. */
  readonly updated: number;
  /** Rows that existed with the same values. */
  readonly unchanged: number;
}

export interface UpsertBarsOptions {
  /**
   * Venue time by which a bar must have closed (open time + interval ≤ closedBy) to be final; later
   * bars are stored as not final (still forming). Omitted: every bar is final (closed history, a file).
   */
  readonly closedBy?: number;
}

/** A list capped for display: the first `items` of `count`. */
export interface Capped<T> {
  readonly count: number;
  readonly items: readonly T[];
}

/** What `checkSeries` found in one series. Bar times are open times, ms UTC. */
export interface SeriesCheck {
  readonly series: SeriesInfo;
  /** Runs of missing bars between the first and the last bar, as [first missing, next bar); slots the venue confirmed empty are not gaps. */
  readonly gaps: Capped<TimeRange>;
  /** Missing bars in all gaps. */
  readonly missingBars: number;
  /** Slots between the first and the last bar that the venue confirmed hold no bar (no trades). */
  readonly emptyBars: number;
  /** Bars stored before their interval closed (forming), by open time. */
  readonly notFinal: Capped<number>;
  /** Open times stored more than once (the key forbids it in SQLite; checked all the same). */
  readonly duplicates: Capped<number>;
  /** Bars with impossible values: prices not positive and finite, high < max(open, close), low > min(open, close), volume < 0. */
  readonly badValues: Capped<{ readonly time: number; readonly reason: string }>;
  /** Bars off the series' grid (the open-time phase modulo the interval that most bars share). */
  readonly misaligned: Capped<number>;
}

export interface CandleStore {
  /**
   * Inserts or overwrites bars keyed by (venue, symbol, interval, time), atomically. NaN volume is
   * stored as NULL. A final bar is never overwritten by one that is not final.
   */
  upsertBars(venue: string, series: BarSeries, intervalMs: number, options?: UpsertBarsOptions): Promise<UpsertCounts>;
  /** Bars with from ≤ time < to (bounds optional), oldest first; an empty series when none. */
  /** `finalOnly`: leave out bars stored before their interval closed (forming bars). */
  loadBars(venue: string, symbol: string, intervalMs: number, from?: number, to?: number, opts?: { readonly finalOnly?: boolean }): Promise<BarSeries>;
  /** Every stored series, sorted by venue, symbol, interval. */
  listSeries(): Promise<SeriesInfo[]>;
  /**
   * The parts of [from, to) that need no download: runs of final bars (a bar covers [time, time +
   * interval)) and ranges the venue confirmed empty, merged, in order.
   */
  settledRanges(venue: string, symbol: string, intervalMs: number, from: number, to: number): Promise<TimeRange[]>;
  /** Remembers ranges of open times [from, to) in which the venue has no bar (no trades). */
  markEmpty(venue: string, symbol: string, intervalMs: number, ranges: readonly TimeRange[]): Promise<void>;
  /** Checks one stored series; lists are capped at `limit` items (default 10). Undefined when the series does not exist. */
  checkSeries(venue: string, symbol: string, intervalMs: number, limit?: number): Promise<SeriesCheck | undefined>;
}

/** A funding rate paid at `time` (per funding period, e.g. 0.0001 = 1 bp). */
export interface FundingPoint {
  readonly time: number;
  readonly rate: number;
}

export interface FundingStore {
  upsertFunding(venue: string, symbol: string, points: readonly FundingPoint[]): Promise<UpsertCounts>;
  /** Points with from ≤ time < to, oldest first. */
  loadFunding(venue: string, symbol: string, from?: number, to?: number): Promise<FundingPoint[]>;
}

/** A finished backtest as saved for later comparison. */
export interface BacktestRunInput {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbols: readonly string[];
  /** Data range (first and last bar time), when known. */
  readonly dataFrom: number | undefined;
  readonly dataTo: number | undefined;
  readonly fillModel: string;
  /** JSON-serialisable metrics (BacktestMetrics or any record). */
  readonly metrics: Readonly<Record<string, unknown>>;
  /** What is needed to repeat the run (app/backtest-spec.ts), as JSON; undefined for runs saved before specs. */
  readonly spec?: unknown;
  /** Hashes of the run's outputs (app/run-hashes.ts), as JSON; undefined for runs saved before digests. */
  readonly digest?: unknown;
}

export interface BacktestRunRecord extends BacktestRunInput {
  /** Assigned by the store, increasing. */
  readonly id: number;
  /** From the store's injected clock. */
  readonly createdAt: number;
}

export interface BacktestRunStore {
  saveRun(run: BacktestRunInput): Promise<BacktestRunRecord>;
  /** Newest first; optionally one strategy's, at most `limit`. */
  listRuns(filter?: { readonly strategy?: string; readonly limit?: number }): Promise<BacktestRunRecord[]>;
  getRun(id: number): Promise<BacktestRunRecord | undefined>;
  /** Deletes the runs with these ids, atomically; returns the ids that existed (and are now gone). */
  deleteRuns(ids: readonly number[]): Promise<number[]>;
}

export interface LedgerStore {
  /**
   * Appends entries to an account's log. Their `seq` must continue the stored log (last + 1, + 2 …);
   * anything else is an InvariantError and nothing is written. Entries are never updated or deleted.
   */
  appendLedger(account: string, entries: readonly LedgerEntry[]): Promise<void>;
  /** The account's entries with seq ≥ fromSeq (default 1), in seq order; amounts exact. */
  readLedger(account: string, fromSeq?: number): Promise<LedgerEntry[]>;
}

export interface FillStore {
  /**
   * Records a venue fill, unique on (venue, fillId). Returns false when the same fill is already
   * stored (a replayed report); a different fill under a stored id is an InvariantError.
   */
  appendFill(venue: string, fill: Fill): Promise<boolean>;
  /** A venue's fills, by time then fill id; optionally one symbol's. */
  listFills(venue: string, symbol?: string): Promise<Fill[]>;
}

/** One series of one imported file, as recorded in the import log. */
export interface ImportRecord {
  readonly id: number;
  readonly fileSha256: string;
  readonly fileName: string;
  readonly format: string;
  readonly venue: string;
  readonly symbol: string;
  readonly intervalMs: number;
  readonly rows: number;
  readonly counts: UpsertCounts;
  readonly skipped: number;
  readonly importedAt: number;
}

export interface ImportFileInput {
  readonly fileSha256: string;
  readonly fileName: string;
  readonly format: string;
  readonly venue: string;
  /** Bad rows skipped by the parser (recorded on each series' row). */
  readonly skipped: number;
  readonly series: readonly { readonly series: BarSeries; readonly intervalMs: number }[];
}

export interface ImportStore {
  /**
   * Upserts every series of a parsed file and logs the import, in one transaction: all or nothing.
   * Returns one record per series, in input order.
   */
  importBars(input: ImportFileInput): Promise<ImportRecord[]>;
  /** The import log, oldest first. */
  listImports(): Promise<ImportRecord[]>;
}

/** A store: every port over one database. */
export interface Store {
  readonly candles: CandleStore;
  readonly funding: FundingStore;
  readonly runs: BacktestRunStore;
  readonly ledger: LedgerStore;
  readonly fills: FillStore;
  readonly imports: ImportStore;
  /** Live recordings: raw frames and the rows parsed from them (recording-port.ts). */
  readonly recordings: RecordingStore;
  /** The hash-chained audit trail (ledger/audit-port.ts). */
  readonly audit: AuditLogStore;
  /** API keys for scripts, hashed (api-key-port.ts). */
  readonly apiKeys: ApiKeyStore;
  /** Where the store lives (file path or URL without credentials), for messages. */
  readonly location: string;
  close(): Promise<void>;
}

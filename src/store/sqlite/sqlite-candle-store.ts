// CandleStore on SQLite: bars keyed by (venue, symbol, interval, time) with their final flag, plus a per-series catalogue.
import type Database from 'better-sqlite3';
import type { BarSeries } from '../../core/bars.js';
import { BadInputError, InvariantError } from '../../core/errors.js';
import { mergeRanges, type TimeRange } from '../../core/time-ranges.js';
import type { CandleStore, SeriesInfo, UpsertCounts } from '../ports.js';
import { checkCandleSeries } from './sqlite-candle-checks.js';

/** Whether bar i of an upserted series is final. */
export type FinalFlags = (i: number) => boolean;

const ALL_FINAL: FinalFlags = () => true;

interface CatalogRow {
  venue: string;
  symbol: string;
  interval_ms: number;
  bars: number;
  first_time: number;
  last_time: number;
  price_decimals: number | null;
}

/** The synchronous core, shared by the CandleStore port and the import transaction. */
export class SqliteCandles {
  private readonly upsertRow: Database.Statement;
  private readonly stats: Database.Statement;
  private readonly catalog: Database.Statement;
  private readonly decimalsOf: Database.Statement;
  private readonly select: Database.Statement;
  private readonly count: Database.Statement;
  private readonly list: Database.Statement;
  private readonly one: Database.Statement;
  private readonly finalTimes: Database.Statement;
  private readonly emptyIn: Database.Statement;
  private readonly emptyRow: Database.Statement;

  constructor(db: Database.Database) {
    // One statement per bar: inserts, or overwrites only a row whose values differ, so `changes`
    // counts inserted + updated; the row count before and after separates the two.
    // A final row is never replaced by a forming one (a late recorder update, an early download).
    this.upsertRow = db.prepare(
      'INSERT INTO candles (venue, symbol, interval_ms, time, o, h, l, c, v, final) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET o = excluded.o, h = excluded.h, l = excluded.l, c = excluded.c, v = excluded.v, final = excluded.final ' +
        'WHERE (final = 0 OR excluded.final = 1) AND NOT (o = excluded.o AND h = excluded.h AND l = excluded.l AND c = excluded.c AND v IS excluded.v AND final = excluded.final)',
    );
    // Runs of final bars are built in JS from their open times: twice as fast as a window query.
    this.finalTimes = db.prepare('SELECT time FROM candles WHERE venue = ? AND symbol = ? AND interval_ms = ? AND final = 1 AND time >= ? AND time < ? ORDER BY time').pluck();
    this.emptyIn = db.prepare('SELECT from_time AS a, to_time AS b FROM candle_empty WHERE venue = ? AND symbol = ? AND interval_ms = ? AND to_time > ? AND from_time < ? ORDER BY from_time');
    this.emptyRow = db.prepare(
      'INSERT INTO candle_empty (venue, symbol, interval_ms, from_time, to_time) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET to_time = max(to_time, excluded.to_time)',
    );
    this.stats = db.prepare('SELECT count(*) AS n, min(time) AS a, max(time) AS b FROM candles WHERE venue = ? AND symbol = ? AND interval_ms = ?');
    this.decimalsOf = db.prepare('SELECT price_decimals AS d FROM bar_series WHERE venue = ? AND symbol = ? AND interval_ms = ?');
    this.catalog = db.prepare(
      'INSERT INTO bar_series (venue, symbol, interval_ms, bars, first_time, last_time, price_decimals) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (venue, symbol, interval_ms) DO UPDATE SET bars = excluded.bars, first_time = excluded.first_time, last_time = excluded.last_time, price_decimals = excluded.price_decimals',
    );
    // `final >= ?` with 0 (every bar) or 1 (final bars only): one statement for both.
    this.select = db.prepare('SELECT time, o, h, l, c, v FROM candles WHERE venue = ? AND symbol = ? AND interval_ms = ? AND time >= ? AND time < ? AND final >= ? ORDER BY time').raw(true);
    this.count = db.prepare('SELECT count(*) AS n FROM candles WHERE venue = ? AND symbol = ? AND interval_ms = ? AND time >= ? AND time < ? AND final >= ?');
    this.list = db.prepare('SELECT * FROM bar_series ORDER BY venue, symbol, interval_ms');
    this.one = db.prepare('SELECT * FROM bar_series WHERE venue = ? AND symbol = ? AND interval_ms = ?');
  }

  /** Upserts inside the caller's transaction. */
  upsert(venue: string, s: BarSeries, intervalMs: number, isFinal: FinalFlags = ALL_FINAL): UpsertCounts {
    if (!(Number.isInteger(intervalMs) && intervalMs > 0)) throw new BadInputError(`${venue} ${s.symbol}`, `interval must be a positive integer of ms, got ${intervalMs}`);
    const before = (this.stats.get(venue, s.symbol, intervalMs) as { n: number }).n;
    let changed = 0;
    for (let i = 0; i < s.length; i++) {
      const v = Number.isNaN(s.volume[i]) ? null : s.volume[i];
      changed += this.upsertRow.run(venue, s.symbol, intervalMs, s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], v, isFinal(i) ? 1 : 0).changes;
    }
    const st = this.stats.get(venue, s.symbol, intervalMs) as { n: number; a: number | null; b: number | null };
    const inserted = st.n - before;
    const updated = changed - inserted;
    if (st.n > 0) {
      const old = this.decimalsOf.get(venue, s.symbol, intervalMs) as { d: number | null } | undefined;
      const decimals = maxDefined(old?.d ?? undefined, s.priceDecimals);
      this.catalog.run(venue, s.symbol, intervalMs, st.n, st.a, st.b, decimals ?? null);
    }
    return { inserted, updated, unchanged: s.length - inserted - updated };
  }

  load(venue: string, symbol: string, intervalMs: number, from = -8.64e15, to = 8.64e15, finalOnly = false): BarSeries {
    const minFinal = finalOnly ? 1 : 0;
    // Count first, then iterate into preallocated columns (about twice as fast as .all() on 1M rows).
    const n = (this.count.get(venue, symbol, intervalMs, from, to, minFinal) as { n: number }).n;
    const time = new Float64Array(n);
    const open = new Float64Array(n);
    const high = new Float64Array(n);
    const low = new Float64Array(n);
    const close = new Float64Array(n);
    const volume = new Float64Array(n);
    let i = 0;
    for (const r of this.select.iterate(venue, symbol, intervalMs, from, to, minFinal) as Iterable<[number, number, number, number, number, number | null]>) {
      if (i === n) throw new InvariantError(`candles ${venue} ${symbol}: more rows than counted`);
      time[i] = r[0];
      open[i] = r[1];
      high[i] = r[2];
      low[i] = r[3];
      close[i] = r[4];
      volume[i] = r[5] ?? NaN;
      i++;
    }
    if (i !== n) throw new InvariantError(`candles ${venue} ${symbol}: fewer rows than counted`);
    const d = this.decimalsOf.get(venue, symbol, intervalMs) as { d: number | null } | undefined;
    return { symbol, intervalMs, length: n, time, open, high, low, close, volume, priceDecimals: d?.d ?? undefined };
  }

  /** Runs of final bars and confirmed-empty ranges overlapping [from, to), merged. */
  settled(venue: string, symbol: string, intervalMs: number, from: number, to: number): TimeRange[] {
    const covered: [number, number][] = [];
    for (const t of this.finalTimes.iterate(venue, symbol, intervalMs, from, to) as Iterable<number>) {
      const run = covered[covered.length - 1];
      if (run !== undefined && run[1] === t) run[1] = t + intervalMs;
      else covered.push([t, t + intervalMs]);
    }
    for (const r of this.emptyIn.all(venue, symbol, intervalMs, from, to) as { a: number; b: number }[]) covered.push([r.a, r.b]);
    return mergeRanges(covered);
  }

  markEmpty(venue: string, symbol: string, intervalMs: number, ranges: readonly TimeRange[]): void {
    for (const [a, b] of ranges) {
      if (!(Number.isFinite(a) && Number.isFinite(b) && b > a)) throw new InvariantError(`candle_empty ${venue} ${symbol}: bad range [${a}, ${b})`);
      this.emptyRow.run(venue, symbol, intervalMs, a, b);
    }
  }

  series(): SeriesInfo[] {
    return (this.list.all() as CatalogRow[]).map(seriesInfo);
  }

  /** One series' catalogue row, or undefined when nothing is stored for it. */
  seriesOf(venue: string, symbol: string, intervalMs: number): SeriesInfo | undefined {
    const r = this.one.get(venue, symbol, intervalMs) as CatalogRow | undefined;
    return r === undefined ? undefined : seriesInfo(r);
  }
}

function seriesInfo(r: CatalogRow): SeriesInfo {
  return { venue: r.venue, symbol: r.symbol, intervalMs: r.interval_ms, bars: r.bars, from: r.first_time, to: r.last_time, priceDecimals: r.price_decimals ?? undefined };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** The CandleStore port over SqliteCandles: each upsert is one transaction. */
export function sqliteCandleStore(db: Database.Database, core: SqliteCandles): CandleStore {
  return {
    upsertBars: async (venue, series, intervalMs, options) => {
      const closedBy = options?.closedBy;
      const isFinal: FinalFlags = closedBy === undefined ? ALL_FINAL : (i) => series.time[i] + intervalMs <= closedBy;
      return db.transaction(() => core.upsert(venue, series, intervalMs, isFinal)).immediate();
    },
    loadBars: async (venue, symbol, intervalMs, from, to, opts) => core.load(venue, symbol, intervalMs, from, to, opts?.finalOnly === true),
    listSeries: async () => core.series(),
    settledRanges: async (venue, symbol, intervalMs, from, to) => core.settled(venue, symbol, intervalMs, from, to),
    markEmpty: async (venue, symbol, intervalMs, ranges) => db.transaction(() => core.markEmpty(venue, symbol, intervalMs, ranges)).immediate(),
    checkSeries: async (venue, symbol, intervalMs, limit = 10) => {
      // A point lookup: `data list` and `data check` call this once per listed series.
      const info = core.seriesOf(venue, symbol, intervalMs);
      return info === undefined ? undefined : checkCandleSeries(db, info, limit);
    },
  };
}

// Data checks of one stored candle series: gaps (less what the venue confirmed empty), forming bars, duplicates, impossible values, grid alignment.
import type Database from 'better-sqlite3';
import { uncoveredRanges, type TimeRange } from '../../core/time-ranges.js';
import { barProblem } from '../formats/bar-checks.js';
import type { Capped, SeriesCheck, SeriesInfo } from '../ports.js';

const KEY = 'venue = ? AND symbol = ? AND interval_ms = ?';

/** Runs every check of `checkSeries` on the series `s` in one read transaction; lists keep their first `limit` items. */
export function checkCandleSeries(db: Database.Database, s: SeriesInfo, limit: number): SeriesCheck {
  return db.transaction((): SeriesCheck => {
    const key = [s.venue, s.symbol, s.intervalMs] as const;
    const iv = s.intervalMs;
    const empty = (db.prepare(`SELECT from_time AS a, to_time AS b FROM candle_empty WHERE ${KEY} ORDER BY from_time`).all(...key) as { a: number; b: number }[]).map(
      (r): TimeRange => [r.a, r.b],
    );
    // Holes between neighbouring bars; the slots of each hole the venue confirmed empty are not missing.
    const holes = db.prepare(`SELECT prev, time FROM (SELECT time, lag(time) OVER (ORDER BY time) AS prev FROM candles WHERE ${KEY}) WHERE time - prev > ?`).raw(true);
    const gaps = capped<TimeRange>(limit);
    let missingBars = 0;
    let holeBars = 0;
    for (const [prev, time] of holes.iterate(...key, iv) as Iterable<[number, number]>) {
      holeBars += slots(time - prev - iv, iv);
      for (const g of uncoveredRanges(prev + iv, time, empty)) {
        gaps.add(g);
        missingBars += slots(g[1] - g[0], iv);
      }
    }
    const notFinal = capped<number>(limit);
    for (const t of db.prepare(`SELECT time FROM candles WHERE ${KEY} AND final = 0 ORDER BY time`).pluck().iterate(...key) as Iterable<number>) notFinal.add(t);
    const duplicates = capped<number>(limit);
    for (const t of db.prepare(`SELECT time FROM candles WHERE ${KEY} GROUP BY time HAVING count(*) > 1 ORDER BY time`).pluck().iterate(...key) as Iterable<number>) duplicates.add(t);
    const badValues = capped<{ time: number; reason: string }>(limit);
    // The SQL pre-filter is the same rule as barProblem, which names the reason (9e999 reads as Infinity).
    const suspects = db
      .prepare(
        `SELECT time, o, h, l, c, v FROM candles WHERE ${KEY} AND NOT (o > 0 AND l > 0 AND h < 9e999 AND h >= max(o, c) AND l <= min(o, c) AND (v IS NULL OR (v >= 0 AND v < 9e999))) ORDER BY time`,
      )
      .raw(true);
    for (const [time, o, h, l, c, v] of suspects.iterate(...key) as Iterable<[number, number, number, number, number, number | null]>) {
      badValues.add({ time, reason: barProblem(o, h, l, c, v ?? NaN) ?? 'rejected by the store check' });
    }
    // The grid is the phase (open time modulo the interval) most bars share: 1w candles open on Mondays, not at the epoch's Thursday.
    const phase = db.prepare(`SELECT ((time % ?) + ?) % ? AS p FROM candles WHERE ${KEY} GROUP BY p ORDER BY count(*) DESC, p LIMIT 1`).pluck().get(iv, iv, iv, ...key) as number | undefined;
    const misaligned = capped<number>(limit);
    if (phase !== undefined) {
      for (const t of db.prepare(`SELECT time FROM candles WHERE ${KEY} AND ((time % ?) + ?) % ? != ? ORDER BY time`).pluck().iterate(...key, iv, iv, iv, phase) as Iterable<number>) misaligned.add(t);
    }
    return {
      series: s,
      gaps: gaps.done(),
      missingBars,
      emptyBars: holeBars - missingBars,
      notFinal: notFinal.done(),
      duplicates: duplicates.done(),
      badValues: badValues.done(),
      misaligned: misaligned.done(),
    };
  })();
}

/** Bar slots in a span of `ms` (a partial slot, off the grid, counts as one). */
function slots(ms: number, intervalMs: number): number {
  return Math.max(0, Math.ceil(ms / intervalMs));
}

function capped<T>(limit: number): { add(x: T): void; done(): Capped<T> } {
  const items: T[] = [];
  let count = 0;
  return {
    add(x) {
      if (count++ < limit) items.push(x);
    },
    done: () => ({ count, items }),
  };
}

// Data checks of one stored candle series: gaps (less what the venue confirmed empty), forming bars, duplicates, impossible values, grid alignment.
import type Database from 'better-sqlite3';
import { mergeRanges, uncoveredByMerged, type TimeRange } from '../../core/time-ranges.js';
import { barProblem } from '../formats/bar-checks.js';
import type { Capped, SeriesCheck, SeriesInfo } from '../ports.js';

const KEY = 'venue = ? AND symbol = ? AND interval_ms = ?';

/** Runs every check of `checkSeries` on the series `s` in one read transaction; lists keep their first `limit` items. */
export function checkCandleSeries(db: Database.Database, s: SeriesInfo, limit: number): SeriesCheck {
  return db.transaction((): SeriesCheck => {
    const key = [s.venue, s.symbol, s.intervalMs] as const;
    const iv = s.intervalMs;
    const empty = mergeRanges((db.prepare(`SELECT from_time AS a, to_time AS b FROM candle_empty WHERE ${KEY}`).all(...key) as { a: number; b: number }[]).map((r): TimeRange => [r.a, r.b]));
    // One ordered pass over the open times: holes between neighbours (less the slots the venue
    // confirmed empty), forming bars, repeated times, and the phases (time modulo the interval).
    // A JS pass over the key is about twice as fast as SQLite's window functions here.
    const gaps = capped<TimeRange>(limit);
    const notFinal = capped<number>(limit);
    const duplicates = capped<number>(limit);
    const phases = new Map<number, number>();
    let missingBars = 0;
    let holeBars = 0;
    let prev = Number.NaN;
    for (const [time, final] of db.prepare(`SELECT time, final FROM candles WHERE ${KEY} ORDER BY time`).raw(true).iterate(...key) as Iterable<[number, number]>) {
      if (time === prev) duplicates.add(time);
      else if (time - prev > iv) {
        holeBars += slots(time - prev - iv, iv);
        for (const g of uncoveredByMerged(prev + iv, time, empty)) {
          gaps.add(g);
          missingBars += slots(g[1] - g[0], iv);
        }
      }
      if (final === 0) notFinal.add(time);
      const p = ((time % iv) + iv) % iv;
      phases.set(p, (phases.get(p) ?? 0) + 1);
      prev = time;
    }
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
    // The grid is the phase most bars share (ties: the smaller): 1w candles open on Mondays, not at the epoch's Thursday.
    const misaligned = capped<number>(limit);
    if (phases.size > 1) {
      const [grid] = [...phases].reduce((best, x) => (x[1] > best[1] || (x[1] === best[1] && x[0] < best[0]) ? x : best));
      for (const t of db.prepare(`SELECT time FROM candles WHERE ${KEY} AND ((time % ?) + ?) % ? != ? ORDER BY time`).pluck().iterate(...key, iv, iv, iv, grid) as Iterable<number>) misaligned.add(t);
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

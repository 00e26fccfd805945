// `sextant data check` output: per series what was found (gaps with their ranges, forming bars, duplicates, bad values, misalignment), as text or JSON.
import { formatInterval } from '../../core/bars.js';
import type { Capped, SeriesCheck } from '../../store/ports.js';
import { isoShort } from '../../core/clock.js';

/** The problems of a check (confirmed-empty slots are not one: the venue had no trades then). */
export function problemCount(c: SeriesCheck): number {
  return c.gaps.count + c.notFinal.count + c.duplicates.count + c.badValues.count + c.misaligned.count;
}

/** A series as `venue symbol interval`. */
export function seriesName(c: SeriesCheck): string {
  return `${c.series.venue} ${c.series.symbol} ${formatInterval(c.series.intervalMs)}`;
}

/** The text report: one headline per series, then one indented line per kind of problem, lists capped. */
export function checkText(checks: readonly SeriesCheck[]): string {
  const lines: string[] = [];
  for (const c of checks) {
    const s = c.series;
    const n = problemCount(c);
    const empty = c.emptyBars > 0 ? `; ${c.emptyBars} empty (no trades, confirmed by the venue)` : '';
    lines.push(`${seriesName(c)}: ${s.bars} bars ${isoShort(s.from)} … ${isoShort(s.to)}${empty}: ${n === 0 ? 'ok' : `${n} problem${n === 1 ? '' : 's'}`}`);
    const iv = s.intervalMs;
    const gap = ([a, b]: readonly [number, number]): string => {
      const bars = Math.ceil((b - a) / iv);
      return bars === 1 ? isoShort(a) : `${isoShort(a)} … ${isoShort(b - iv)} (${bars})`;
    };
    section(lines, `gaps (${c.missingBars} missing bar${c.missingBars === 1 ? '' : 's'})`, c.gaps, gap);
    section(lines, 'not final (stored before their interval closed; download again)', c.notFinal, isoShort);
    section(lines, 'duplicates', c.duplicates, isoShort);
    section(lines, 'bad values', c.badValues, (x) => `${isoShort(x.time)} ${x.reason}`);
    section(lines, 'off the grid', c.misaligned, isoShort);
  }
  return lines.join('\n') + '\n';
}

function section<T>(lines: string[], title: string, list: Capped<T>, show: (x: T) => string): void {
  if (list.count === 0) return;
  const more = list.count > list.items.length ? `; and ${list.count - list.items.length} more` : '';
  lines.push(`  ${list.count} ${title}: ${list.items.map(show).join(', ')}${more}`);
}

/** The JSON report: times as ISO text, every count, the capped lists. */
export function checkJson(checks: readonly SeriesCheck[]): string {
  const iso = (t: number): string => new Date(t).toISOString();
  const capped = <T>(l: Capped<T>, f: (x: T) => unknown) => ({ count: l.count, items: l.items.map(f) });
  const series = checks.map((c) => ({
    venue: c.series.venue,
    symbol: c.series.symbol,
    interval: formatInterval(c.series.intervalMs),
    bars: c.series.bars,
    from: iso(c.series.from),
    to: iso(c.series.to),
    problems: problemCount(c),
    gaps: capped(c.gaps, ([a, b]) => ({ from: iso(a), to: iso(b - c.series.intervalMs), bars: Math.ceil((b - a) / c.series.intervalMs) })),
    missing_bars: c.missingBars,
    empty_bars: c.emptyBars,
    not_final: capped(c.notFinal, iso),
    duplicates: capped(c.duplicates, iso),
    bad_values: capped(c.badValues, (x) => ({ time: iso(x.time), reason: x.reason })),
    misaligned: capped(c.misaligned, iso),
  }));
  return JSON.stringify({ ok: series.every((s) => s.problems === 0), series }, null, 2) + '\n';
}

// Byte-level date/time scanning to ms UTC: ISO-8601, YYYY-MM-DD[ HH:MM:SS[.f]], epoch s/ms/µs/ns.
import { scanDecimal } from './ascii-number.js';
import type { ScanOut } from './ascii-number.js';

/** Reusable scratch for the scanners, allocated once per parse (nothing is allocated per row). */
export interface TimeScratch extends ScanOut {
  /** Last date seen as y·10000 + m·100 + d, and its ms: consecutive rows mostly share a date. */
  dateKey: number;
  dateMs: number;
}

/** A fresh scratch object. */
export function timeScratch(): TimeScratch {
  return { decimals: 0, end: 0, dateKey: -1, dateMs: 0 };
}

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), so rows
 * need no Date object. Month 1–12; the caller validates ranges.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Value of the digit at b[i], or -1 when it is not a digit. */
function dig(b: Uint8Array, i: number): number {
  const d = b[i] - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at b[i], b[i+1] as a number, or -1. */
function dig2(b: Uint8Array, i: number): number {
  const a = dig(b, i);
  const c = dig(b, i + 1);
  return a < 0 || c < 0 ? -1 : a * 10 + c;
}

/** `YYYY-MM-DD` at b[s..s+10) as ms UTC at 00:00, or NaN. */
function scanDate(b: Uint8Array, s: number, cache: TimeScratch): number {
  const y1 = dig2(b, s);
  const y2 = dig2(b, s + 2);
  const mo = dig2(b, s + 5);
  const d = dig2(b, s + 8);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || b[s + 4] !== 45 || b[s + 7] !== 45) return NaN;
  const y = y1 * 100 + y2;
  const key = y * 10000 + mo * 100 + d;
  if (key === cache.dateKey) return cache.dateMs;
  if (d > daysInMonth(y, mo)) return NaN;
  const ms = daysFromCivil(y, mo, d) * DAY_MS;
  cache.dateKey = key;
  cache.dateMs = ms;
  return ms;
}

/**
 * `HH:MM[:SS[.fff…]]` starting at b[s], ending at or before e. Returns ms since midnight, or NaN;
 * `end` receives the index after the time. Fractions beyond ms are truncated.
 */
function scanClock(b: Uint8Array, s: number, e: number, out: TimeScratch): number {
  if (s + 5 > e) return NaN;
  const h = dig2(b, s);
  const mi = dig2(b, s + 3);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || b[s + 2] !== 58) return NaN;
  let ms = h * 3_600_000 + mi * 60_000;
  let i = s + 5;
  if (i < e && b[i] === 58) {
    if (i + 3 > e) return NaN;
    const sec = dig2(b, i + 1);
    if (sec < 0 || sec > 59) return NaN;
    ms += sec * 1000;
    i += 3;
    if (i < e && (b[i] === 46 || b[i] === 44)) {
      i++;
      let scale = 100;
      let n = 0;
      for (; i < e; i++) {
        const d = dig(b, i);
        if (d < 0) break;
        ms += d * scale;
        scale /= 10;
        n++;
      }
      if (n === 0) return NaN;
      ms = Math.floor(ms);
    }
  }
  out.end = i;
  return ms;
}

/** `HH:MM:SS` (the whole of [s, e)) as ms since midnight, or NaN. For backtrader's Time column. */
export function scanTimeOfDay(b: Uint8Array, s: number, e: number, scratch: TimeScratch): number {
  const ms = scanClock(b, s, e, scratch);
  return scratch.end === e ? ms : NaN;
}

/**
 * Epoch magnitude rule: |v| in [1e8, 1e11) is seconds, [1e11, 1e14) milliseconds, [1e14, 1e17)
 * microseconds, [1e17, 1e20) nanoseconds; each range covers 1973-03-03 to 5138-11-16. Smaller
 * values are refused because they are ambiguous (a YYYYMMDD date such as 20240102 would read as
 * 1970 seconds). Sub-millisecond parts are truncated (floor).
 */
export function epochToMs(v: number): number {
  const a = Math.abs(v);
  if (a < 1e8 || a >= 1e20) return NaN;
  if (a < 1e11) return Math.floor(v * 1000);
  if (a < 1e14) return Math.floor(v);
  if (a < 1e17) return Math.floor(v / 1000);
  return Math.floor(v / 1e6);
}

/**
 * A timestamp in [s, e) as ms UTC, or NaN. Accepts `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.f]]`
 * with an optional `Z` or `±HH[:]MM` offset (no offset = UTC), and epoch numbers (see
 * `epochToMs`).
 */
export function scanDateTime(b: Uint8Array, s: number, e: number, scratch: TimeScratch): number {
  const n = e - s;
  if (n >= 10 && b[s + 4] === 45) {
    const day = scanDate(b, s, scratch);
    if (n === 10 || day !== day) return day;
    const sep = b[s + 10];
    if (sep !== 32 && sep !== 84 && sep !== 116) return NaN;
    const tod = scanClock(b, s + 11, e, scratch);
    if (tod !== tod) return NaN;
    let i = scratch.end;
    let offset = 0;
    if (i < e && (b[i] === 90 || b[i] === 122)) {
      i++;
    } else if (i < e && (b[i] === 43 || b[i] === 45)) {
      const sign = b[i] === 45 ? -1 : 1;
      const oh = dig2(b, i + 1);
      if (oh < 0 || oh > 23 || i + 3 > e) return NaN;
      i += 3;
      let om = 0;
      if (i < e && b[i] === 58) i++;
      if (i < e) {
        om = dig2(b, i);
        if (om < 0 || om > 59 || i + 2 > e) return NaN;
        i += 2;
      }
      offset = sign * (oh * 60 + om) * 60_000;
    }
    if (i !== e) return NaN;
    return day + tod - offset;
  }
  const v = scanDecimal(b, s, e, scratch);
  return v === v ? epochToMs(v) : NaN;
}

// The byte-level CSV bar parser: one pass over the Buffer, no split/regex/allocation per row.
import { BarSeriesBuilder, inferIntervalMs } from '../../core/bars.js';
import type { BarSeries } from '../../core/bars.js';
import { BadInputError } from '../../core/errors.js';
import { isoTime } from '../../core/clock.js';
import { scanDecimal, scanNumberAt } from './ascii-number.js';
import { scanDateTime, scanTimeOfDay } from './ascii-time.js';
import type { TimeScratch } from './ascii-time.js';
import { barProblem } from './bar-checks.js';
import { backtraderLayout, csvLayout, firstDataRow, readCsvHeader } from './csv-header.js';
import type { CsvLayout } from './csv-header.js';
import { PROGRESS_STEP_BYTES, symbolFromFileName } from './bar-parse-options.js';
import type { BarParseOptions, ParsedBars } from './bar-parse-options.js';
import { inputName, quoteBytes, quoteInput } from '../../core/quote-input.js';

const TIME_FORMS = 'ISO-8601, YYYY-MM-DD[ HH:MM:SS[.ffffff]] or epoch s/ms/µs/ns';

/** Parses a generic header-driven CSV (see `csvLayout`) into one series. */
export function parseCsvBars(data: Uint8Array | string, name: string, opts: BarParseOptions = {}): ParsedBars {
  const b = toBytes(data);
  const header = readCsvHeader(b);
  if (header === undefined) throw new BadInputError(name, 'empty file (no header line)');
  return parseCsvRows(b, name, csvLayout(header, name), opts);
}

/** Parses backtrader's CSV flavours (daily, intraday with Time, Yahoo) into one series. */
export function parseBacktraderBars(data: Uint8Array | string, name: string, opts: BarParseOptions = {}): ParsedBars {
  const b = toBytes(data);
  const header = readCsvHeader(b);
  if (header === undefined) throw new BadInputError(name, 'empty file (no header line)');
  return parseCsvRows(b, name, backtraderLayout(header, firstDataRow(b, header), name), opts);
}

export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}


/** One row's values, written by the row scanners (reused: nothing is allocated per row). */
interface Row extends TimeScratch {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  /** Most decimals among the four prices. */
  d: number;
  /** Why the row is bad, when the slow path finds it bad. */
  reason: string | undefined;
  /** True for a blank line (skipped silently). */
  blank: boolean;
}

function newRow(): Row {
  // Every field set in one literal so all rows share one hidden class (keeps the scanners monomorphic).
  return { decimals: 0, end: 0, dateKey: -1, dateMs: 0, t: 0, o: 0, h: 0, l: 0, c: 0, v: 0, d: 0, reason: undefined, blank: false };
}

// Column roles for the fast path (0 = a column we do not read).
const TIME = 1;
const TOD = 2;
const OPEN = 3;
const HIGH = 4;
const LOW = 5;
const CLOSE = 6;
const VOLUME = 7;

function roles(layout: CsvLayout): Int8Array {
  const r = new Int8Array(layout.columns);
  r[layout.time] = TIME;
  if (layout.timeOfDay >= 0) r[layout.timeOfDay] = TOD;
  r[layout.open] = OPEN;
  r[layout.high] = HIGH;
  r[layout.low] = LOW;
  r[layout.close] = CLOSE;
  if (layout.volume >= 0) r[layout.volume] = VOLUME;
  return r;
}

/**
 * Fast path for a clean row (no quotes, no spaces, all values present): scans each field once, in
 * place. Returns the index after the row's newline, or -1 when anything is unusual, in which case
 * the caller re-reads the row with `slowRow` (which accepts more and names the problem).
 */
function fastRow(b: Uint8Array, pos: number, len: number, role: Int8Array, delim: number, r: Row): number {
  const n = role.length;
  let i = pos;
  let d = 0;
  let dateLen = 0;
  r.v = NaN;
  for (let k = 0; k < n; k++) {
    const what = role[k];
    if (what >= OPEN) {
      const x = scanNumberAt(b, i, len, r);
      if (x !== x) return -1;
      i = r.end;
      if (what === VOLUME) r.v = x;
      else {
        if (r.decimals > d) d = r.decimals;
        if (what === OPEN) r.o = x;
        else if (what === HIGH) r.h = x;
        else if (what === LOW) r.l = x;
        else r.c = x;
      }
    } else {
      let e = i;
      while (e < len && b[e] !== delim && b[e] !== 10) e++;
      if (what === TIME) {
        const t = scanDateTime(b, i, e, r);
        if (t !== t) return -1;
        r.t = t;
        dateLen = e - i;
      } else if (what === TOD) {
        const tod = scanTimeOfDay(b, i, e, r);
        if (tod !== tod || dateLen !== 10) return -1;
        r.t += tod;
      }
      i = e;
    }
    if (k === n - 1) {
      if (i < len && b[i] === 13) i++;
      if (i < len) {
        if (b[i] !== 10) return -1;
        i++;
      }
    } else {
      if (i >= len || b[i] !== delim) return -1;
      i++;
    }
  }
  r.d = d;
  return i;
}

/**
 * Slow path: splits the row at the delimiters, trims spaces, tabs, quotes and CR, then reads the
 * values; sets `r.reason` when the row is bad. Returns the index after the row's newline.
 */
function slowRow(b: Uint8Array, pos: number, len: number, layout: CsvLayout, fs: Int32Array, fe: Int32Array, r: Row): number {
  const ncols = layout.columns;
  const delim = layout.delimiter;
  r.reason = undefined;
  r.blank = false;
  let nf = 0;
  let start = pos;
  let i = pos;
  for (; i < len; i++) {
    const c = b[i];
    if (c === delim) {
      if (nf < ncols) {
        fs[nf] = start;
        fe[nf] = i;
      }
      nf++;
      start = i + 1;
    } else if (c === 10) {
      break;
    }
  }
  if (nf < ncols) {
    fs[nf] = start;
    fe[nf] = i;
  }
  nf++;
  const next = i + 1;
  const top = nf < ncols ? nf : ncols;
  for (let k = 0; k < top; k++) {
    let s = fs[k];
    let e = fe[k];
    while (s < e && (b[s] === 32 || b[s] === 34 || b[s] === 9)) s++;
    while (e > s && (b[e - 1] === 32 || b[e - 1] === 34 || b[e - 1] === 13 || b[e - 1] === 9)) e--;
    fs[k] = s;
    fe[k] = e;
  }
  if (nf === 1 && fs[0] === fe[0]) {
    r.blank = true;
    return next;
  }
  if (nf !== ncols) {
    r.reason = `expected ${ncols} columns (${quoteInput(layout.names.join(','), 200)}), got ${nf}`;
    return next;
  }
  const tc = layout.time;
  r.t = scanDateTime(b, fs[tc], fe[tc], r);
  if (r.t !== r.t) {
    r.reason = `column ${inputName(layout.names[tc])}: expected a date/time (${TIME_FORMS}), got ${quoteBytes(b, fs[tc], fe[tc])}`;
    return next;
  }
  const dc = layout.timeOfDay;
  if (dc >= 0) {
    const tod = scanTimeOfDay(b, fs[dc], fe[dc], r);
    if (tod !== tod || fe[tc] - fs[tc] !== 10) {
      r.reason = `column ${inputName(layout.names[dc])}: expected HH:MM:SS after a YYYY-MM-DD date, got ${quoteBytes(b, fs[dc], fe[dc])}`;
      return next;
    }
    r.t += tod;
  }
  r.d = 0;
  r.o = slowPrice(b, layout, fs, fe, layout.open, r);
  r.h = slowPrice(b, layout, fs, fe, layout.high, r);
  r.l = slowPrice(b, layout, fs, fe, layout.low, r);
  r.c = slowPrice(b, layout, fs, fe, layout.close, r);
  // Volume: absent column or empty field = unknown (NaN here, NULL in the store), never 0.
  r.v = NaN;
  const vc = layout.volume;
  if (vc >= 0 && fe[vc] > fs[vc]) {
    r.v = scanDecimal(b, fs[vc], fe[vc], r);
    if (r.v !== r.v) r.reason ??= `column ${inputName(layout.names[vc])}: expected a number, got ${quoteBytes(b, fs[vc], fe[vc])}`;
  }
  return next;
}

/** Reads price column k for `slowRow`: tracks decimals in r.d, or sets r.reason. */
function slowPrice(b: Uint8Array, layout: CsvLayout, fs: Int32Array, fe: Int32Array, k: number, r: Row): number {
  const x = scanDecimal(b, fs[k], fe[k], r);
  if (x !== x) r.reason ??= `column ${inputName(layout.names[k])}: expected a number, got ${quoteBytes(b, fs[k], fe[k])}`;
  else if (r.decimals > r.d) r.d = r.decimals;
  return x;
}

/**
 * The row loop: each row goes through `fastRow`, or `slowRow` when the fast path declines it; then
 * the bar is checked (values, increasing time) and pushed into the columnar builder.
 */
export function parseCsvRows(b: Uint8Array, name: string, layout: CsvLayout, opts: BarParseOptions): ParsedBars {
  const len = b.length;
  const fs = new Int32Array(layout.columns + 1);
  const fe = new Int32Array(layout.columns + 1);
  const role = roles(layout);
  const delim = layout.delimiter;
  const r: Row = newRow();
  const skipBad = opts.skipBad === true;
  const onProgress = opts.onProgress;
  // ~60 bytes per row is typical; the builder grows if needed.
  const builder = new BarSeriesBuilder(opts.symbol ?? symbolFromFileName(name), Math.min(1 << 24, Math.max(1024, (len / 48) | 0)));
  let decimals = 0;
  let skipped = 0;
  let last = -Infinity;
  let nextProgress = PROGRESS_STEP_BYTES;
  let line = layout.dataLine - 1;
  let pos = layout.dataStart;

  while (pos < len) {
    line++;
    let next = fastRow(b, pos, len, role, delim, r);
    let reason: string | undefined;
    if (next < 0) {
      next = slowRow(b, pos, len, layout, fs, fe, r);
      if (r.blank) {
        pos = next;
        continue;
      }
      reason = r.reason;
    }
    pos = next;
    if (pos >= nextProgress && onProgress !== undefined) {
      onProgress(Math.min(pos, len), len);
      nextProgress = pos + PROGRESS_STEP_BYTES;
    }
    const t = r.t;
    if (reason === undefined) reason = barProblem(r.o, r.h, r.l, r.c, r.v);
    if (reason === undefined && !(t > last)) reason = `time ${isoTime(t)} is not after the previous bar's ${isoTime(last)} (times must increase)`;
    if (reason !== undefined) {
      if (!skipBad) throw new BadInputError(`${name}:${line}`, reason);
      skipped++;
      continue;
    }
    last = t;
    if (r.d > decimals) decimals = r.d;
    builder.push(t, r.o, r.h, r.l, r.c, r.v);
  }
  if (onProgress !== undefined) onProgress(len, len);
  let series: BarSeries = builder.finish(name, opts.intervalMs, decimals);
  if (layout.timeIsBarEnd) series = shiftToBarOpen(series, name, opts.intervalMs);
  return { series: [series], skipped };
}

/** Backtrader stamps intraday bars with their end; BarSeries times are bar open: subtract one interval. */
function shiftToBarOpen(s: BarSeries, name: string, intervalMs: number | undefined): BarSeries {
  if (s.length === 0) return s;
  const step = intervalMs ?? inferIntervalMs(s.time, s.length);
  if (step === undefined) {
    throw new BadInputError(name, 'a single intraday bar: give the interval (--interval) so its open time is known');
  }
  for (let i = 0; i < s.length; i++) s.time[i] -= step;
  return { ...s, intervalMs: step };
}

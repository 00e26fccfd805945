// Funding-rate series from files: freqtrade funding JSON, Hyperliquid fundingHistory JSON, or `time,rate` CSV.
import { readFileSync } from 'node:fs';
import { isoShort } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import { quoteJson } from '../../core/quote-input.js';

/** Funding times (ms UTC, strictly increasing) and the rate paid at each (fraction per period). */
export interface FundingRates {
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

/** Parses funding rates; `where` names the source in errors. Detects the format from the content. */
export function parseFundingRates(text: string, where: string): FundingRates {
  const trimmed = text.trimStart();
  const rows: [number, number][] = trimmed.startsWith('[') ? fromJson(trimmed, where) : fromCsv(text, where);
  rows.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i][0] === rows[i - 1][0]) throw new BadInputError(where, `two funding rates at ${new Date(rows[i][0]).toISOString()}`);
  }
  return { time: Float64Array.from(rows, (r) => r[0]), rate: Float64Array.from(rows, (r) => r[1]) };
}

export function readFundingFile(path: string): FundingRates {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BadInputError(path, `cannot read funding file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  return parseFundingRates(text, path);
}

function num(v: unknown, where: string, what: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new BadInputError(where, `${what}: expected a finite number, got ${quoteJson(v)}`);
  return n;
}

function fromJson(text: string, where: string): [number, number][] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BadInputError(where, `not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(data)) throw new BadInputError(where, 'expected a JSON array of funding rows');
  return data.map((row: unknown, i): [number, number] => {
    // JSON.parse keeps no lines: the row's number and, when readable, its time say where.
    const t: unknown = Array.isArray(row) ? row[0] : row !== null && typeof row === 'object' && 'time' in row ? row.time : undefined;
    const at = `${where}: row ${i + 1}${typeof t === 'number' && Number.isInteger(t) && t >= 0 && t <= 8.64e15 ? ` (${isoShort(t)})` : ''}`;
    // freqtrade: [ts_ms, rate, 0, 0, 0, 0] (the rate sits in the "open" column).
    if (Array.isArray(row)) return [num(row[0], at, 'time'), num(row[1], at, 'rate')];
    // Hyperliquid fundingHistory: {coin, fundingRate: "0.0000125", premium, time}.
    if (row !== null && typeof row === 'object' && 'fundingRate' in row && 'time' in row) {
      const r = row as { fundingRate: unknown; time: unknown };
      return [num(r.time, at, 'time'), num(r.fundingRate, at, 'fundingRate')];
    }
    throw new BadInputError(at, 'expected [time_ms, rate, ...] or {time, fundingRate}');
  });
}

function fromCsv(text: string, where: string): [number, number][] {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const ti = header.findIndex((h) => ['time', 'timestamp', 'date', 'datetime'].includes(h));
  const ri = header.findIndex((h) => ['rate', 'funding_rate', 'fundingrate', 'funding'].includes(h));
  if (ti < 0 || ri < 0) throw new BadInputError(`${where}:1`, 'expected a header with a time column (time|timestamp|date|datetime) and a rate column (rate|funding_rate)');
  const rows: [number, number][] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    const at = `${where}:${i + 1}`;
    const rawT = cells[ti]?.trim() ?? '';
    const t = /^\d+(\.\d+)?$/.test(rawT) ? num(rawT, at, 'time') : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(rawT) ? rawT : rawT.replace(' ', 'T') + 'Z');
    if (!Number.isFinite(t)) throw new BadInputError(at, `time: cannot parse ${quoteJson(rawT)}`);
    rows.push([t < 1e11 ? t * 1000 : t, num(cells[ri], at, 'rate')]);
  }
  return rows;
}

// Parses `--from` / `--to` dates (YYYY-MM-DD or ISO-8601, UTC) into a half-open [from, to) range in ms.
import { BadInputError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';

const DAY = 86_400_000;

/** `--from D` is inclusive. */
export function parseFromOption(text: string | undefined, name = '--from'): number | undefined {
  return text === undefined ? undefined : parseDate(text, name);
}

/** `--to D` is inclusive of the whole day when D is a date, else of that instant: returns the exclusive bound. */
export function parseToOption(text: string | undefined, name = '--to'): number | undefined {
  if (text === undefined) return undefined;
  const t = parseDate(text, name);
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? t + DAY : t + 1;
}

function parseDate(text: string, name: string): number {
  const s = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`;
  const t = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s) || !Number.isFinite(t) || !isCalendarDay(s)) throw new BadInputError(name, `expected a date like 2024-01-31 or 2024-01-31T12:00:00Z, got ${quoteJson(text)}`);
  return t;
}

/** Date.parse rolls 2026-02-30 over to March 2; the written year, month and day must name a real day. */
function isCalendarDay(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

// Deterministic, locale-free formatting of numbers, money, durations and times for the HTML report.

const MAX_DATE_MS = 8.64e15;

/**
 * The shortest decimal that reads back as `x` rounded to 12 significant digits: float sums of
 * decimals (3648.549 + noise = 3648.5490000000004) print as the decimal meant, 3648.549. Twelve
 * digits keep every figure a run can produce (ledger amounts are exact to 10⁻¹² of a unit, prices
 * have at most 8 decimals) while dropping the noise at the 16th–17th digit. "n/a" when not finite.
 */
export function formatNumber(x: number, decimals?: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const r = decimals === undefined ? Number(x.toPrecision(12)) : Number(x.toFixed(decimals));
  const s = String(r);
  return s === '-0' ? '0' : s;
}

/** Money: two decimals, thousands grouped with a thin space (U+2009), minus sign kept: −1 234.50. */
export function formatMoney(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const fixed = Math.abs(x).toFixed(2);
  const [int, frac] = fixed.split('.');
  const grouped = int.length > 21 ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  const neg = x < 0 && fixed !== '0.00';
  return `${neg ? '−' : ''}${grouped}.${frac}`;
}

/** A fraction as a percentage with two decimals: 0.1234 → "12.34 %". */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const s = (x * 100).toFixed(2);
  return `${s === '-0.00' ? '0.00' : s} %`;
}

/** A ratio (Sharpe, profit factor) to two decimals. */
export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** A duration as its two largest units: "3d 4h", "2h 15m", "45s"; "0s" for zero. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [u, size] of units) {
    const k = Math.floor(rest / size);
    if (k > 0 || parts.length > 0) {
      if (k > 0) parts.push(`${k}${u}`);
      rest -= k * size;
      if (parts.length === 2 || (parts.length === 1 && k === 0)) break;
    }
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}

/** UTC "YYYY-MM-DD HH:MM", with ":SS" only when seconds are present. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return String(ms);
  const iso = new Date(ms).toISOString();
  const secs = iso.slice(16, 19) === ':00' && iso.slice(19, 23) === '.000' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs}`;
}

/** UTC "YYYY-MM-DD". */
export function formatDate(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return String(ms);
  return new Date(ms).toISOString().slice(0, 10);
}

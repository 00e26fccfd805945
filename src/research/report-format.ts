// Deterministic, locale-free formatting of numbers and times for the HTML report.

const MAX_DATE_MS = 8.64e15;

/** Rounds to at most `decimals` decimals without trailing zeros ("n/a" when not finite). */
export function formatNumber(x: number, decimals = 6): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (Math.abs(x) >= 1e21) return String(x);
  const s = String(Number(x.toFixed(decimals)));
  return s === '-0' ? '0' : s;
}

/** A fraction as a percentage with two decimals: 0.1234 → "12.34 %". */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const s = (x * 100).toFixed(2);
  return `${s === '-0.00' ? '0.00' : s} %`;
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

// Hyperliquid decimal strings ("106217.0", "-0.00029319") to numbers: the one grammar every parser (JSON or byte scanner) accepts.

/**
 * The venue writes prices, sizes, rates and balances as plain decimals: an optional minus sign,
 * digits, optionally a dot and digits. No exponent, no plus sign, no bare dot, no "NaN" or
 * "Infinity", so anything else is a malformed field rather than a number to guess at.
 */
export const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/;

/** The double nearest the decimal text, or undefined when the text is not a plain decimal. */
export function decimalValue(text: string): number | undefined {
  if (!DECIMAL_RE.test(text)) return undefined;
  // Number() on this grammar is correctly rounded and always finite for ≤ 308 integer digits.
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Powers of ten exactly representable as doubles (10^0 … 10^22): m / 10^f is then correctly rounded. */
export const EXACT_POW10: Float64Array = (() => {
  const t = new Float64Array(23);
  let p = 1;
  for (let i = 0; i < 23; i++) {
    t[i] = p;
    p *= 10;
  }
  return t;
})();

/** Number of decimals written in a plain decimal string ("1.230" → 3, "12" → 0). */
export function writtenDecimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

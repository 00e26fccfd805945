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

/**
 * The most digits an unsigned decimal of a request may have before / after the point. Prices,
 * sizes and USDC amounts fit with room (10^15 is far beyond any size or notional); the bound
 * keeps every value finite and every product of two of them finite, so a 400-digit "size" is a
 * malformed field, not Infinity travelling into balances and views.
 */
export const MAX_INTEGER_DIGITS = 15;
export const MAX_FRACTION_DIGITS = 20;

const UNSIGNED_RE = /^(\d+)(?:\.(\d+))?$/;

/** An unsigned decimal read from a request: the canonical text the venue hashes, its value, its decimals. */
export interface UnsignedDecimal {
  /** Leading zeros of the integer part and trailing zeros of the fraction dropped: "25.20" → "25.2", "007" → "7", "100.0" → "100". */
  readonly text: string;
  /** The double nearest the text (always finite). */
  readonly value: number;
  /** Decimals of the canonical text ("25.20" → 1). */
  readonly decimals: number;
}

/**
 * The one strict reader of unsigned decimals in requests (the local venue's /exchange): digits,
 * optionally a dot and digits, within the digit bounds above. Refuses a sign ("-0", "+1"), an
 * exponent ("1e1"), hex ("0x10"), blanks (" 2", ""), "NaN", "Infinity", a bare dot and non-strings.
 */
export function unsignedDecimal(raw: unknown): UnsignedDecimal | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = UNSIGNED_RE.exec(raw);
  if (m === null || m[1].length > MAX_INTEGER_DIGITS || (m[2] ?? '').length > MAX_FRACTION_DIGITS) return undefined;
  const int = m[1].replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const text = frac === '' ? int : `${int}.${frac}`;
  return { text, value: Number(text), decimals: frac.length };
}

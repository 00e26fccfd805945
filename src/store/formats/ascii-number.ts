// Byte-level decimal number scanning: exact doubles from ASCII text without allocating per value.

/** 10^0 … 10^22: every one is exactly representable as a double, which the exact path relies on. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Largest integer a double holds exactly (2^53 − 1). */
const MAX_EXACT = 9007199254740991;

/** Side outputs of the scanners, reused across calls so nothing is allocated per value. */
export interface ScanOut {
  /** Decimals of the last number's text (e.g. "3604.30" → 2, "5.3e-05" → 6). */
  decimals: number;
  /** Index after the last byte the scanner consumed. */
  end: number;
}

/** A fresh side-output object. */
export function scanOut(): ScanOut {
  return { decimals: 0, end: 0 };
}

/**
 * Scans a decimal number starting at b[s] (optional sign, digits, optional fraction, optional
 * exponent) and stops at the first byte that cannot continue it, before `limit`; `out.end` gets
 * that index. Returns NaN when there are no digits, the exponent is empty, or it overflows.
 *
 * Exactness: the digits are read as an integer mantissa and divided (or multiplied) once by an
 * exact power of ten, so the result is the correctly rounded double of the decimal (3604.33 is
 * exactly the double 3604.33). Mantissas beyond 2^53 or exponents beyond ±22 take the slow path
 * through `Number()`, which is also correctly rounded.
 */
export function scanNumberAt(b: Uint8Array, s: number, limit: number, out: ScanOut): number {
  let i = s;
  let neg = false;
  if (i < limit && (b[i] === 45 || b[i] === 43)) {
    neg = b[i] === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < limit; i++) {
    const c = b[i];
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (digits === 0) return NaN;
  let exp = 0;
  if (i < limit && (b[i] === 101 || b[i] === 69)) {
    i++;
    let eneg = false;
    if (i < limit && (b[i] === 45 || b[i] === 43)) {
      eneg = b[i] === 45;
      i++;
    }
    let ed = 0;
    for (; i < limit; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      if (exp < 100000) exp = exp * 10 + d;
      ed++;
    }
    if (ed === 0) return NaN;
    if (eneg) exp = -exp;
  }
  out.end = i;
  const p = exp - frac;
  out.decimals = p < 0 ? -p : 0;
  let v: number;
  if (m <= MAX_EXACT && p >= -22 && p <= 22) {
    v = p === 0 ? m : p < 0 ? m / POW10[-p] : m * POW10[p];
    if (neg) v = -v;
  } else {
    v = Number(latin1(b, s, i));
  }
  return Number.isFinite(v) ? v : NaN;
}

/** Parses exactly the bytes [s, e) as a decimal number (see `scanNumberAt`); NaN if anything is left over. */
export function scanDecimal(b: Uint8Array, s: number, e: number, out: ScanOut): number {
  const v = scanNumberAt(b, s, e, out);
  return out.end === e ? v : NaN;
}

/** The bytes [s, e) as a string (ASCII/latin1); used for slow paths and error messages only. */
export function latin1(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]);
  return out;
}

// Exact decimals for the wire: parse a price or size once, round it on its digits (never through floats), print it canonically.
import { BadInputError } from '../../../core/errors.js';

/** value = (neg ? −1 : 1) × units / 10^scale, units ≥ 0. Exact; no float ever touches the digits. */
export interface Decimal {
  readonly neg: boolean;
  readonly units: bigint;
  readonly scale: number;
}

/** down = toward −∞, up = toward +∞, toward-zero = truncate, nearest = half to even. */
export type DecimalRounding = 'down' | 'up' | 'toward-zero' | 'nearest';

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal string ("25.20", "1e-7", "00.123", "1.") or a finite number. A number is read
 * through its shortest round-trip form, so 0.1 is exactly 0.1. Rejects NaN, Infinity, "", ".",
 * "-." and anything else that is not a number, naming `where`.
 */
export function parseDecimal(raw: string | number, where: string): Decimal {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new BadInputError(where, `expected a finite number, got ${raw}`);
    text = String(raw);
  } else if (typeof raw === 'string') {
    text = raw.trim();
  } else {
    throw new BadInputError(where, `expected a decimal number, got ${JSON.stringify(raw)}`);
  }
  const m = DECIMAL_RE.exec(text);
  const intPart = m?.[2] ?? '';
  const fracPart = m?.[3] ?? '';
  if (!m || (intPart === '' && fracPart === '')) throw new BadInputError(where, `expected a decimal number, got ${JSON.stringify(raw)}`);
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) throw new BadInputError(where, `exponent out of range in ${JSON.stringify(raw)}`);
  let units = BigInt(intPart + fracPart || '0');
  let scale = fracPart.length - exp;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalise({ neg: m[1] === '-', units, scale });
}

/** Drops trailing zero digits from the scale and maps −0 to 0 (so equal values compare equal). */
function normalise(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { neg: units === 0n ? false : d.neg, units, scale };
}

export function isZero(d: Decimal): boolean {
  return d.units === 0n;
}

export function isInteger(d: Decimal): boolean {
  return normalise(d).scale === 0;
}

/** Canonical wire text: no exponent, no trailing zeros, no trailing dot, no leading zeros, "0" for ±0. */
export function decimalToString(d: Decimal): string {
  const n = normalise(d);
  let digits = n.units.toString();
  if (n.scale > 0) {
    digits = digits.padStart(n.scale + 1, '0');
    digits = digits.slice(0, digits.length - n.scale) + '.' + digits.slice(digits.length - n.scale);
  }
  return (n.neg ? '-' : '') + digits;
}

/** Rounds to at most `decimals` digits after the point (decimals may be negative: −1 = tens). */
export function roundDecimal(d: Decimal, decimals: number, mode: DecimalRounding): Decimal {
  if (d.scale <= decimals) return d;
  const drop = 10n ** BigInt(d.scale - decimals);
  let q = d.units / drop;
  const r = d.units % drop;
  if (r !== 0n) {
    // Work on the magnitude: "away from zero" is +1 on q. Which modes go away depends on the sign.
    const away =
      mode === 'toward-zero' ? false
      : mode === 'down' ? d.neg
      : mode === 'up' ? !d.neg
      : r * 2n > drop || (r * 2n === drop && q % 2n === 1n);
    if (away) q += 1n;
  }
  if (decimals >= 0) return normalise({ neg: d.neg, units: q, scale: decimals });
  return normalise({ neg: d.neg, units: q * 10n ** BigInt(-decimals), scale: 0 });
}

/** Position of the most significant digit: 12345.6 → 4, 0.00123 → −3. Undefined for 0. */
export function magnitude(d: Decimal): number | undefined {
  if (d.units === 0n) return undefined;
  return d.units.toString().length - 1 - d.scale;
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const s = Math.max(a.scale, b.scale);
  const av = (a.neg ? -1n : 1n) * a.units * 10n ** BigInt(s - a.scale);
  const bv = (b.neg ? -1n : 1n) * b.units * 10n ** BigInt(s - b.scale);
  return av < bv ? -1 : av > bv ? 1 : 0;
}

/** d × 10^k exactly. */
export function shiftDecimal(d: Decimal, k: number): Decimal {
  if (k >= 0) {
    const take = Math.min(k, d.scale);
    return normalise({ neg: d.neg, units: d.units * 10n ** BigInt(k - take), scale: d.scale - take });
  }
  return normalise({ neg: d.neg, units: d.units, scale: d.scale - k });
}

/** The decimal as a signed bigint when it is an integer, else undefined. */
export function decimalToBigInt(d: Decimal): bigint | undefined {
  const n = normalise(d);
  if (n.scale !== 0) return undefined;
  return n.neg ? -n.units : n.units;
}

/** a × b, exactly. */
export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return normalise({ neg: a.neg !== b.neg, units: a.units * b.units, scale: a.scale + b.scale });
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.scale, b.scale);
  const v = (a.neg ? -1n : 1n) * a.units * 10n ** BigInt(s - a.scale) + (b.neg ? -1n : 1n) * b.units * 10n ** BigInt(s - b.scale);
  return normalise({ neg: v < 0n, units: v < 0n ? -v : v, scale: s });
}

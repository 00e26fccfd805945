// Exact fixed-point money and quantities: bigint scaled by 10^12, with explicit rounding.
import { BadInputError, InvariantError } from './errors.js';
import { quoteJson } from './quote-input.js';

/** A fixed-point value: an integer count of 10^-12 units. */
export type Fixed = bigint;

export const FIXED_DECIMALS = 12;
export const FIXED_ONE: Fixed = 10n ** 12n;
export const FIXED_ZERO: Fixed = 0n;

const POW10: readonly bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

/** Parses a decimal string ("-12.345", "1e-3") exactly; more than 12 decimals round half-even. */
export function fixedFromString(text: string, where = 'value'): Fixed {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    throw new BadInputError(where, `expected a decimal number, got ${quoteJson(text)}`);
  }
  const neg = m[1] === '-';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const exp = (m[4] ? Number(m[4]) : 0) - (m[3]?.length ?? 0) + FIXED_DECIMALS;
  let v = BigInt(digits === '' ? '0' : digits);
  if (exp >= 0) v *= 10n ** BigInt(exp);
  else v = divRoundHalfEven(v, 10n ** BigInt(-exp));
  return neg ? -v : v;
}

/**
 * Converts a JS number to fixed point via its shortest round-trip decimal form, so 0.1 becomes
 * exactly 0.1 (not 0.1000000000000000055...). Rejects NaN and Infinity.
 */
export function fixedFromNumber(x: number): Fixed {
  if (!Number.isFinite(x)) throw new InvariantError(`fixedFromNumber: not finite: ${x}`);
  // Fast path: the fewest decimals d ≤ 12 whose decimal r/10^d is exactly this double.
  let scale = 1;
  for (let d = 0; d <= FIXED_DECIMALS; d++) {
    const m = x * scale;
    if (m > 9e15 || m < -9e15) break;
    const r = Math.round(m);
    if (r / scale === x) return BigInt(r) * POW10[FIXED_DECIMALS - d];
    scale *= 10;
  }
  return fixedFromString(String(x));
}

/** Nearest JS number (for reporting and float hot paths; not for accounting). */
export function fixedToNumber(v: Fixed): number {
  const q = v / FIXED_ONE;
  const r = v - q * FIXED_ONE;
  return Number(q) + Number(r) / 1e12;
}

/** Exact decimal string with up to 12 decimals and no trailing zeros. */
export function fixedToString(v: Fixed): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const q = a / FIXED_ONE;
  const r = a % FIXED_ONE;
  let s = q.toString();
  if (r !== 0n) s += '.' + r.toString().padStart(FIXED_DECIMALS, '0').replace(/0+$/, '');
  return neg ? '-' + s : s;
}

/** a × b, rounded half-even to 10^-12. */
export function fixedMul(a: Fixed, b: Fixed): Fixed {
  return divRoundHalfEven(a * b, FIXED_ONE);
}

/** a × b × c, rounded once, half-even. */
export function fixedMul3(a: Fixed, b: Fixed, c: Fixed): Fixed {
  return divRoundHalfEven(a * b * c, FIXED_ONE * FIXED_ONE);
}

/** a ÷ b, rounded half-even to 10^-12. */
export function fixedDiv(a: Fixed, b: Fixed): Fixed {
  if (b === 0n) throw new InvariantError('fixedDiv: division by zero');
  return divRoundHalfEven(a * FIXED_ONE, b);
}

/** Integer division n / d rounded half to even (banker's rounding), for any signs. */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = r < 0n ? -1n : 1n;
  if (twice > d || (twice === d && (q & 1n) !== 0n)) q += away;
  return q;
}

/** Rounds v to a multiple of `step` (half-even). */
export function fixedRoundToStep(v: Fixed, step: Fixed): Fixed {
  return divRoundHalfEven(v, step) * step;
}

/** 10^n as bigint, 0 ≤ n < 40. */
export function pow10(n: number): bigint {
  const p = POW10[n];
  if (p === undefined) throw new InvariantError(`pow10 out of range: ${n}`);
  return p;
}

export function fixedAbs(v: Fixed): Fixed {
  return v < 0n ? -v : v;
}

// Every number Hyperliquid's wire carries as text: request prices, sizes and amounts in canonical form (the server
// re-hashes it), and answer numbers as the venue writes them ("30135.0"), which the local venue serves.
import { BadInputError } from '../../../core/errors.js';
import { divRoundHalfEven, fixedToString, type Fixed } from '../../../core/fixed.js';
import {
  compareDecimal, decimalToBigInt, decimalToString, isInteger, isZero, magnitude, parseDecimal, roundDecimal, shiftDecimal,
} from './decimal.js';
import type { Decimal, DecimalRounding } from './decimal.js';

/** Perp prices allow 6 − szDecimals decimals, spot 8 − szDecimals; both at most 5 significant figures. */
export type MarketKind = 'perp' | 'spot';

export const PRICE_SIG_FIGS = 5;
const MAX_DECIMALS: Readonly<Record<MarketKind, number>> = { perp: 6, spot: 8 };

/** Decimals a price of this magnitude may carry: min(5 sig figs, 6|8 − szDecimals), never below 0. */
export function allowedPriceDecimals(mag: number, szDecimals: number, market: MarketKind): number {
  return Math.max(0, Math.min(MAX_DECIMALS[market] - szDecimals, PRICE_SIG_FIGS - 1 - mag));
}

function checkSzDecimals(szDecimals: number, where: string): void {
  if (!(Number.isInteger(szDecimals) && szDecimals >= 0 && szDecimals <= 8)) {
    throw new BadInputError(where, `szDecimals must be an integer 0..8, got ${szDecimals}`);
  }
}

/**
 * A positive price as a wire string under the venue's rule. Integers are always valid and pass
 * unchanged (123456 stays "123456"; writing "123456.0" and cutting it to 5 sig figs is a known
 * client bug). Otherwise the price is rounded, in `mode`, to min(5 significant figures,
 * 6|8 − szDecimals) decimals; above 99999 that is a whole number, which is always valid. Throws
 * when the price is not a positive number or rounds to 0.
 */
export function formatPrice(raw: string | number, szDecimals: number, market: MarketKind, mode: DecimalRounding, where: string): string {
  checkSzDecimals(szDecimals, where);
  const d = parseDecimal(raw, where);
  if (d.neg || isZero(d)) throw new BadInputError(where, `price must be > 0, got ${JSON.stringify(raw)}`);
  if (isInteger(d)) return decimalToString(d);
  const rounded = roundDecimal(d, allowedPriceDecimals(magnitude(d) as number, szDecimals, market), mode);
  if (isZero(rounded)) throw new BadInputError(where, `price ${JSON.stringify(raw)} rounds to 0 (at most ${MAX_DECIMALS[market] - szDecimals} decimals for szDecimals ${szDecimals})`);
  return decimalToString(rounded);
}

/** True when `raw` is already a valid wire price (so formatting it in any mode leaves it unchanged). */
export function isValidPrice(raw: string | number, szDecimals: number, market: MarketKind): boolean {
  const d = parseDecimal(raw, 'price');
  if (d.neg || isZero(d)) return false;
  if (isInteger(d)) return true;
  return compareDecimal(roundDecimal(d, allowedPriceDecimals(magnitude(d) as number, szDecimals, market), 'toward-zero'), d) === 0;
}

/**
 * A size as a wire string: truncated (toward zero, so an order never grows) to szDecimals
 * decimals. Throws when it truncates to 0: outside `positionTpsl` a zero size is "Order has zero
 * size", inside it silently means "the whole position".
 */
export function formatSize(raw: string | number, szDecimals: number, where: string): string {
  checkSzDecimals(szDecimals, where);
  const d = parseDecimal(raw, where);
  const t = roundDecimal(d, szDecimals, 'toward-zero');
  if (isZero(t)) throw new BadInputError(where, `size ${JSON.stringify(raw)} truncates to 0 at szDecimals ${szDecimals} (smallest size ${decimalToString({ neg: false, units: 1n, scale: szDecimals })})`);
  return decimalToString(t);
}

/** |a − b| ≥ 10^−k, exactly. */
function differsBy(a: Decimal, b: Decimal, k: number): boolean {
  const s = Math.max(a.scale, b.scale, k);
  const av = (a.neg ? -1n : 1n) * a.units * 10n ** BigInt(s - a.scale);
  const bv = (b.neg ? -1n : 1n) * b.units * 10n ** BigInt(s - b.scale);
  const diff = av > bv ? av - bv : bv - av;
  return diff >= 10n ** BigInt(s - k);
}

/**
 * The Python SDK's `float_to_wire` (also Rust's `float_to_string_for_hashing` when `strict` is
 * false): 8 decimals, no trailing zeros, no exponent, "-0" → "0". Strict mode refuses a value that
 * 8 decimals would move by ≥ 1e-12 instead of silently rounding it (round to szDecimals first).
 */
export function floatToWire(x: number | string, where: string, strict = true): string {
  const d = parseDecimal(x, where);
  const r = roundDecimal(d, 8, 'nearest');
  if (strict && differsBy(d, r, 12)) throw new BadInputError(where, `${x} has more than 8 decimals; rounding it for the wire would change the value`);
  return decimalToString(r);
}

/**
 * The Python SDK's `float_to_int_for_hashing` (power 8) and `float_to_usd_int` (power 6):
 * round(x × 10^power), refusing a value that this moves by ≥ 0.001 units. Exact on the decimal
 * digits, so 123123123123 × 10^8 is 12312312312300000000 (beyond 2^53) rather than a float.
 */
export function floatToIntForHashing(x: number | string, where: string, power = 8): bigint {
  const d = shiftDecimal(parseDecimal(x, where), power);
  const r = roundDecimal(d, 0, 'nearest');
  if (differsBy(d, r, 3)) throw new BadInputError(where, `${x} × 10^${power} is not an integer (float_to_int causes rounding)`);
  return decimalToBigInt(r) as bigint;
}

/** A non-negative decimal amount (USDC) in canonical form, e.g. for usdClassTransfer. */
export function formatAmount(raw: string | number, where: string, maxDecimals = 6): string {
  const d = parseDecimal(raw, where);
  if (d.neg || isZero(d)) throw new BadInputError(where, `amount must be > 0, got ${JSON.stringify(raw)}`);
  if (d.scale > maxDecimals) throw new BadInputError(where, `amount ${JSON.stringify(raw)} has more than ${maxDecimals} decimals`);
  return decimalToString(d);
}

// ---- answers: numbers as the venue writes them ----

/**
 * A number as the venue writes it in answers: plain decimal, never an exponent, integers with ".0"
 * ("30135.0", "0.001565"), which is what the recorded responses show.
 */
export function wireNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`wireNumber: not finite: ${x}`);
  if (x === 0) return '0.0';
  let s = String(x);
  // The shortest round-trip text, expanded exactly on its digits when JavaScript chose an exponent.
  if (s.includes('e')) s = decimalToString(parseDecimal(s, 'wireNumber'));
  return s.includes('.') ? s : s + '.0';
}

/** A USD amount rounded to 6 decimals (the venue's precision for balances and PnL). */
export function wireUsd(x: number): string {
  const r = Math.round(x * 1e6) / 1e6;
  return wireNumber(r === 0 ? 0 : r);
}

/** An exact fixed-point amount rounded half-even to 6 decimals, written as the venue does. */
export function wireFixedUsd(v: Fixed): string {
  return wireFixed(divRoundHalfEven(v, 1_000_000n) * 1_000_000n);
}

/** An exact fixed-point value (a size, a signed position) written as the venue does. */
export function wireFixed(v: Fixed): string {
  const s = fixedToString(v);
  return s === '0' || s === '-0' ? '0.0' : s.includes('.') ? s : s + '.0';
}

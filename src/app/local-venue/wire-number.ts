// Decimal strings as Hyperliquid writes and reads them: "106217.0", "0.001"; canonical forms for signing.
import { divRoundHalfEven, fixedToString, type Fixed } from '../../core/fixed.js';

const UNSIGNED_DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/**
 * A number as the venue writes it: plain decimal, never an exponent, integers with ".0"
 * ("30135.0", "0.001565"), which is what the recorded responses show.
 */
export function wireNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`wireNumber: not finite: ${x}`);
  if (x === 0) return '0.0';
  let s = String(x);
  if (s.includes('e')) s = expandExponent(s);
  return s.includes('.') ? s : s + '.0';
}

/** A USD amount rounded to 6 decimals (the venue's precision for balances and PnL). */
export function wireUsd(x: number): string {
  const r = Math.round(x * 1e6) / 1e6;
  return wireNumber(r === 0 ? 0 : r);
}

/** An exact fixed-point amount rounded half-even to 6 decimals, written as the venue does. */
export function wireFixedUsd(v: Fixed): string {
  const r = divRoundHalfEven(v, 1_000_000n) * 1_000_000n;
  const s = fixedToString(r);
  return s === '0' || s === '-0' ? '0.0' : s.includes('.') ? s : s + '.0';
}

/** An exact fixed-point value (a size, a signed position) written as the venue does. */
export function wireFixed(v: Fixed): string {
  const s = fixedToString(v);
  return s === '0' || s === '-0' ? '0.0' : s.includes('.') ? s : s + '.0';
}

/** Parses an unsigned decimal string ("0.01", "100"); undefined when it is not one. */
export function parseUnsignedDecimal(text: unknown): number | undefined {
  if (typeof text !== 'string' || !UNSIGNED_DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The canonical form the venue hashes ("25.20" → "25.2", "100.0" → "100", "007" → "7"): it signs
 * its own re-serialisation of the numbers, so a client that signed "25.20" fails verification.
 * Undefined when `text` is not an unsigned decimal.
 */
export function canonicalDecimal(text: unknown): string | undefined {
  if (typeof text !== 'string' || !UNSIGNED_DECIMAL.test(text)) return undefined;
  const dot = text.indexOf('.');
  let int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? '' : text.slice(dot + 1);
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/** Number of decimals written in a decimal string ("0.0147" → 4). */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** "1e-7" → "0.0000001", "1.5e+21" → "1500000000000000000000" (exact digit shuffling, no float noise). */
function expandExponent(s: string): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [mant, expText] = body.split('e');
  const exp = Number(expText);
  const [ip, fp = ''] = mant.split('.');
  const digits = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  out = out.includes('.') ? out.replace(/0+$/, '').replace(/\.$/, '') : out;
  return (neg ? '-' : '') + out;
}

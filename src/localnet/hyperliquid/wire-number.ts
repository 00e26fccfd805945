// Numbers as the local venue writes them in its answers: "106217.0", "0.001" (requests are read by venues/hyperliquid/wire/decimal.ts).
import { divRoundHalfEven, fixedToString, type Fixed } from '../../core/fixed.js';

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

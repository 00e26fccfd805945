// Signatures as /exchange wants them: {r, s} as 0x + 64 hex (zero-padded), v 27 or 28.
import type { Hex } from 'viem';
import { BadInputError } from '../../../core/errors.js';

export interface Signature {
  readonly r: Hex;
  readonly s: Hex;
  readonly v: 27 | 28;
}

/** Pads r or s to 32 bytes; accepts the unpadded form the Python SDK prints (to_hex(int)). */
export function padWord(raw: unknown, where: string): Hex {
  if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(raw)) throw new BadInputError(where, `expected 0x + 1..64 hex digits, got ${JSON.stringify(raw)}`);
  return `0x${raw.slice(2).toLowerCase().padStart(64, '0')}`;
}

/** v as 27/28; the 0/1 (y parity) form is normalised. */
export function normaliseV(raw: unknown, where: string): 27 | 28 {
  if (raw === 27 || raw === 0) return 27;
  if (raw === 28 || raw === 1) return 28;
  throw new BadInputError(where, `expected v 27 or 28 (or 0/1), got ${JSON.stringify(raw)}`);
}

/** Validates and normalises a signature object from the wire. */
export function parseSignature(raw: unknown, where = 'signature'): Signature {
  if (raw === null || typeof raw !== 'object') throw new BadInputError(where, 'expected {r, s, v}');
  const o = raw as Record<string, unknown>;
  return { r: padWord(o.r, `${where}.r`), s: padWord(o.s, `${where}.s`), v: normaliseV(o.v, `${where}.v`) };
}

/** Splits a 65-byte r ‖ s ‖ v signature (as viem returns it). */
export function splitSignature(hex: Hex): Signature {
  if (!/^0x[0-9a-fA-F]{130}$/.test(hex)) throw new BadInputError('signature', `expected 65 bytes of hex, got ${hex.length} characters`);
  return { r: `0x${hex.slice(2, 66).toLowerCase()}`, s: `0x${hex.slice(66, 130).toLowerCase()}`, v: normaliseV(parseInt(hex.slice(130, 132), 16), 'signature.v') };
}

/** r ‖ s ‖ v as 65 bytes of hex (for recovery). */
export function joinSignature(sig: Signature): Hex {
  return `0x${padWord(sig.r, 'signature.r').slice(2)}${padWord(sig.s, 'signature.s').slice(2)}${sig.v.toString(16)}`;
}

/**
 * Strips leading zero nibbles from r and s (0x0abc → 0xabc). Multi-sig inner signatures are
 * hashed in this form by the SDKs, so the wrapper must carry exactly it.
 */
export function trimSignature(sig: Signature): Signature {
  const trim = (h: Hex): Hex => `0x${h.slice(2).replace(/^0+(?=.)/, '')}`;
  return { r: trim(sig.r), s: trim(sig.s), v: sig.v };
}

/** True when both signatures are the same 256-bit r, s and the same v (padding ignored). */
export function sameSignature(a: Signature, b: Signature): boolean {
  return BigInt(a.r) === BigInt(b.r) && BigInt(a.s) === BigInt(b.s) && a.v === b.v;
}

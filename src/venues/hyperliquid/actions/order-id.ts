// Venue order ids: a positive integer oid (often above 2^32) or a cloid; either can address modify and orderStatus.
import { BadInputError } from '../../../core/errors.js';
import { isCloid } from './cloid.js';
import type { Cloid } from './cloid.js';

export function parseOid(raw: unknown, where: string): number {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return raw;
  throw new BadInputError(where, `expected a positive integer oid, got ${JSON.stringify(raw)}`);
}

/** An oid or a cloid (modify accepts both). */
export function parseOidOrCloid(raw: unknown, where: string): number | Cloid {
  if (isCloid(raw)) return raw;
  if (typeof raw === 'string') throw new BadInputError(where, `expected an oid or a cloid ("0x" + 32 lowercase hex), got ${JSON.stringify(raw)}`);
  return parseOid(raw, where);
}

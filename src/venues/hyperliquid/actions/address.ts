// EVM addresses placed in signed actions: validated once and lowercased (mixed case changes the hash).
import { BadInputError } from '../../../core/errors.js';
import type { Address } from './wire-types.js';

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** "0x" + 40 hex digits, returned lowercase. */
export function parseAddress(raw: unknown, where: string): Address {
  if (typeof raw !== 'string' || !ADDRESS_RE.test(raw)) throw new BadInputError(where, `expected an address ("0x" + 40 hex digits), got ${JSON.stringify(raw)}`);
  return raw.toLowerCase() as Address;
}

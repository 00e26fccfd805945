// Client order ids (cloids): exactly "0x" + 32 lowercase hex digits (16 bytes); derived deterministically from our client ids.
import { keccak256, toBytes } from 'viem';
import { BadInputError } from '../../../core/errors.js';

export type Cloid = `0x${string}`;

const CLOID_RE = /^0x[0-9a-f]{32}$/;

export function isCloid(raw: unknown): raw is Cloid {
  return typeof raw === 'string' && CLOID_RE.test(raw);
}

/**
 * Validates a cloid. Uppercase hex is refused rather than lowercased: the hash covers the exact
 * string, and the venue answers with its lowercase form, so a silently fixed id would never match.
 */
export function parseCloid(raw: unknown, where: string): Cloid {
  if (isCloid(raw)) return raw;
  throw new BadInputError(where, `cloid must be "0x" followed by exactly 32 lowercase hex digits, got ${JSON.stringify(raw)}`);
}

/**
 * The cloid of one of our client order ids: the first 16 bytes of keccak256(utf8(clientId)). The
 * client id is derived from the intent (DESIGN §4), so a retry or restart sends the same cloid and
 * the venue (and `orderStatus`) can recognise it. A client id that already is a cloid (the OMS
 * derives its own from the intent's dedupe key) is used as it is.
 */
export function cloidFromClientId(clientId: string): Cloid {
  if (clientId === '') throw new BadInputError('clientId', 'must not be empty');
  if (isCloid(clientId)) return clientId;
  return keccak256(toBytes(clientId)).slice(0, 34) as Cloid;
}

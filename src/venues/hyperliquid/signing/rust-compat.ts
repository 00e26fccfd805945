// The Rust SDK's msgpack quirk: rmp_serde packs alloy `Address` fields as bin (20 raw bytes), not as hex strings.
import { hexToBytes } from 'viem';
import { parseAddress } from '../actions/address.js';
import type { MsgpackValue } from './msgpack.js';

/**
 * Fields typed `Address` in the Rust SDK's action structs. rmp_serde is a non-human-readable
 * serializer, so these hash as msgpack bin; the Python and TypeScript SDKs (and this adapter)
 * send strings. Needed only to reproduce hashes computed by the Rust SDK.
 */
export const RUST_ADDRESS_FIELDS: Readonly<Record<string, readonly string[]>> = {
  approveAgent: ['agentAddress'],
  approveBuilderFee: ['builder'],
  vaultTransfer: ['vaultAddress'],
};

/** The action as the Rust SDK would pack it (top-level Address fields as raw bytes). */
export function rustCompatAction(action: MsgpackValue): MsgpackValue {
  if (action === null || typeof action !== 'object' || Array.isArray(action) || action instanceof Uint8Array) return action;
  const obj = action as Readonly<Record<string, MsgpackValue | undefined>>;
  const fields = typeof obj.type === 'string' ? RUST_ADDRESS_FIELDS[obj.type] : undefined;
  if (!fields) return action;
  const out: Record<string, MsgpackValue | undefined> = {};
  for (const [k, v] of Object.entries(obj)) {
    out[k] = fields.includes(k) && typeof v === 'string' ? hexToBytes(parseAddress(v, `action.${k}`)) : v;
  }
  return out;
}

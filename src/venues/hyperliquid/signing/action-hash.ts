// The L1 action hash (connection id): keccak256(msgpack(action) ‖ nonce ‖ vault flag [‖ address] [‖ 0x00 ‖ expiresAfter]).
import { hexToBytes, keccak256 } from 'viem';
import type { Hex } from 'viem';
import { BadInputError } from '../../../core/errors.js';
import { parseAddress } from '../actions/address.js';
import { encodeMsgpack } from './msgpack.js';
import type { MsgpackValue } from './msgpack.js';

export interface ActionHashInput {
  /** The wire action (any builder's output, or a parsed request); its key order is the hashed order. */
  readonly action: MsgpackValue | object;
  readonly nonce: number | bigint;
  /** Sub-account or vault traded on behalf of (hashed as 0x01 ‖ 20 bytes; absent = 0x00). */
  readonly vaultAddress?: string | null;
  /** ms timestamp after which the venue rejects the action (hashed only when set). */
  readonly expiresAfter?: number | bigint | null;
}

function uint64(v: number | bigint, where: string): Uint8Array {
  const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n;
  if (b < 0n || b >= 1n << 64n) throw new BadInputError(where, `expected an unsigned 64-bit integer, got ${v}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, b);
  return out;
}

/** The exact bytes hashed into the connection id (exposed so tests can compare them with vectors). */
export function actionHashPreimage(input: ActionHashInput): Uint8Array {
  const parts: Uint8Array[] = [encodeMsgpack(input.action as MsgpackValue), uint64(input.nonce, 'nonce')];
  if (input.vaultAddress != null) parts.push(Uint8Array.of(1), hexToBytes(parseAddress(input.vaultAddress, 'vaultAddress')));
  else parts.push(Uint8Array.of(0));
  if (input.expiresAfter != null) parts.push(Uint8Array.of(0), uint64(input.expiresAfter, 'expiresAfter'));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The connection id an L1 signature signs (via the phantom agent). */
export function actionHash(input: ActionHashInput): Hex {
  return keccak256(actionHashPreimage(input));
}

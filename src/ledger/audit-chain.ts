// The audit hash chain: seals an entry onto the record before it (seq + 1, prevHash, SHA-256 over canonical JSON).
import { createHash } from 'node:crypto';
import { InvariantError } from '../core/errors.js';
import { canonicalJson } from './canonical-json.js';
import { GENESIS_HASH, type AuditEntry, type AuditRecord } from './audit-record.js';

/** Where the chain ends: the next record gets seq + 1 and prevHash = hash. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: 0, hash: GENESIS_HASH });

/** The canonical text a record's hash covers: every field but the hash, absent bot/symbol as null. */
export function auditHashInput(r: AuditEntry & { readonly seq: number; readonly prevHash: string }): string {
  return canonicalJson(
    { seq: r.seq, ts: r.ts, kind: r.kind, botId: r.botId ?? null, symbol: r.symbol ?? null, data: r.data, prevHash: r.prevHash },
    `audit record ${r.seq}`,
  );
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash `r` must carry. */
export function auditHash(r: AuditEntry & { readonly seq: number; readonly prevHash: string }): string {
  return sha256Hex(auditHashInput(r));
}

/**
 * Seals `entry` after `head`. Refuses (BadInputError from the encoder) data that is not plain
 * JSON or holds NaN/Infinity, and a timestamp that is not a whole number of ms.
 */
export function sealAuditEntry(head: ChainHead, entry: AuditEntry): AuditRecord {
  if (!Number.isSafeInteger(entry.ts)) throw new InvariantError(`audit ${entry.kind}: ts must be whole ms, got ${String(entry.ts)}`);
  const unsealed = { ...stripUndefined(entry), seq: head.seq + 1, prevHash: head.hash };
  return Object.freeze({ ...unsealed, hash: auditHash(unsealed) }) as AuditRecord;
}

function stripUndefined(e: AuditEntry): AuditEntry {
  const out: Record<string, unknown> = { kind: e.kind, ts: e.ts, data: e.data };
  if (e.botId !== undefined) out.botId = e.botId;
  if (e.symbol !== undefined) out.symbol = e.symbol;
  return out as unknown as AuditEntry;
}

// The audit trail's storage port: append sealed records atomically, read them back in seq order.
import type { AuditEntry, AuditKind } from './audit-record.js';
import type { ChainHead } from './audit-chain.js';

/** A stored row as read back, before any check: `data` is the stored JSON text, `kind` unchecked. */
export interface StoredAuditRow {
  readonly seq: number;
  readonly ts: number;
  readonly kind: string;
  readonly botId: string | undefined;
  readonly symbol: string | undefined;
  readonly data: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditQuery {
  /** Rows with seq ≥ fromSeq (default 1). */
  readonly fromSeq?: number;
  /** Rows with ts ≥ since (ms UTC). */
  readonly since?: number;
  readonly botId?: string;
  readonly symbol?: string;
  readonly kind?: AuditKind;
  /** At most this many rows. */
  readonly limit?: number;
  /** 'last': the newest `limit` rows (still returned in seq order). Default 'first'. */
  readonly end?: 'first' | 'last';
}

export interface AuditLogStore {
  /**
   * Seals `entries` onto the stored head and writes them in one transaction that holds the write
   * lock from the read of the head to the commit (so two writers never fork the chain). Resolves
   * once committed; returns the records' heads in order.
   */
  appendAudit(entries: readonly AuditEntry[]): Promise<readonly ChainHead[]>;
  /** Rows matching `q`, in seq order. */
  readAudit(q?: AuditQuery): Promise<readonly StoredAuditRow[]>;
  /** The stored head (EMPTY_HEAD when there are no records). */
  auditHead(): Promise<ChainHead>;
}

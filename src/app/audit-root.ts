// The audit trail's composition root: opens an existing store, verifies its chain, or pages its records for `sextant audit`.
import type { Clock } from '../core/clock.js';
import { BadInputError } from '../core/errors.js';
import type { AuditQuery, StoredAuditRow } from '../ledger/audit-port.js';
import { verifyAuditChain, type AuditVerdict } from '../ledger/audit-verify.js';
import { auditLogFromJsonLines } from '../ledger/audit-jsonl-log.js';
import { readFileSync, statSync } from 'node:fs';
import { requireExistingStore, withStore } from '../store/open-store.js';

const HINT = 'the daemon writes its audit trail there';

/** Verifies the chain in the store at `path` (which must exist; `shown` names it in errors). */
export async function verifyAuditTrail(path: string, shown: string, clock: Clock): Promise<AuditVerdict> {
  requireExistingStore(path, HINT, shown);
  return withStore(path, { clock }, (store) => verifyAuditChain(store.audit));
}

/** Verifies an exported copy (`sextant audit show --json > FILE`). */
export async function verifyAuditExport(path: string, shown: string): Promise<AuditVerdict> {
  let text: string;
  try {
    // A FIFO without a writer would block the read for ever.
    const st = statSync(path, { throwIfNoEntry: false });
    if (st !== undefined && !st.isFile()) throw new BadInputError('--file', `${shown} is not a regular file (give an export: sextant audit show --json > FILE)`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw new BadInputError('--file', `cannot read ${shown}: ${(e as Error).message}`, { cause: e });
  }
  return verifyAuditChain(auditLogFromJsonLines(text, shown));
}

export interface AuditShowQuery extends Omit<AuditQuery, 'fromSeq' | 'end'> {
  /** With `limit`: the newest `limit` matching records; without: all of them. */
  readonly limit?: number;
}

/**
 * Hands the matching records to `page`, page by page in seq order, from one open store (closed
 * afterwards, also when `page` throws: a closed pipe stops the reading).
 */
export async function showAuditTrail(path: string, shown: string, clock: Clock, q: AuditShowQuery, page: (rows: readonly StoredAuditRow[]) => Promise<void>, pageSize = 500): Promise<void> {
  requireExistingStore(path, HINT, shown);
  await withStore(path, { clock }, async (store) => {
    let from = 1;
    if (q.limit !== undefined) {
      // The newest `limit`: find where they start, then page forward from there.
      const newest = await store.audit.readAudit({ ...q, limit: q.limit, end: 'last' });
      if (newest.length === 0) return;
      from = newest[0].seq;
    }
    let left = q.limit ?? Infinity;
    while (left > 0) {
      const rows = await store.audit.readAudit({ ...q, fromSeq: from, limit: Math.min(pageSize, left) });
      if (rows.length === 0) return;
      await page(rows);
      left -= rows.length;
      from = rows[rows.length - 1].seq + 1;
    }
  });
}

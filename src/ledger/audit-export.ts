// The audit trail as JSON lines: one stored record per line, in seq order, read page by page.
import type { AuditLogStore, AuditQuery, StoredAuditRow } from './audit-port.js';
import { canonicalJson } from './canonical-json.js';

/** One record as a JSON object: data parsed when it parses, else kept as the stored text. */
export function auditRowJson(r: StoredAuditRow): Record<string, unknown> {
  let data: unknown = r.data;
  try {
    data = JSON.parse(r.data);
  } catch {
    // Kept as text: an export must show a damaged row as it is, not fail on it.
  }
  return { seq: r.seq, ts: r.ts, kind: r.kind, botId: r.botId ?? null, symbol: r.symbol ?? null, data, prevHash: r.prevHash, hash: r.hash };
}

/** Yields the records matching `q` (fromSeq/limit are used for paging) as lines ending in '\n'. */
export async function* auditJsonLines(log: AuditLogStore, q: Omit<AuditQuery, 'fromSeq' | 'end'> = {}, page = 1000): AsyncGenerator<string> {
  let from = 1;
  let left = q.limit ?? Infinity;
  while (left > 0) {
    const rows = await log.readAudit({ ...q, fromSeq: from, limit: Math.min(page, left) });
    if (rows.length === 0) return;
    for (const r of rows) yield canonicalJson(auditRowJson(r), `audit record ${r.seq}`) + '\n';
    left -= rows.length;
    from = rows[rows.length - 1].seq + 1;
  }
}

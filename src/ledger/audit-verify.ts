// Walks the audit chain from seq 1 and names the first broken link: which record, the hashes that disagree, and what was done.
import { auditHash, EMPTY_HEAD, type ChainHead } from './audit-chain.js';
import type { AuditLogStore, StoredAuditRow } from './audit-port.js';
import { isAuditKind, type AuditEntry, type AuditRecord } from './audit-record.js';

/** What the tampering most likely was, judged from the hashes alone. */
export type AuditChange = 'edited' | 'deleted' | 'reordered' | 'inserted';

export interface AuditBreak {
  /** The stored seq of the first record that does not fit the chain. */
  readonly seq: number;
  readonly change: AuditChange;
  /** The hash the chain expects there, and the one found (record hash or link, as `detail` says). */
  readonly expected: string;
  readonly found: string;
  readonly detail: string;
}

export type AuditVerdict =
  | { readonly ok: true; readonly records: number; readonly head: ChainHead }
  | { readonly ok: false; readonly records: number; readonly head: ChainHead; readonly broken: AuditBreak };

/** How far from its stored place a moved record is looked for (each probe is one hash). */
const MOVE_WINDOW = 64;
const PAGE = 1000;

/** The record a stored row claims to be, or why it cannot be one (then it was edited). */
export function parseAuditRow(row: StoredAuditRow): AuditRecord | string {
  if (!isAuditKind(row.kind)) return `kind ${JSON.stringify(row.kind)} is not an audit kind`;
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch {
    return 'data is not valid JSON';
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'data is not a JSON object';
  const r: Record<string, unknown> = { seq: row.seq, ts: row.ts, kind: row.kind, data, prevHash: row.prevHash, hash: row.hash };
  if (row.botId !== undefined) r.botId = row.botId;
  if (row.symbol !== undefined) r.symbol = row.symbol;
  return r as unknown as AuditRecord;
}

function hashAs(r: AuditRecord, seq: number): string {
  return auditHash({ ...(r as AuditEntry), seq, prevHash: r.prevHash });
}

/** Verifies the whole chain in seq order, reading it page by page. */
export async function verifyAuditChain(log: Pick<AuditLogStore, 'readAudit'>): Promise<AuditVerdict> {
  let head: ChainHead = EMPTY_HEAD;
  let records = 0;
  const rowAt = async (seq: number): Promise<AuditRecord | undefined> => {
    if (seq < 1) return undefined;
    const [row] = await log.readAudit({ fromSeq: seq, limit: 1 });
    if (row === undefined || row.seq !== seq) return undefined;
    const r = parseAuditRow(row);
    return typeof r === 'string' ? undefined : r;
  };
  for (;;) {
    const rows = await log.readAudit({ fromSeq: head.seq + 1, limit: PAGE });
    if (rows.length === 0) return { ok: true, records, head };
    for (const row of rows) {
      const broken = await check(row, head, rowAt);
      if (broken !== undefined) return { ok: false, records, head, broken };
      head = { seq: row.seq, hash: row.hash };
      records++;
    }
  }
}

async function check(row: StoredAuditRow, prev: ChainHead, rowAt: (seq: number) => Promise<AuditRecord | undefined>): Promise<AuditBreak | undefined> {
  const e = prev.seq + 1;
  const parsed = parseAuditRow(row);
  const computed = typeof parsed === 'string' ? undefined : hashAs(parsed, parsed.seq);
  const contentOk = computed === row.hash;
  const linkOk = row.prevHash === prev.hash;
  if (contentOk && linkOk && row.seq === e) return undefined;
  const at = (change: AuditChange, expected: string, found: string, detail: string): AuditBreak => ({ seq: row.seq, change, expected, found, detail });

  if (!contentOk) {
    const content = computed ?? '(unreadable)';
    if (typeof parsed !== 'string') {
      const s = writtenAs(parsed);
      if (s !== undefined) {
        const other = await rowAt(s);
        if (other !== undefined && hashAs(other, row.seq) === other.hash) {
          return at('reordered', content, row.hash, `records at seq ${row.seq} and ${s} swapped places (each hashes as the other's seq)`);
        }
        if (s > e) return at('deleted', prev.hash, row.prevHash, `record${s - e > 1 ? `s written as seq ${e}..${s - 1} were` : ` written as seq ${e} was`} deleted and later records renumbered: the record now at seq ${row.seq} was written as seq ${s}`);
        if (s < e || s < row.seq) return at('inserted', content, row.hash, `${row.seq - s} record(s) inserted before seq ${row.seq}: the record there was written as seq ${s}`);
        return at('reordered', content, row.hash, `the record at seq ${row.seq} was written as seq ${s}`);
      }
    }
    const next = await rowAt(row.seq + 1);
    if (next !== undefined && next.prevHash === prev.hash && hashAs(next, e) === next.hash) {
      return at('inserted', prev.hash, row.prevHash, `the record at seq ${row.seq} is not part of the chain: the next record was written as seq ${e}, right after seq ${prev.seq}`);
    }
    const what = typeof parsed === 'string' ? parsed : 'its content (ts, kind, bot, symbol or data) hashes to another value than its stored hash';
    return at('edited', content, row.hash, `the record at seq ${row.seq} was edited: ${what}`);
  }
  if (row.seq !== e) {
    return at('deleted', prev.hash, row.prevHash, `record${row.seq - e > 1 ? `s seq ${e}..${row.seq - 1} are` : ` seq ${e} is`} missing: seq ${row.seq} follows seq ${prev.seq}`);
  }
  // Self-consistent and in place, but it does not link to the record before.
  const next = await rowAt(row.seq + 1);
  if (next !== undefined && next.prevHash === prev.hash && hashAs(next, e) === next.hash) {
    return at('inserted', prev.hash, row.prevHash, `the record at seq ${row.seq} is not part of the chain: the next record was written as seq ${e}, right after seq ${prev.seq}`);
  }
  return at(
    'edited',
    prev.hash,
    row.prevHash,
    prev.seq === 0
      ? `the first record links to ${row.prevHash.slice(0, 12)}…, not the genesis hash: earlier records were removed, or it was edited and rehashed`
      : `seq ${row.seq} links to a record that is no longer there: seq ${prev.seq} was edited and its hash recomputed (or this link was)`,
  );
}

function writtenAs(r: AuditRecord): number | undefined {
  for (let d = 1; d <= MOVE_WINDOW; d++) {
    for (const s of [r.seq - d, r.seq + d]) {
      if (s >= 1 && hashAs(r, s) === r.hash) return s;
    }
  }
  return undefined;
}

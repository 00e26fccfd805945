// AuditLogStore on SQLite: the hash chain sealed and inserted inside one IMMEDIATE transaction, rows read back verbatim.
import type Database from 'better-sqlite3';
import { EMPTY_HEAD, sealAuditEntry, type ChainHead } from '../../ledger/audit-chain.js';
import type { AuditLogStore, AuditQuery, StoredAuditRow } from '../../ledger/audit-port.js';
import type { AuditEntry } from '../../ledger/audit-record.js';
import { canonicalJson } from '../../ledger/canonical-json.js';

interface AuditRow {
  seq: number;
  ts: number;
  kind: string;
  bot_id: string | null;
  symbol: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

const fromRow = (r: AuditRow): StoredAuditRow => ({
  seq: r.seq,
  ts: r.ts,
  kind: r.kind,
  botId: r.bot_id ?? undefined,
  symbol: r.symbol ?? undefined,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export function sqliteAuditLog(db: Database.Database): AuditLogStore {
  const insert = db.prepare('INSERT INTO audit_log (seq, ts, kind, bot_id, symbol, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const headNow = (): ChainHead => (last.get() as ChainHead | undefined) ?? EMPTY_HEAD;
  const append = db.transaction((entries: readonly AuditEntry[]): ChainHead[] => {
    let head = headNow();
    const out: ChainHead[] = [];
    for (const e of entries) {
      const r = sealAuditEntry(head, e);
      insert.run(r.seq, r.ts, r.kind, r.botId ?? null, r.symbol ?? null, canonicalJson(r.data, `audit ${r.kind} data`), r.prevHash, r.hash);
      head = { seq: r.seq, hash: r.hash };
      out.push(head);
    }
    return out;
  });
  return {
    appendAudit: async (entries) => append.immediate(entries),
    auditHead: async () => headNow(),
    async readAudit(q: AuditQuery = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const when = (cond: string, v: string | number | undefined): void => {
        if (v === undefined) return;
        where.push(cond);
        params.push(v);
      };
      when('seq >= ?', q.fromSeq);
      when('ts >= ?', q.since);
      when('bot_id = ?', q.botId);
      when('symbol = ?', q.symbol);
      when('kind = ?', q.kind);
      const newest = q.end === 'last';
      let sql = `SELECT * FROM audit_log${where.length > 0 ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY seq${newest ? ' DESC' : ''}`;
      if (q.limit !== undefined) {
        sql += ' LIMIT ?';
        params.push(q.limit);
      }
      const rows = (db.prepare(sql).all(...params) as AuditRow[]).map(fromRow);
      return newest ? rows.reverse() : rows;
    },
  };
}

// An exported audit trail (JSON lines) read back as a read-only log, so `verify` checks a copy kept elsewhere.
import { BadInputError } from '../core/errors.js';
import type { AuditLogStore, AuditQuery, StoredAuditRow } from './audit-port.js';
import { canonicalJson } from './canonical-json.js';

const HEX64 = /^[0-9a-f]{64}$/;

/** Parses the lines `auditJsonLines` wrote; a line that is not such a record is a BadInputError naming `where:line`. */
export function auditLogFromJsonLines(text: string, where: string): Pick<AuditLogStore, 'readAudit'> {
  const rows: StoredAuditRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const at = `${where}:${i + 1}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      throw new BadInputError(at, 'not a JSON line', { cause: e });
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new BadInputError(at, 'expected a JSON object per line');
    const { seq, ts, kind, botId, symbol, data, prevHash, hash } = o;
    if (!Number.isSafeInteger(seq) || (seq as number) < 1) throw new BadInputError(at, `seq: expected a whole number ≥ 1, got ${JSON.stringify(seq)}`);
    if (!Number.isSafeInteger(ts)) throw new BadInputError(at, `ts: expected whole ms, got ${JSON.stringify(ts)}`);
    if (typeof kind !== 'string') throw new BadInputError(at, 'kind: expected a string');
    if (typeof prevHash !== 'string' || !HEX64.test(prevHash) || typeof hash !== 'string' || !HEX64.test(hash)) throw new BadInputError(at, 'prevHash and hash: expected 64 hex digits');
    const opt = (v: unknown, name: string): string | undefined => {
      if (v === null || v === undefined) return undefined;
      if (typeof v !== 'string') throw new BadInputError(at, `${name}: expected a string or null`);
      return v;
    };
    rows.push({ seq: seq as number, ts: ts as number, kind, botId: opt(botId, 'botId'), symbol: opt(symbol, 'symbol'), data: typeof data === 'string' ? data : canonicalJson(data, `${at} data`), prevHash, hash });
  }
  rows.sort((a, b) => a.seq - b.seq);
  return {
    async readAudit(q: AuditQuery = {}) {
      let out = rows.filter(
        (r) =>
          r.seq >= (q.fromSeq ?? 1) &&
          (q.since === undefined || r.ts >= q.since) &&
          (q.botId === undefined || r.botId === q.botId) &&
          (q.symbol === undefined || r.symbol === q.symbol) &&
          (q.kind === undefined || r.kind === q.kind),
      );
      if (q.limit !== undefined) out = q.end === 'last' ? out.slice(-q.limit) : out.slice(0, q.limit);
      return out;
    },
  };
}

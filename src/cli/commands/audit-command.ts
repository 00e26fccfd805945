// `sextant audit verify|show`: checks the audit hash chain (naming the first broken link) and reads the trail as a table or JSON lines.
import { resolve } from 'node:path';
import { showAuditTrail, verifyAuditExport, verifyAuditTrail } from '../../app/audit-root.js';
import { isoTime, type Clock } from '../../core/clock.js';
import { LiveClock } from '../../core/live-clock.js';
import { BadInputError } from '../../core/errors.js';
import { escapeControls, quoteJson } from '../../core/quote-input.js';
import { auditRowJson } from '../../ledger/audit-export.js';
import { AUDIT_KINDS, isAuditKind } from '../../ledger/audit-record.js';
import type { StoredAuditRow } from '../../ledger/audit-port.js';
import { numberOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { parseFromOption } from '../date-option.js';
import { DEFAULT_DB } from './import-command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'db', kind: 'string', placeholder: 'FILE', help: `SQLite store (default ${DEFAULT_DB})` },
  { name: 'data-dir', kind: 'string', placeholder: 'DIR', help: 'the daemon’s data directory (its store is DIR/sextant.db)' },
  { name: 'file', kind: 'string', placeholder: 'FILE', help: 'verify: an exported copy (JSON lines, as show --json writes) instead of a store' },
  { name: 'since', kind: 'string', placeholder: 'ISO|1h', help: 'show: records from this time (ISO-8601 UTC) or this long ago (30s, 15m, 1h, 2d)' },
  { name: 'bot', kind: 'string', placeholder: 'ID', help: 'show: only this bot’s records' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'show: only this symbol’s records' },
  { name: 'kind', kind: 'string', placeholder: 'K', help: `show: only this kind (${AUDIT_KINDS.join(', ')})` },
  { name: 'limit', kind: 'string', placeholder: 'N', help: 'show: the newest N matching records (default all)' },
  { name: 'json', kind: 'flag', help: 'JSON: verify prints one object, show one record per line' },
];

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since 1h` (that long before now) or an ISO date; ms UTC. */
export function sinceOption(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/.exec(text);
  if (m !== null) return now - Number(m[1]) * UNITS[m[2]];
  if (!/^\d{4}-/.test(text.trim())) throw new BadInputError('--since', `expected an ISO time like 2026-12-07T12:00:00Z or a duration like 1h, got ${quoteJson(text)}`);
  return parseFromOption(text, '--since');
}

/** The store `--db` or `--data-dir` names: `arg` for messages, `path` resolved. */
function auditStore(args: ParsedArgs, cwd: string): { arg: string; path: string } {
  const db = args.values.get('db');
  const dir = args.values.get('data-dir');
  if (db !== undefined && dir !== undefined) throw new BadInputError('--db', 'give --db or --data-dir, not both');
  const arg = db ?? (dir !== undefined ? `${dir.replace(/\/+$/, '')}/sextant.db` : DEFAULT_DB);
  return { arg, path: resolve(cwd, arg) };
}

/** One line of the table: the data as compact JSON, cut to fit a terminal; recorded text escaped so it cannot drive the terminal. */
function line(r: StoredAuditRow): string {
  const data = escapeControls(r.data.length > 100 ? r.data.slice(0, 99) + '…' : r.data);
  return `${String(r.seq).padStart(7)}  ${isoTime(r.ts)}  ${escapeControls(r.kind).padEnd(12)}  ${escapeControls(r.botId ?? '-').padEnd(12)}  ${escapeControls(r.symbol ?? '-').padEnd(8)}  ${data}\n`;
}
const HEADER = `${'seq'.padStart(7)}  ${'time'.padEnd(24)}  ${'kind'.padEnd(12)}  ${'bot'.padEnd(12)}  ${'symbol'.padEnd(8)}  data\n`;

export function makeAuditCommand(clock: Clock): Command {
  return {
    name: 'audit',
    summary: 'the hash-chained audit trail: verify the chain (names the first broken link), show records',
    usage: 'sextant audit verify [--db FILE|--data-dir DIR|--file EXPORT.jsonl] [--json] | show [--since ISO|1h] [--bot ID] [--symbol S] [--kind K] [--limit N] [--json]',
    options: OPTIONS,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const [sub, ...rest] = args.positionals;
      if (sub !== 'verify' && sub !== 'show') throw new BadInputError('audit', `expected a subcommand (verify, show), got ${quoteJson(sub ?? '')}`);
      if (rest.length > 0) throw new BadInputError(`audit ${sub}`, `unexpected argument ${quoteJson(rest[0])}`);
      const file = args.values.get('file');
      if (file !== undefined && (sub !== 'verify' || args.values.has('db') || args.values.has('data-dir'))) throw new BadInputError('--file', 'applies to audit verify only, instead of --db or --data-dir');
      const { arg, path } = file !== undefined ? { arg: file, path: resolve(io.cwd, file) } : auditStore(args, io.cwd);
      if (sub === 'verify') {
        for (const o of ['since', 'bot', 'symbol', 'kind', 'limit']) if (args.values.has(o)) throw new BadInputError(`--${o}`, 'applies to audit show only');
        const v = file !== undefined ? await verifyAuditExport(path, arg) : await verifyAuditTrail(path, arg, clock);
        if (args.flags.has('json')) io.out(JSON.stringify(v) + '\n');
        else if (v.ok) io.out(`audit chain intact: ${v.records} records in ${arg}; head seq ${v.head.seq} hash ${v.head.hash}\n`);
        else {
          const b = v.broken;
          io.out(
            `audit chain BROKEN at seq ${b.seq} (${b.change}): ${b.detail}\n` +
              `  expected ${b.expected}\n  found    ${b.found}\n` +
              `  ${v.records} records before it are intact (through seq ${v.head.seq})\n`,
          );
        }
        return v.ok ? 0 : 1;
      }
      const kind = args.values.get('kind');
      if (kind !== undefined && !isAuditKind(kind)) throw new BadInputError('--kind', `expected one of ${AUDIT_KINDS.join(', ')}, got ${quoteJson(kind)}`);
      const limit = numberOption(args, 'limit', (n) => (Number.isInteger(n) && n >= 1 ? undefined : 'expected a whole number ≥ 1'));
      const since = sinceOption(args.values.get('since'), clock.now());
      const json = args.flags.has('json');
      let shown = 0;
      await showAuditTrail(path, arg, clock, { since, botId: args.values.get('bot'), symbol: args.values.get('symbol'), kind: kind as typeof AUDIT_KINDS[number] | undefined, limit }, async (rows) => {
        if (io.closed.aborted) throw io.closed.reason;
        // The header comes with the first page: a store that cannot be opened leaves stdout empty.
        io.out((json || shown > 0 ? '' : HEADER) + rows.map((r) => (json ? JSON.stringify(auditRowJson(r)) + '\n' : line(r))).join(''));
        shown += rows.length;
        await io.drain();
      });
      if (!json && shown === 0) io.err(`no audit records in ${arg} match\n`);
      return 0;
    },
  };
}

export const auditCommand: Command = makeAuditCommand(new LiveClock());

// LedgerStore on SQLite: each account's append-only log, money as exact decimal text.
import type Database from 'better-sqlite3';
import { InvariantError } from '../../core/errors.js';
import { fixedFromString, fixedToString } from '../../core/fixed.js';
import type { Fixed } from '../../core/fixed.js';
import type { Side } from '../../core/orders.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import type { LedgerStore } from '../ports.js';

interface LedgerRow {
  seq: number;
  ts: number;
  kind: LedgerEntry['kind'];
  symbol: string | null;
  side: Side | null;
  qty: string | null;
  price: string | null;
  amount: string | null;
  fee: string | null;
  multiplier: string | null;
  rate: number | null;
  fill_id: string | null;
  order_id: string | null;
  note: string | null;
}

/** Reads a column the entry kind requires; NULL there means the row is corrupt. */
function need<T>(v: T | null, col: string, seq: number): T {
  if (v === null) throw new InvariantError(`ledger seq ${seq}: ${col} is NULL`);
  return v;
}

function fixed(text: string | null, col: string, seq: number): Fixed {
  return fixedFromString(need(text, col, seq), `ledger seq ${seq} ${col}`);
}

function fromRow(r: LedgerRow): LedgerEntry {
  switch (r.kind) {
    case 'deposit':
      return { kind: 'deposit', seq: r.seq, ts: r.ts, amount: fixed(r.amount, 'amount', r.seq), note: r.note ?? '' };
    case 'funding':
      return { kind: 'funding', seq: r.seq, ts: r.ts, symbol: need(r.symbol, 'symbol', r.seq), amount: fixed(r.amount, 'amount', r.seq), rate: need(r.rate, 'rate', r.seq) };
    case 'fill':
      return {
        kind: 'fill',
        seq: r.seq,
        ts: r.ts,
        symbol: need(r.symbol, 'symbol', r.seq),
        side: need(r.side, 'side', r.seq),
        qty: fixed(r.qty, 'qty', r.seq),
        price: fixed(r.price, 'price', r.seq),
        fee: fixed(r.fee, 'fee', r.seq),
        multiplier: fixed(r.multiplier, 'multiplier', r.seq),
        fillId: need(r.fill_id, 'fill_id', r.seq),
        orderId: need(r.order_id, 'order_id', r.seq),
        reason: r.note ?? '',
      };
  }
}

export function sqliteLedgerStore(db: Database.Database): LedgerStore {
  const insert = db.prepare(
    'INSERT INTO ledger (account, seq, ts, kind, symbol, side, qty, price, amount, fee, multiplier, rate, fill_id, order_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const lastSeq = db.prepare('SELECT max(seq) AS s FROM ledger WHERE account = ?');
  const read = db.prepare('SELECT * FROM ledger WHERE account = ? AND seq >= ? ORDER BY seq');
  const s = (v: Fixed): string => fixedToString(v);
  const append = db.transaction((account: string, entries: readonly LedgerEntry[]) => {
    let last = (lastSeq.get(account) as { s: number | null }).s ?? 0;
    for (const e of entries) {
      if (e.seq !== last + 1) throw new InvariantError(`ledger ${account}: entry seq ${e.seq} does not follow stored seq ${last}`);
      last = e.seq;
      switch (e.kind) {
        case 'deposit':
          insert.run(account, e.seq, e.ts, e.kind, null, null, null, null, s(e.amount), null, null, null, null, null, e.note);
          break;
        case 'funding':
          insert.run(account, e.seq, e.ts, e.kind, e.symbol, null, null, null, s(e.amount), null, null, e.rate, null, null, null);
          break;
        case 'fill':
          insert.run(account, e.seq, e.ts, e.kind, e.symbol, e.side, s(e.qty), s(e.price), null, s(e.fee), s(e.multiplier), null, e.fillId, e.orderId, e.reason);
          break;
      }
    }
  });
  return {
    appendLedger: async (account, entries) => append.immediate(account, entries),
    readLedger: async (account, fromSeq = 1) => (read.all(account, fromSeq) as LedgerRow[]).map(fromRow),
  };
}

// FillStore on SQLite: venue fills, unique on (venue, fill id); fees exact decimal text.
import type Database from 'better-sqlite3';
import { InvariantError } from '../../core/errors.js';
import { fixedFromString, fixedToString } from '../../core/fixed.js';
import type { Fill, Liquidity, Side } from '../../core/orders.js';
import type { FillStore } from '../ports.js';

interface FillRow {
  fill_id: string;
  order_id: string;
  client_id: string;
  symbol: string;
  side: Side;
  qty: number;
  price: number;
  fee: string;
  liquidity: Liquidity;
  ts: number;
  reason: string;
}

function fromRow(r: FillRow): Fill {
  return {
    type: 'order.filled',
    fillId: r.fill_id,
    orderId: r.order_id,
    clientId: r.client_id,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    price: r.price,
    fee: fixedFromString(r.fee, `fills ${r.fill_id}`),
    liquidity: r.liquidity,
    ts: r.ts,
    reason: r.reason,
  };
}

function sameFill(a: Fill, b: Fill): boolean {
  return a.orderId === b.orderId && a.clientId === b.clientId && a.symbol === b.symbol && a.side === b.side && a.qty === b.qty && a.price === b.price && a.fee === b.fee && a.liquidity === b.liquidity && a.ts === b.ts;
}

export function sqliteFillStore(db: Database.Database): FillStore {
  const insert = db.prepare(
    'INSERT INTO fills (venue, fill_id, order_id, client_id, symbol, side, qty, price, fee, liquidity, ts, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const byId = db.prepare('SELECT * FROM fills WHERE venue = ? AND fill_id = ?');
  const all = db.prepare('SELECT * FROM fills WHERE venue = @venue AND (@symbol IS NULL OR symbol = @symbol) ORDER BY ts, fill_id');
  const append = db.transaction((venue: string, f: Fill): boolean => {
    const res = insert.run(venue, f.fillId, f.orderId, f.clientId, f.symbol, f.side, f.qty, f.price, fixedToString(f.fee), f.liquidity, f.ts, f.reason);
    if (res.changes === 1) return true;
    const old = fromRow(byId.get(venue, f.fillId) as FillRow);
    if (!sameFill(old, f)) throw new InvariantError(`fill ${venue}/${f.fillId} already stored with different values`);
    return false;
  });
  return {
    appendFill: async (venue, fill) => append.immediate(venue, fill),
    listFills: async (venue, symbol) => (all.all({ venue, symbol: symbol ?? null }) as FillRow[]).map(fromRow),
  };
}

// OmsStore on SQLite: its own connection (WAL, synchronous NORMAL or FULL), intents unique by dedupe key, append-only transitions, fills unique by venue fill id.
import Database from 'better-sqlite3';
import { BadInputError, InvariantError } from '../../core/errors.js';
import { fixedFromString, fixedToString } from '../../core/fixed.js';
import type { Liquidity, OrderType, Side, TimeInForce } from '../../core/orders.js';
import type { OmsFill, OmsStore, SaveIntentResult, StoredOrder } from '../../oms/oms-store.js';
import type { OrderEvidence, OrderTransition } from '../../oms/order-evidence.js';
import type { OrderIntent } from '../../oms/order-intent.js';
import type { OrderEventKind, OrderStatus } from '../../oms/order-lifecycle.js';
import { openMigratedDatabase } from './open-database.js';

interface IntentRow {
  cloid: string;
  dedupe_key: string;
  bot_id: string;
  symbol: string;
  side: Side;
  qty: number;
  type: OrderType;
  price: number | null;
  trigger_price: number | null;
  tif: TimeInForce;
  reduce_only: number;
  reason: string;
  decision_ts: number;
  created_at: number;
}

interface OrderRow extends IntentRow {
  status: OrderStatus;
  venue_order_id: string | null;
  filled: number | null;
  sent_at: number;
  updated_at: number;
}

interface TransitionRow {
  cloid: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  event: OrderEventKind | 'created';
  venue_order_id: string | null;
  evidence: string;
  ts: number;
}

interface FillRow {
  fill_id: string;
  venue_order_id: string;
  cloid: string | null;
  symbol: string;
  side: Side;
  qty: number;
  price: number;
  fee: string;
  liquidity: Liquidity;
  ts: number;
  external: number;
  matched_by: string;
}

function intentOf(r: IntentRow): OrderIntent {
  return Object.freeze({
    intentId: r.cloid,
    dedupeKey: r.dedupe_key,
    cloid: r.cloid,
    botId: r.bot_id,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    type: r.type,
    ...(r.price !== null ? { price: r.price } : {}),
    ...(r.trigger_price !== null ? { triggerPrice: r.trigger_price } : {}),
    tif: r.tif,
    reduceOnly: r.reduce_only === 1,
    reason: r.reason,
    decisionTs: r.decision_ts,
  });
}

function orderOf(r: OrderRow): StoredOrder {
  return { intent: intentOf(r), status: r.status, venueOrderId: r.venue_order_id ?? undefined, filledQty: r.filled ?? 0, createdAt: r.created_at, sentAt: r.sent_at, updatedAt: r.updated_at };
}

function fillOf(r: FillRow): OmsFill {
  return {
    fillId: r.fill_id,
    venueOrderId: r.venue_order_id,
    cloid: r.cloid ?? undefined,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    price: r.price,
    fee: fixedFromString(r.fee, `oms_fills ${r.fill_id}`),
    liquidity: r.liquidity,
    ts: r.ts,
    external: r.external === 1,
    matchedBy: r.matched_by,
  };
}

const sameIntent = (a: OrderIntent, b: OrderIntent): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameFill = (a: OmsFill, b: OmsFill): boolean =>
  a.venueOrderId === b.venueOrderId && a.cloid === b.cloid && a.symbol === b.symbol && a.side === b.side && a.qty === b.qty && a.price === b.price && a.fee === b.fee && a.ts === b.ts;

// Status, oid, fills and send time are projections of the append-only rows, computed on read.
const ORDER_SELECT = `
  SELECT i.*,
    (SELECT t.to_status FROM oms_transitions t WHERE t.venue = i.venue AND t.cloid = i.cloid ORDER BY t.seq DESC LIMIT 1) AS status,
    (SELECT t.ts FROM oms_transitions t WHERE t.venue = i.venue AND t.cloid = i.cloid ORDER BY t.seq DESC LIMIT 1) AS updated_at,
    (SELECT t.ts FROM oms_transitions t WHERE t.venue = i.venue AND t.cloid = i.cloid AND t.event IN ('created', 'resent') ORDER BY t.seq DESC LIMIT 1) AS sent_at,
    coalesce((SELECT t.venue_order_id FROM oms_transitions t WHERE t.venue = i.venue AND t.cloid = i.cloid AND t.venue_order_id IS NOT NULL ORDER BY t.seq DESC LIMIT 1),
             (SELECT f.venue_order_id FROM oms_fills f WHERE f.venue = i.venue AND f.cloid = i.cloid LIMIT 1)) AS venue_order_id,
    (SELECT sum(f.qty) FROM oms_fills f WHERE f.venue = i.venue AND f.cloid = i.cloid) AS filled
  FROM oms_intents i WHERE i.venue = @venue`;

/** The OMS store over an open database (already migrated). */
export function sqliteOmsStore(db: Database.Database, venue: string, onClose: () => void = () => {}): OmsStore {
  const insertIntent = db.prepare(
    `INSERT INTO oms_intents (venue, cloid, dedupe_key, bot_id, symbol, side, qty, type, price, trigger_price, tif, reduce_only, reason, decision_ts, created_at)
     VALUES (@venue, @cloid, @dedupe_key, @bot_id, @symbol, @side, @qty, @type, @price, @trigger_price, @tif, @reduce_only, @reason, @decision_ts, @created_at) ON CONFLICT DO NOTHING`,
  );
  const insertTransition = db.prepare(
    'INSERT INTO oms_transitions (venue, cloid, from_status, to_status, event, venue_order_id, evidence, ts) VALUES (@venue, @cloid, @from_status, @to_status, @event, @venue_order_id, @evidence, @ts)',
  );
  const lastStatus = db.prepare('SELECT to_status FROM oms_transitions WHERE venue = ? AND cloid = ? ORDER BY seq DESC LIMIT 1').pluck();
  const byKey = db.prepare(`${ORDER_SELECT} AND i.dedupe_key = @key`);
  const byCloid = db.prepare(`${ORDER_SELECT} AND i.cloid = @cloid`);
  const allOrders = db.prepare(`${ORDER_SELECT} ORDER BY i.created_at, i.rowid`);
  const transitionsOf = db.prepare('SELECT * FROM oms_transitions WHERE venue = ? AND cloid = ? ORDER BY seq');
  const insertFill = db.prepare(
    `INSERT INTO oms_fills (venue, fill_id, venue_order_id, cloid, symbol, side, qty, price, fee, liquidity, ts, external, matched_by)
     VALUES (@venue, @fill_id, @venue_order_id, @cloid, @symbol, @side, @qty, @price, @fee, @liquidity, @ts, @external, @matched_by) ON CONFLICT DO NOTHING`,
  );
  const fillById = db.prepare('SELECT * FROM oms_fills WHERE venue = ? AND fill_id = ?');
  const allFills = db.prepare('SELECT * FROM oms_fills WHERE venue = ? ORDER BY ts, fill_id');
  const insertBaseline = db.prepare('INSERT INTO oms_position_baseline (venue, symbol, size, ts, evidence) VALUES (?, ?, ?, ?, ?)');
  const baseline = db.prepare('SELECT symbol, size FROM oms_position_baseline WHERE venue = ?');

  const transitionRow = (t: OrderTransition) => ({
    venue,
    cloid: t.cloid,
    from_status: t.from ?? null,
    to_status: t.to,
    event: t.event,
    venue_order_id: t.venueOrderId ?? null,
    evidence: JSON.stringify(t.evidence),
    ts: t.ts,
  });

  const save = db.transaction((intent: OrderIntent, ts: number): SaveIntentResult => {
    const res = insertIntent.run({
      venue,
      cloid: intent.cloid,
      dedupe_key: intent.dedupeKey,
      bot_id: intent.botId,
      symbol: intent.symbol,
      side: intent.side,
      qty: intent.qty,
      type: intent.type,
      price: intent.price ?? null,
      trigger_price: intent.triggerPrice ?? null,
      tif: intent.tif,
      reduce_only: intent.reduceOnly ? 1 : 0,
      reason: intent.reason,
      decision_ts: intent.decisionTs,
      created_at: ts,
    });
    if (res.changes === 0) {
      const row = byKey.get({ venue, key: intent.dedupeKey }) as OrderRow | undefined;
      if (row === undefined) throw new InvariantError(`intent ${intent.cloid}: cloid already stored under another dedupe key`);
      const stored = orderOf(row);
      if (!sameIntent(stored.intent, intent)) throw new InvariantError(`intent ${intent.dedupeKey} already stored with different terms`);
      return { created: false, order: stored };
    }
    const evidence: OrderEvidence = { kind: 'intent', note: 'stored before sending' };
    insertTransition.run(transitionRow({ cloid: intent.cloid, from: undefined, to: 'submitted', event: 'created', venueOrderId: undefined, evidence, ts }));
    return { created: true, order: orderOf(byCloid.get({ venue, cloid: intent.cloid }) as OrderRow) };
  });

  const append = db.transaction((t: OrderTransition): void => {
    const current = lastStatus.get(venue, t.cloid) as OrderStatus | undefined;
    if (current === undefined) throw new InvariantError(`transition of order ${t.cloid}: no such intent stored`);
    if (current !== t.from) throw new InvariantError(`transition of order ${t.cloid}: stored status is ${current}, the transition starts from ${t.from}`);
    insertTransition.run(transitionRow(t));
  });

  const addFill = db.transaction((f: OmsFill): boolean => {
    const res = insertFill.run({
      venue,
      fill_id: f.fillId,
      venue_order_id: f.venueOrderId,
      cloid: f.cloid ?? null,
      symbol: f.symbol,
      side: f.side,
      qty: f.qty,
      price: f.price,
      fee: fixedToString(f.fee),
      liquidity: f.liquidity,
      ts: f.ts,
      external: f.external ? 1 : 0,
      matched_by: f.matchedBy,
    });
    if (res.changes === 1) return true;
    const old = fillOf(fillById.get(venue, f.fillId) as FillRow);
    if (!sameFill(old, f)) throw new InvariantError(`fill ${venue}/${f.fillId} already stored with different values`);
    return false;
  });

  const adopt = db.transaction((positions: ReadonlyMap<string, number>, ts: number, evidence: string) => {
    for (const [symbol, size] of positions) {
      if (!Number.isFinite(size)) throw new BadInputError(`baseline ${symbol}`, `size must be finite, got ${size}`);
      insertBaseline.run(venue, symbol, size, ts, evidence);
    }
  });

  return {
    venue,
    saveIntent: async (intent, ts) => save.immediate(intent, ts),
    appendTransition: async (t) => append.immediate(t),
    appendFill: async (f) => addFill.immediate(f),
    loadOrders: async () => (allOrders.all({ venue }) as OrderRow[]).map(orderOf),
    transitions: async (cloid) =>
      (transitionsOf.all(venue, cloid) as TransitionRow[]).map((r) => ({
        cloid: r.cloid,
        from: r.from_status ?? undefined,
        to: r.to_status,
        event: r.event,
        venueOrderId: r.venue_order_id ?? undefined,
        evidence: JSON.parse(r.evidence) as OrderEvidence,
        ts: r.ts,
      })),
    listFills: async () => (allFills.all(venue) as FillRow[]).map(fillOf),
    adoptPositions: async (positions, ts, evidence) => adopt.immediate(positions, ts, evidence),
    baselinePositions: async () => new Map((baseline.all(venue) as { symbol: string; size: number }[]).map((r) => [r.symbol, r.size])),
    close: async () => onClose(),
  };
}

/**
 * Opens the OMS store on the database at `path` with a connection of its own, WAL, migrated.
 * `synchronous`: NORMAL (default) makes a commit survive a killed process (SIGKILL, a crash): the
 * WAL frames are written to the OS before the commit returns, only the fsync waits for the next
 * checkpoint. FULL also survives a lost machine (power, kernel) at an fsync per commit: ~80 µs
 * against ~6 ms per intent + transition on this host (README). An intent lost with the machine
 * fails closed: its order at the venue carries a cloid the reconciler does not know.
 */
export function openSqliteOmsStore(path: string, opts: { readonly venue: string; readonly now: number; readonly synchronous?: 'NORMAL' | 'FULL' }): OmsStore {
  const db = openMigratedDatabase(path, opts.now, (conn) => {
    conn.pragma('journal_mode = WAL');
    conn.pragma(`synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
  });
  return sqliteOmsStore(db, opts.venue, () => db.close());
}

// Placing and modifying orders on an account: the venue's checks and error strings, then matching in the simulated venue.
import { isValidPrice } from '../../core/instrument.js';
import type { OrderRequest } from '../../core/orders.js';
import type { Account } from './account.js';
import type { OrderRecord, OrderType } from './order-record.js';
import type { SymbolMarket } from './symbol-market.js';
import type { VenueIds } from './venue-ids.js';
import type { WireOrder } from './wire-actions.js';
import { wireNumber } from '../../venues/hyperliquid/actions/index.js';

/** One entry of `statuses` in an order / batchModify response. */
export type WireOrderStatus =
  | { readonly resting: { readonly oid: number; readonly cloid?: string } }
  | { readonly filled: { readonly totalSz: string; readonly avgPx: string; readonly oid: number; readonly cloid?: string } }
  | { readonly error: string }
  | 'waitingForFill'
  | 'waitingForTrigger';

export interface EntryContext {
  market(asset: number): SymbolMarket | undefined;
  readonly ids: VenueIds;
}

interface Checked {
  readonly m: SymbolMarket;
  readonly sz: number;
  readonly px: number;
  readonly triggerPx: number;
}

const EPS = 1e-9;

/** Resting orders (limits and triggers) an account may have, the venue's default. */
export const MAX_OPEN_ORDERS = 1_000;

/**
 * The venue's per-order checks, in its order: asset, open-order limit, size, price grid, price
 * band, reduce-only, minimum value, post-only crossing, margin, IOC liquidity. `freed` is margin
 * the order replaces and `replacing` marks a modify (its order keeps its place under the limit).
 * `wholePosition` sizes an `s: "0"` positionTpsl order to the position.
 */
function check(ctx: EntryContext, acct: Account, w: WireOrder, freed: number, wholePosition: boolean, replacing = false): Checked | { error: string } {
  const m = ctx.market(w.a);
  const tag = `asset=${w.a}`;
  if (m === undefined) return { error: `Order has invalid asset. ${tag}` };
  const rests = !('limit' in w.t) || (w.t.limit.tif !== 'Ioc' && w.t.limit.tif !== 'FrontendMarket');
  // A modify takes the place of its order, so only new orders count against the limit.
  if (rests && !replacing && acct.open.size >= MAX_OPEN_ORDERS) return { error: `Too many open orders: at most ${MAX_OPEN_ORDERS}. ${tag}` };
  const inst = m.inst;
  let sz = w.s.value;
  if (w.s.decimals > m.spec.szDecimals) return { error: `Order has invalid size. ${tag}` };
  const pos = acct.position(m.spec.name);
  if (sz === 0 && wholePosition) sz = Math.abs(pos);
  if (sz === 0) return { error: `Order has zero size. ${tag}` };
  const px = w.p.value;
  if (!(px > 0)) return { error: `Order has invalid price. ${tag}` };
  if (!isValidPrice(inst, px)) return { error: `Price must be divisible by tick size. ${tag}` };
  const trigger = 'trigger' in w.t ? w.t.trigger : undefined;
  const triggerPx = trigger === undefined ? 0 : trigger.triggerPx.value;
  if (trigger !== undefined && !(triggerPx > 0 && isValidPrice(inst, triggerPx))) return { error: `Invalid TP/SL price. ${tag}` };
  const ref = m.midPx();
  if (Math.abs(px - ref) > 0.8 * ref) return { error: `Order price cannot be more than 80% away from the reference price. ${tag}` };
  const reduces = pos !== 0 && pos > 0 !== w.b;
  if (w.r && !reduces) return { error: `Reduce only order would increase position. ${tag}` };
  if (!w.r && sz * px < 10 - EPS) return { error: `Order must have minimum value of $10. ${tag}` };
  const tif = 'limit' in w.t ? w.t.limit.tif : undefined;
  const crosses = w.b ? px >= m.bestAsk : px <= m.bestBid;
  if (tif === 'Alo' && crosses) return { error: `Post only order would have immediately matched, bbo was ${wireNumber(m.bestBid)}@${wireNumber(m.bestAsk)}. ${tag}` };
  if (!w.r) {
    const opening = reduces ? Math.max(0, sz - Math.abs(pos)) : sz;
    const required = (opening * px) / acct.leverageOf(m.spec.name).value;
    if (required > acct.available() + freed + EPS) return { error: `Insufficient margin to place order. ${tag}` };
  }
  if ((tif === 'Ioc' || tif === 'FrontendMarket') && !crosses) return { error: `Order could not immediately match against any resting orders. ${tag}` };
  return { m, sz, px, triggerPx };
}

function orderType(w: WireOrder): OrderType {
  if ('limit' in w.t) return 'Limit';
  const { isMarket, tpsl } = w.t.trigger;
  return tpsl === 'sl' ? (isMarket ? 'Stop Market' : 'Stop Limit') : isMarket ? 'Take Profit Market' : 'Take Profit Limit';
}

/** Writes the wire order's terms onto a record (a new order, or a modify keeping its oid). */
function applyTerms(rec: OrderRecord, w: WireOrder, c: Checked, now: number, positionTpsl: boolean): void {
  rec.side = w.b ? 'B' : 'A';
  rec.limitPx = c.px;
  rec.sz = c.sz;
  rec.origSz = c.sz;
  rec.timestamp = now;
  rec.reduceOnly = w.r || 'trigger' in w.t;
  rec.orderType = orderType(w);
  rec.isTrigger = 'trigger' in w.t;
  rec.triggerPx = c.triggerPx;
  rec.tpsl = 'trigger' in w.t ? w.t.trigger.tpsl : null;
  rec.tif = 'limit' in w.t ? (w.t.limit.tif === 'FrontendMarket' ? 'Ioc' : w.t.limit.tif) : null;
  rec.isPositionTpsl = positionTpsl;
  if (w.c !== undefined) rec.cloid = w.c;
  rec.filledSz = 0;
  rec.filledNtl = 0;
}

function newRecord(ctx: EntryContext, acct: Account, w: WireOrder, c: Checked, positionTpsl: boolean): OrderRecord {
  const now = acct.now();
  const rec: OrderRecord = {
    oid: ctx.ids.nextOid(), cloid: null, coin: c.m.spec.name, asset: w.a, side: 'B', limitPx: 0, sz: 0, origSz: 0, timestamp: now, tif: null,
    reduceOnly: false, orderType: 'Limit', isTrigger: false, triggerPx: 0, tpsl: null, isPositionTpsl: false, children: [],
    status: 'open', statusTimestamp: now, filledSz: 0, filledNtl: 0, twapId: null,
  };
  applyTerms(rec, w, c, now, positionTpsl);
  return rec;
}

/** The simulated venue's request for a record (stops trigger against a position, take-profits in its favour). */
export function requestOf(rec: OrderRecord): OrderRequest {
  const side = rec.side === 'B' ? 'buy' : 'sell';
  const base = { symbol: rec.coin, side, qty: rec.sz, reduceOnly: rec.reduceOnly } as const;
  switch (rec.orderType) {
    case 'Limit':
      return { ...base, type: 'limit', price: rec.limitPx, tif: rec.tif === 'Ioc' ? 'IOC' : rec.tif === 'Alo' ? 'ALO' : 'GTC' };
    case 'Stop Market':
      return { ...base, type: 'stop-market', triggerPrice: rec.triggerPx, reason: 'Stop Loss' };
    case 'Stop Limit':
      return { ...base, type: 'stop-limit', triggerPrice: rec.triggerPx, price: rec.limitPx, tif: 'GTC', reason: 'Stop Loss' };
    case 'Take Profit Market':
      return { ...base, type: 'take-profit', triggerPrice: rec.triggerPx, reason: 'Take Profit' };
    case 'Take Profit Limit':
      return { ...base, type: 'take-profit-limit', triggerPrice: rec.triggerPx, price: rec.limitPx, tif: 'GTC', reason: 'Take Profit' };
  }
}

/** Sends a record to the simulated venue and reads what happened to it as a wire status. */
function submit(acct: Account, rec: OrderRecord, tag: string): WireOrderStatus {
  rec.status = 'open';
  acct.track(rec);
  acct.venue.submit(String(rec.oid), requestOf(rec));
  const cloid = rec.cloid !== null ? { cloid: rec.cloid } : {};
  if (rec.status === 'open' || rec.status === 'triggered') {
    if (!acct.open.has(rec.oid)) acct.opened(rec);
    return { resting: { oid: rec.oid, ...cloid } };
  }
  if (rec.filledSz > 0) return { filled: { totalSz: wireNumber(rec.filledSz), avgPx: wireNumber(avgPx(rec)), oid: rec.oid, ...cloid } };
  switch (rec.status) {
    case 'badAloPxRejected':
      return { error: `Post only order would have immediately matched. ${tag}` };
    case 'reduceOnlyCanceled':
      return { error: `Reduce only order would increase position. ${tag}` };
    case 'marketOrderNoLiquidityRejected':
      return { error: `No liquidity available for market order. ${tag}` };
    case 'iocCancelRejected':
      return { error: `Order could not immediately match against any resting orders. ${tag}` };
    default:
      return { error: `Order was rejected. ${tag}` };
  }
}

/** Volume-weighted fill price, on the instrument's grid to 8 significant digits at most. */
function avgPx(rec: OrderRecord): number {
  return Number((rec.filledNtl / rec.filledSz).toPrecision(8));
}

/** One order of an `order` action with grouping `na` (or a positionTpsl trigger). */
export function placeOrder(ctx: EntryContext, acct: Account, w: WireOrder, positionTpsl = false): WireOrderStatus {
  const c = check(ctx, acct, w, 0, positionTpsl);
  if ('error' in c) return c;
  const rec = newRecord(ctx, acct, w, c, positionTpsl);
  return submit(acct, rec, `asset=${w.a}`);
}

/** One slice of a TWAP: an ordinary order (same checks, same matching) whose fills carry `twapId`. */
export function placeTwapSlice(ctx: EntryContext, acct: Account, w: WireOrder, twapId: number): WireOrderStatus {
  const c = check(ctx, acct, w, 0, false);
  if ('error' in c) return c;
  const rec = newRecord(ctx, acct, w, c, false);
  rec.twapId = twapId;
  return submit(acct, rec, `asset=${w.a}`);
}

/** The statuses of an `order` action: one per order; TP/SL groupings as the venue reports them. */
export function placeOrders(ctx: EntryContext, acct: Account, orders: readonly WireOrder[], grouping: 'na' | 'normalTpsl' | 'positionTpsl'): WireOrderStatus[] {
  if (grouping === 'na') return orders.map((w) => placeOrder(ctx, acct, w));
  if (grouping === 'positionTpsl') {
    return orders.map((w) => {
      const s = placeOrder(ctx, acct, w, true);
      return typeof s === 'object' && 'resting' in s ? 'waitingForTrigger' : s;
    });
  }
  // normalTpsl: the first order is the parent; the others (reduce-only triggers) wait for it to fill.
  const [parent, ...children] = orders;
  const first = placeOrder(ctx, acct, parent);
  const out: WireOrderStatus[] = [first];
  if (typeof first === 'object' && 'error' in first) {
    for (let i = 0; i < children.length; i++) out.push(first);
    return out;
  }
  const filled = typeof first === 'object' && 'filled' in first;
  const parentOid = typeof first === 'object' && 'filled' in first ? first.filled.oid : typeof first === 'object' && 'resting' in first ? first.resting.oid : -1;
  const parentRec = acct.record(parentOid) as OrderRecord;
  for (const w of children) {
    if (filled) {
      const s = placeOrder(ctx, acct, w);
      out.push(typeof s === 'object' && 'resting' in s ? 'waitingForTrigger' : s);
      continue;
    }
    // Checked now except for reduce-only (there is no position until the parent fills).
    const c = check(ctx, acct, { ...w, r: false }, Number.POSITIVE_INFINITY, false);
    if ('error' in c) {
      out.push(c);
      continue;
    }
    const rec = newRecord(ctx, acct, w, c, false);
    rec.reduceOnly = true;
    acct.track(rec);
    parentRec.children.push(rec);
    out.push('waitingForFill');
  }
  return out;
}

/** Places normalTpsl children whose parent has filled (called once the match that filled it is over). */
export function activateChildren(acct: Account): void {
  while (acct.readyChildren.length > 0) {
    const rec = acct.readyChildren.shift() as OrderRecord;
    const pos = acct.position(rec.coin);
    if (pos === 0 || pos > 0 === (rec.side === 'B')) {
      acct.finish(rec, 'reduceOnlyCanceled');
      continue;
    }
    rec.timestamp = acct.now();
    submit(acct, rec, `asset=${rec.asset}`);
  }
}

/**
 * Modifies an open order in place (same oid; the venue may assign a new one, the local venue keeps
 * it so a client can go on cancelling by the oid it has). Returns the error text or the new status.
 */
export function modifyOrder(ctx: EntryContext, acct: Account, ref: number | string, w: WireOrder): WireOrderStatus {
  const rec = acct.byOidOrCloid(ref);
  if (rec === undefined || !acct.open.has(rec.oid)) return { error: 'Cannot modify canceled or filled order' };
  if (rec.asset !== w.a) return { error: `Order has invalid asset. asset=${w.a}` };
  const freed = rec.reduceOnly || rec.isTrigger ? 0 : (rec.sz * rec.limitPx) / acct.leverageOf(rec.coin).value;
  const c = check(ctx, acct, w, freed, rec.isPositionTpsl, true);
  if ('error' in c) return c;
  acct.withdraw(rec);
  acct.open.delete(rec.oid);
  applyTerms(rec, w, c, acct.now(), rec.isPositionTpsl);
  return submit(acct, rec, `asset=${w.a}`);
}

// Hyperliquid orders: openOrders, frontendOpenOrders, orderStatus, historicalOrders and WS orderUpdates to HlOrder / HlOrderUpdate.
import { arr, fieldError, int, nonNegDec, obj, optBool, optStr, posDec, str, text, type JsonObject } from '../wire/json-fields.js';
import type { HlOrder, HlOrderStatusResult, HlOrderUpdate } from './account-types.js';
import { isTerminal, orderState, statusReason } from './order-status.js';
import { parseSide } from './sides.js';

const CLOID_RE = /^0x[0-9a-fA-F]{32}$/;

function cloid(v: unknown, where: string, path: string): string | undefined {
  const s = optStr(v, where, path);
  if (s !== undefined && !CLOID_RE.test(s)) fieldError(where, path, '"0x" and 32 hex digits', v);
  return s?.toLowerCase();
}

/** One order object (any of the order payload shapes). */
export function parseOrder(v: unknown, where: string, path: string): HlOrder {
  const o = obj(v, where, path);
  const isTrigger = optBool(o.isTrigger, where, `${path}.isTrigger`);
  const children = o.children === undefined || o.children === null ? [] : arr(o.children, where, `${path}.children`).map((c, i) => parseOrder(c, where, `${path}.children[${i}]`));
  return {
    oid: int(o.oid, where, `${path}.oid`),
    cloid: cloid(o.cloid, where, `${path}.cloid`),
    symbol: text(o.coin, where, `${path}.coin`),
    side: parseSide(o.side, where, `${path}.side`),
    limitPrice: posDec(o.limitPx, where, `${path}.limitPx`),
    size: nonNegDec(o.sz, where, `${path}.sz`),
    origSize: o.origSz === undefined ? undefined : nonNegDec(o.origSz, where, `${path}.origSz`),
    timestamp: int(o.timestamp, where, `${path}.timestamp`),
    reduceOnly: optBool(o.reduceOnly, where, `${path}.reduceOnly`),
    orderType: optStr(o.orderType, where, `${path}.orderType`),
    tif: o.tif === null ? null : optStr(o.tif, where, `${path}.tif`),
    isTrigger,
    // Non-trigger orders carry triggerPx "0.0": that is "none", not a price.
    triggerPrice: isTrigger === true ? posDec(o.triggerPx, where, `${path}.triggerPx`) : undefined,
    triggerCondition: optStr(o.triggerCondition, where, `${path}.triggerCondition`),
    isPositionTpsl: optBool(o.isPositionTpsl, where, `${path}.isPositionTpsl`),
    children,
  };
}

/** `{order, status, statusTimestamp}` (orderUpdates element, orderStatus.order, historicalOrders element). */
export function parseOrderUpdate(v: unknown, where: string, path: string): HlOrderUpdate {
  const o = obj(v, where, path);
  const order = parseOrder(o.order, where, `${path}.order`);
  const status = text(o.status, where, `${path}.status`);
  const state = orderState(status);
  return { order, status, state, terminal: isTerminal(state), reason: statusReason(status, state), statusTimestamp: int(o.statusTimestamp, where, `${path}.statusTimestamp`) };
}

function list<T>(body: unknown, where: string, item: (v: unknown, where: string, path: string) => T): T[] {
  const a = arr(body, where, 'body');
  const out: T[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = item(a[i], where, `[${i}]`);
  return out;
}

/** REST openOrders body. */
export function parseOpenOrders(body: unknown, where = 'hyperliquid info openOrders'): HlOrder[] {
  return list(body, where, parseOrder);
}

/** REST frontendOpenOrders body (trigger orders, TP/SL children, order types, tif). */
export function parseFrontendOpenOrders(body: unknown, where = 'hyperliquid info frontendOpenOrders'): HlOrder[] {
  return list(body, where, parseOrder);
}

/** REST historicalOrders body; the same oid may appear once per status it passed through. */
export function parseHistoricalOrders(body: unknown, where = 'hyperliquid info historicalOrders'): HlOrderUpdate[] {
  return list(body, where, parseOrderUpdate);
}

/** WS orderUpdates data. */
export function parseOrderUpdates(data: unknown, where = 'hyperliquid ws orderUpdates'): HlOrderUpdate[] {
  return list(data, where, parseOrderUpdate);
}

/** REST orderStatus body: `{status: "order", order: {order, status, statusTimestamp}}` or `{status: "unknownOid"}`. */
export function parseOrderStatus(body: unknown, where = 'hyperliquid info orderStatus'): HlOrderStatusResult {
  const o: JsonObject = obj(body, where, 'body');
  const status = str(o.status, where, 'status');
  if (status === 'unknownOid') return { found: false };
  if (status !== 'order') fieldError(where, 'status', '"order" or "unknownOid"', o.status);
  return { found: true, update: parseOrderUpdate(o.order, where, 'order') };
}


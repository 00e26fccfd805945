// Hyperliquid fills (REST userFills / userFillsByTime, WS userFills and user fills) to HlFill, and HlFill to the core Fill.
import { fixedFromNumber, fixedMul, type Fixed } from '../../../core/fixed.js';
import type { Fill } from '../../../core/orders.js';
import { arr, bool, dec, fieldError, fixed, int, obj, optFixed, optInt, optStr, posDec, text } from '../wire/json-fields.js';
import type { HlFill, HlFillLiquidation } from './account-types.js';
import { parseSide } from './sides.js';

const CLOID_RE = /^0x[0-9a-fA-F]{32}$/;

/** One fill object: `{coin, px, sz, side, time, startPosition, dir, closedPnl, hash, oid, crossed, fee, tid, feeToken, builderFee?, cloid?, liquidation?, twapId}`. */
export function parseFill(v: unknown, where: string, path: string): HlFill {
  const o = obj(v, where, path);
  const tid = optInt(o.tid, where, `${path}.tid`);
  const oid = int(o.oid, where, `${path}.oid`);
  const hash = text(o.hash, where, `${path}.hash`);
  const startPosition = dec(o.startPosition, where, `${path}.startPosition`);
  const cloid = optStr(o.cloid, where, `${path}.cloid`);
  if (cloid !== undefined && !CLOID_RE.test(cloid)) fieldError(where, `${path}.cloid`, '"0x" and 32 hex digits', o.cloid);
  return {
    // Fills recorded before tids existed (2023) have none. Partial fills of one order in one
    // block share hash and oid, and even the start position, so the size and price join the key.
    fillId: tid !== undefined ? String(tid) : `${hash}:${oid}:${o.startPosition as string}:${o.sz as string}@${o.px as string}`,
    tid,
    oid,
    cloid: cloid?.toLowerCase(),
    symbol: text(o.coin, where, `${path}.coin`),
    side: parseSide(o.side, where, `${path}.side`),
    price: posDec(o.px, where, `${path}.px`),
    size: posDec(o.sz, where, `${path}.sz`),
    time: int(o.time, where, `${path}.time`),
    dir: text(o.dir, where, `${path}.dir`),
    startPosition,
    closedPnl: fixed(o.closedPnl, where, `${path}.closedPnl`),
    liquidity: bool(o.crossed, where, `${path}.crossed`) ? 'taker' : 'maker',
    fee: fixed(o.fee, where, `${path}.fee`),
    feeToken: optStr(o.feeToken, where, `${path}.feeToken`),
    builderFee: optFixed(o.builderFee, where, `${path}.builderFee`),
    hash,
    liquidation: o.liquidation === undefined || o.liquidation === null ? undefined : liquidation(o.liquidation, where, `${path}.liquidation`),
    twapId: optInt(o.twapId, where, `${path}.twapId`),
  };
}

function liquidation(v: unknown, where: string, path: string): HlFillLiquidation {
  const o = obj(v, where, path);
  return {
    liquidatedUser: optStr(o.liquidatedUser, where, `${path}.liquidatedUser`),
    markPrice: posDec(o.markPx, where, `${path}.markPx`),
    method: text(o.method, where, `${path}.method`),
  };
}

/** A fills array (REST userFills / userFillsByTime body, WS `fills`). */
export function parseFills(v: unknown, where: string, path = 'body'): HlFill[] {
  const a = arr(v, where, path);
  const out: HlFill[] = new Array(a.length);
  const prefix = path === 'body' ? '' : path;
  for (let i = 0; i < a.length; i++) out[i] = parseFill(a[i], where, `${prefix}[${i}]`);
  return out;
}

export function parseUserFills(body: unknown, where = 'hyperliquid info userFills'): HlFill[] {
  return parseFills(body, where);
}

/**
 * The core Fill for the OMS and the ledger. The core fee is in quote currency: a spot buy pays
 * its fee in the received (base) token, so pass that token's name as `baseToken` and the fee is
 * converted at the fill price (exact to 12 decimals).
 */
export function toCoreFill(f: HlFill, baseToken?: string): Fill {
  let fee: Fixed = f.fee;
  if (baseToken !== undefined && f.feeToken === baseToken) fee = fixedMul(f.fee, fixedFromNumber(f.price));
  return {
    type: 'order.filled',
    fillId: f.fillId,
    orderId: String(f.oid),
    clientId: f.cloid ?? '',
    symbol: f.symbol,
    side: f.side,
    qty: f.size,
    price: f.price,
    fee,
    liquidity: f.liquidity,
    ts: f.time,
    reason: f.liquidation !== undefined ? `liquidation (${f.liquidation.method})` : f.dir,
  };
}

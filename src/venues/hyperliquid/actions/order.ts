// The `order` action: typed order requests resolved against the asset table into wire orders (a, b, p, s, r, t, c).
import { BadInputError } from '../../../core/errors.js';
import type { Side, TimeInForce } from '../../../core/orders.js';
import { resolveAsset } from './asset-table.js';
import type { AssetTable } from './asset-table.js';
import { parseCloid } from './cloid.js';
import type { DecimalRounding } from './decimal.js';
import { formatPrice, formatSize } from './wire-number.js';
import { parseAddress } from './address.js';
import type { BuilderWire, OrderAction, OrderTypeWire, OrderWire, WireGrouping, WireTif } from './wire-types.js';

/**
 * A trigger order fires on the **mark** price. `market: true` executes as a market order (10 %
 * slippage tolerance at the venue) but the wire still needs a limit price `price`; `market: false`
 * rests a limit at `price` once triggered.
 */
export interface TriggerSpec {
  readonly kind: 'tp' | 'sl';
  readonly price: number | string;
  readonly market: boolean;
}

/**
 * How a price off the venue's grid is snapped. passive (GTC/ALO, trigger limits): buys down, sells
 * up — never pay more than asked. aggressive (IOC, trigger market): buys up, sells down — keep the
 * order marketable. exact: refuse a price that is not already valid.
 */
export type PriceRounding = 'passive' | 'aggressive' | 'exact';

export interface HlOrderRequest {
  readonly symbol: string;
  readonly side: Side;
  /** Base units, > 0 (0 only for a whole-position trigger in a positionTpsl group). */
  readonly qty: number | string;
  /** Limit price; for trigger market orders the worst acceptable price. */
  readonly price: number | string;
  /** Limit orders only; default GTC. */
  readonly tif?: TimeInForce;
  /** Makes this a trigger (TP/SL) order instead of a limit order. */
  readonly trigger?: TriggerSpec;
  readonly reduceOnly?: boolean;
  /** "0x" + 32 lowercase hex digits; see cloidFromClientId. */
  readonly cloid?: string;
  /** Default: passive for GTC/ALO and trigger limits, aggressive for IOC and trigger market. */
  readonly rounding?: PriceRounding;
}

export type Grouping = WireGrouping;

export interface BuilderFee {
  /** The builder's address (lowercased on the wire). */
  readonly address: string;
  /** Fee in tenths of a basis point (10 = 1 bp); ≤ 100 on perps (0.1 %), ≤ 1000 on spot (1 %). */
  readonly feeTenthsBp: number;
}

export interface OrderActionOptions {
  readonly grouping?: Grouping;
  readonly builder?: BuilderFee;
}

const TIF_WIRE: Readonly<Record<TimeInForce, WireTif>> = { GTC: 'Gtc', IOC: 'Ioc', ALO: 'Alo' };

function roundingMode(rounding: PriceRounding, side: Side): DecimalRounding {
  // exact: truncate, then the caller compares; any change means the price was off-grid.
  if (rounding === 'exact') return 'toward-zero';
  const down = (rounding === 'passive') === (side === 'buy');
  return down ? 'down' : 'up';
}

function wirePrice(raw: number | string, szDecimals: number, market: 'perp' | 'spot', rounding: PriceRounding, side: Side, where: string): string {
  const p = formatPrice(raw, szDecimals, market, roundingMode(rounding, side), where);
  if (rounding === 'exact' && p !== formatPrice(raw, szDecimals, market, 'up', where)) {
    throw new BadInputError(where, `price ${JSON.stringify(raw)} is off the venue's grid (5 significant figures, ${(market === 'perp' ? 6 : 8) - szDecimals} decimals at most)`);
  }
  return p;
}

/** One wire order. `allowZeroSize` is for whole-position TP/SL in a positionTpsl group only. */
export function orderWire(table: AssetTable, req: HlOrderRequest, where: string, allowZeroSize = false): OrderWire {
  if (req === null || typeof req !== 'object') throw new BadInputError(where, 'expected an order request object');
  const asset = resolveAsset(table, req.symbol, `${where}.symbol`);
  if (req.side !== 'buy' && req.side !== 'sell') throw new BadInputError(`${where}.side`, `expected "buy" or "sell", got ${JSON.stringify(req.side)}`);
  if (req.reduceOnly !== undefined && typeof req.reduceOnly !== 'boolean') throw new BadInputError(`${where}.reduceOnly`, 'expected a boolean');
  if (req.trigger !== undefined && req.tif !== undefined) throw new BadInputError(`${where}.tif`, 'a trigger order takes no time in force');
  if (req.tif !== undefined && !(req.tif in TIF_WIRE)) throw new BadInputError(`${where}.tif`, `expected GTC, IOC or ALO, got ${JSON.stringify(req.tif)}`);
  const rounding: PriceRounding = req.rounding
    ?? (req.trigger ? (req.trigger.market ? 'aggressive' : 'passive') : req.tif === 'IOC' ? 'aggressive' : 'passive');
  if (rounding !== 'passive' && rounding !== 'aggressive' && rounding !== 'exact') throw new BadInputError(`${where}.rounding`, `expected passive, aggressive or exact, got ${JSON.stringify(rounding)}`);

  const p = wirePrice(req.price, asset.szDecimals, asset.market, rounding, req.side, `${where}.price`);
  const zero = allowZeroSize && (req.qty === 0 || req.qty === '0');
  if (!zero && Number(req.qty) < 0) throw new BadInputError(`${where}.qty`, `must be > 0 (the side gives the direction), got ${JSON.stringify(req.qty)}`);
  const s = zero ? '0' : formatSize(req.qty, asset.szDecimals, `${where}.qty`);

  let t: OrderTypeWire;
  if (req.trigger) {
    const tr = req.trigger;
    if (tr.kind !== 'tp' && tr.kind !== 'sl') throw new BadInputError(`${where}.trigger.kind`, `expected "tp" or "sl", got ${JSON.stringify(tr.kind)}`);
    if (typeof tr.market !== 'boolean') throw new BadInputError(`${where}.trigger.market`, 'expected a boolean');
    // The trigger level has no side to favour: nearest grid price, unless exact was asked for.
    const triggerPx = rounding === 'exact'
      ? wirePrice(tr.price, asset.szDecimals, asset.market, 'exact', req.side, `${where}.trigger.price`)
      : formatPrice(tr.price, asset.szDecimals, asset.market, 'nearest', `${where}.trigger.price`);
    t = { trigger: { isMarket: tr.market, triggerPx, tpsl: tr.kind } };
  } else {
    t = { limit: { tif: TIF_WIRE[req.tif ?? 'GTC'] } };
  }
  const base = { a: asset.assetId, b: req.side === 'buy', p, s, r: req.reduceOnly ?? false, t };
  return req.cloid === undefined ? base : { ...base, c: parseCloid(req.cloid, `${where}.cloid`) };
}

function checkGrouping(orders: readonly HlOrderRequest[], grouping: Grouping): void {
  if (grouping === 'normalTpsl') {
    // The first order is the parent; the TP/SL children activate only once it fills.
    const parent = orders[0];
    if (orders.length < 2) throw new BadInputError('grouping', 'normalTpsl needs a parent order followed by TP/SL orders');
    orders.slice(1).forEach((o, k) => {
      const where = `orders[${k + 1}]`;
      if (!o.trigger) throw new BadInputError(where, 'normalTpsl children must be trigger (tp/sl) orders');
      if (o.reduceOnly !== true) throw new BadInputError(`${where}.reduceOnly`, 'normalTpsl children must be reduce-only');
      if (o.side === parent.side) throw new BadInputError(`${where}.side`, `normalTpsl children close the parent: expected ${parent.side === 'buy' ? 'sell' : 'buy'}`);
    });
  } else if (grouping === 'positionTpsl') {
    orders.forEach((o, k) => {
      if (!o.trigger) throw new BadInputError(`orders[${k}]`, 'positionTpsl orders must be trigger (tp/sl) orders');
      if (o.reduceOnly !== true) throw new BadInputError(`orders[${k}].reduceOnly`, 'positionTpsl orders must be reduce-only');
    });
  } else if (grouping !== 'na') {
    throw new BadInputError('grouping', `expected na, normalTpsl or positionTpsl, got ${JSON.stringify(grouping)}`);
  }
}

function builderWire(b: BuilderFee, allSpot: boolean): BuilderWire {
  const cap = allSpot ? 1000 : 100;
  if (!(Number.isInteger(b.feeTenthsBp) && b.feeTenthsBp >= 0 && b.feeTenthsBp <= cap)) {
    throw new BadInputError('builder.feeTenthsBp', `expected an integer 0..${cap} (tenths of a bp; ${allSpot ? '1 % spot' : '0.1 % perps'} cap), got ${b.feeTenthsBp}`);
  }
  return { b: parseAddress(b.address, 'builder.address'), f: b.feeTenthsBp };
}

/** The `order` action for one or more orders (a batch is one nonce and one signature). */
export function orderAction(table: AssetTable, orders: readonly HlOrderRequest[], opts: OrderActionOptions = {}): OrderAction {
  if (!Array.isArray(orders) || orders.length === 0) throw new BadInputError('orders', 'expected at least one order');
  const grouping = opts.grouping ?? 'na';
  checkGrouping(orders, grouping);
  const wires = orders.map((o, k) => orderWire(table, o, `orders[${k}]`, grouping === 'positionTpsl'));
  const action = { type: 'order' as const, orders: wires, grouping };
  if (!opts.builder) return action;
  const allSpot = wires.every((w) => w.a >= 10_000 && w.a < 100_000);
  return { ...action, builder: builderWire(opts.builder, allSpot) };
}

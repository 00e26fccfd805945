// Sextant's order request to Hyperliquid's: market = IOC at a slippage-bounded price, stops and take-profits = mark-price triggers.
import { BadInputError } from '../../../core/errors.js';
import type { OrderType, Side, TimeInForce } from '../../../core/orders.js';
import type { AssetTable } from '../actions/asset-table.js';
import type { Cloid } from '../actions/cloid.js';
import { DEFAULT_MARKET_SLIPPAGE, marketLimitPrice } from '../actions/market-price.js';
import type { HlOrderRequest } from '../actions/order.js';
import type { InstrumentTable } from '../instruments.js';

/** The venue executes a triggered market order with up to 10 % slippage; its wire price is that bound. */
export const TRIGGER_MARKET_SLIPPAGE = 0.1;

/** What `submitOrder` takes: a core order request with its client id (from the intent, so retries reuse it). */
export interface SubmitOrderRequest {
  readonly symbol: string;
  readonly side: Side;
  /** Base units, > 0; truncated to the instrument's size step (never grown). */
  readonly qty: number | string;
  readonly type: OrderType;
  /**
   * Limit price (limit, stop-limit, take-profit-limit). For `market` the reference price the
   * slippage applies to (default: the venue's mid); for stop-market / take-profit the worst price
   * accepted (default: trigger ± 10 %, the venue's own bound).
   */
  readonly price?: number | string;
  /** Limit orders only; default GTC. ALO is post-only. */
  readonly tif?: TimeInForce;
  /** Mark price at which stop-* and take-profit* orders trigger. */
  readonly triggerPrice?: number | string;
  readonly reduceOnly?: boolean;
  /** Market orders: fraction of the reference price accepted (default 0.05, as the Python SDK). */
  readonly slippage?: number;
  /** Our client order id; the cloid sent is derived from it (cloidFromClientId). */
  readonly clientId: string;
}

/** The two methods the action builders need, over the instrument table. */
export function assetTableOf(table: InstrumentTable): AssetTable {
  return { assetId: (s) => table.assetId(s), szDecimals: (s) => table.require(s).szDecimals };
}

function need<T>(v: T | undefined, field: string, type: OrderType): T {
  if (v === undefined) throw new BadInputError(`order.${field}`, `a ${type} order needs ${field}`);
  return v;
}

/**
 * The Hyperliquid order for `req`. `mid` is the reference of a market order without a price (the
 * caller fetches it only then). Stops trigger when the mark moves against the order's side, take-
 * profits when it moves in favour; the venue itself decides from the trigger and the mark.
 */
export function toHlOrder(assets: AssetTable, req: SubmitOrderRequest, cloid: Cloid, mid?: number): HlOrderRequest {
  const base = { symbol: req.symbol, side: req.side, qty: req.qty, reduceOnly: req.reduceOnly ?? false, cloid };
  switch (req.type) {
    case 'limit':
      return { ...base, price: need(req.price, 'price', req.type), tif: req.tif ?? 'GTC' };
    case 'market': {
      if (req.tif !== undefined && req.tif !== 'IOC') throw new BadInputError('order.tif', `a market order is an IOC on Hyperliquid, got ${req.tif}`);
      const reference = req.price ?? mid;
      const price = marketLimitPrice(assets, req.symbol, req.side, need(reference, 'price', req.type), req.slippage ?? DEFAULT_MARKET_SLIPPAGE);
      return { ...base, price, tif: 'IOC' };
    }
    case 'stop-market':
    case 'take-profit': {
      const trigger = need(req.triggerPrice, 'triggerPrice', req.type);
      const price = req.price ?? marketLimitPrice(assets, req.symbol, req.side, trigger, TRIGGER_MARKET_SLIPPAGE);
      return { ...base, price, trigger: { kind: req.type === 'stop-market' ? 'sl' : 'tp', price: trigger, market: true } };
    }
    case 'stop-limit':
    case 'take-profit-limit': {
      const trigger = need(req.triggerPrice, 'triggerPrice', req.type);
      return { ...base, price: need(req.price, 'price', req.type), trigger: { kind: req.type === 'stop-limit' ? 'sl' : 'tp', price: trigger, market: false } };
    }
    default:
      throw new BadInputError('order.type', `expected market, limit, stop-market, stop-limit, take-profit or take-profit-limit, got ${JSON.stringify(req.type)}`);
  }
}

/** Whether `toHlOrder` needs the venue's mid for `req`. */
export function needsMid(req: SubmitOrderRequest): boolean {
  return req.type === 'market' && req.price === undefined;
}

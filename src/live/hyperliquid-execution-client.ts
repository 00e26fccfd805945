// The execution port over the Hyperliquid adapter: intents placed under their own cloid, venue states mapped for the OMS.
import { BadInputError } from '../core/errors.js';
import type { OrderIntent } from '../oms/order-intent.js';
import type { VenueOrderState } from '../oms/order-registry.js';
import type { VenueFill, VenueOpenOrder, VenuePosition } from '../oms/venue-views.js';
import type { HyperliquidAdapter } from '../venues/hyperliquid/hyperliquid-adapter.js';
import type { HlFill, HlOrder, HlOrderState } from '../venues/hyperliquid/parse/account-types.js';
import type { ActionResult, ExecutionClient, OrderStatusResult, PlaceResult } from './execution-client.js';

function stateOf(s: HlOrderState): VenueOrderState {
  switch (s) {
    case 'open':
      return 'open';
    case 'triggered':
      return 'triggered';
    case 'filled':
      return 'filled';
    case 'canceled':
      return 'canceled';
    case 'rejected':
      return 'rejected';
    case 'unknown':
      return 'other-terminal';
  }
}

function openOrdersOf(orders: readonly HlOrder[]): VenueOpenOrder[] {
  return orders.flatMap((o) => [
    { venueOrderId: String(o.oid), cloid: o.cloid, symbol: o.symbol, side: o.side, remaining: o.size, origQty: o.origSize, placedTs: o.timestamp },
    ...openOrdersOf(o.children),
  ]);
}

/** A Hyperliquid fill in the OMS's venue-neutral terms. */
export function venueFillOf(f: HlFill): VenueFill {
  return { fillId: f.fillId, venueOrderId: String(f.oid), cloid: f.cloid, symbol: f.symbol, side: f.side, qty: f.size, price: f.price, fee: f.fee, liquidity: f.liquidity, ts: f.time };
}

export class HyperliquidExecutionClient implements ExecutionClient {
  readonly venue = 'hyperliquid';
  readonly supportsScheduleCancel = true;

  constructor(private readonly adapter: HyperliquidAdapter) {}

  async place(intent: OrderIntent): Promise<PlaceResult> {
    // The venue truncates a size to its lot; a silently smaller order would read as a quantity
    // mismatch forever after, so an off-lot intent is refused here, before anything is sent.
    const asset = this.adapter.instruments?.get(intent.symbol);
    if (asset !== undefined && Number(intent.qty.toFixed(asset.szDecimals)) !== intent.qty) {
      return { status: 'rejected', message: `not sent: qty ${intent.qty} ${intent.symbol} is not on the venue's lot (${asset.szDecimals} decimals); snap intents to the lot` };
    }
    let out;
    try {
      out = await this.adapter.submitOrder({
        symbol: intent.symbol,
        side: intent.side,
        qty: intent.qty,
        type: intent.type,
        ...(intent.price !== undefined ? { price: intent.price } : {}),
        ...(intent.triggerPrice !== undefined ? { triggerPrice: intent.triggerPrice } : {}),
        tif: intent.tif,
        reduceOnly: intent.reduceOnly,
        clientId: intent.cloid,
      });
    } catch (e) {
      // The order could not be built (unknown coin, size truncating to 0): nothing was sent.
      if (e instanceof BadInputError) return { status: 'rejected', message: `not sent: ${e.message}` };
      throw e;
    }
    switch (out.status) {
      case 'resting':
        return { status: 'accepted', venueOrderId: String(out.oid), venueStatus: 'resting' };
      case 'waiting':
        return { status: 'accepted', venueOrderId: undefined, venueStatus: out.reason };
      case 'filled':
        return { status: 'filled', venueOrderId: String(out.oid), filledQty: out.filledQty, avgPrice: out.avgPrice };
      case 'rejected':
        return { status: 'rejected', message: out.message };
      case 'unknown':
        return { status: 'unknown', error: out.error };
    }
  }

  cancel(cloid: string, symbol: string): Promise<ActionResult> {
    return this.adapter.cancelOrder(cloid, { symbol });
  }

  async orderStatus(cloid: string): Promise<OrderStatusResult> {
    const r = await this.adapter.orderStatus(cloid);
    if (!r.found) return { found: false };
    const { order, status, state, statusTimestamp } = r.update;
    const partlyFilled = state === 'open' && order.origSize !== undefined && order.size < order.origSize;
    return { found: true, state: stateOf(state), venueStatus: status, venueOrderId: String(order.oid), statusTs: statusTimestamp, partlyFilled };
  }

  async openOrders(): Promise<VenueOpenOrder[]> {
    return openOrdersOf(await this.adapter.openOrders());
  }

  async fills(since: number): Promise<VenueFill[]> {
    return (await this.adapter.fills(since)).map(venueFillOf);
  }

  async positions(): Promise<VenuePosition[]> {
    return (await this.adapter.account()).positions.filter((p) => p.size !== 0).map((p) => ({ symbol: p.symbol, size: p.size }));
  }

  scheduleCancel(at: number | undefined): Promise<ActionResult> {
    return this.adapter.scheduleCancel(at);
  }
}

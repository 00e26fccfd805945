// Test helper: gives a signing stand-in account the kind of state a recorded account had (positions, resting orders, TP/SL, fills, history).
import assert from 'node:assert/strict';
import { roundPrice, roundQty } from '../../core/instrument.js';
import type { SymbolMarket } from '../../localnet/hyperliquid/symbol-market.js';
import type { Harness } from './test-support.js';

type Client = ReturnType<Harness['exchange']>['client'];
type Tif = 'Gtc' | 'Ioc';
type WireOrder = Parameters<Client['order']>[0]['orders'][number];

/** Notional of each order: above the venue's $10 minimum after rounding the size down a lot. */
const NOTIONAL = 15;

export class StandIn {
  readonly client: Client;
  readonly address: string;

  constructor(
    private readonly h: Harness,
    key: string,
  ) {
    const { client, wallet } = h.exchange(key);
    this.client = client;
    this.address = wallet.address.toLowerCase();
  }

  private market(coin: string): { m: SymbolMarket; a: number } {
    const a = this.h.venue.feed.markets.findIndex((m) => m.spec.name === coin);
    assert.ok(a >= 0, `the venue lists ${coin}`);
    return { m: this.h.venue.feed.markets[a], a };
  }

  /** A wire order of about NOTIONAL USD at `px` (snapped to the coin's grid), canonical strings. */
  order(coin: string, buy: boolean, px: number, tif: Tif, reduceOnly = false): WireOrder {
    const { m, a } = this.market(coin);
    const p = roundPrice(m.inst, px);
    const s = roundQty(m.inst, NOTIONAL / p, 'up');
    return { a, b: buy, p: String(p), s: String(s), r: reduceOnly, t: { limit: { tif } } };
  }

  /** A price `levels` deep in the book on the side a buy (asks) or sell (bids) takes from. */
  takePx(coin: string, buy: boolean, levels = 3): number {
    const { m } = this.market(coin);
    return (buy ? m.asks : m.bids)[levels].px;
  }

  /** A price at the far end of the book on the order's own side: rests without matching. */
  restPx(coin: string, buy: boolean): number {
    const { m } = this.market(coin);
    const side = buy ? m.bids : m.asks;
    return side[side.length - 1].px;
  }

  /** Places orders in one action and returns their statuses, failing on any error status. */
  async place(orders: WireOrder[], grouping: 'na' | 'normalTpsl' = 'na'): Promise<unknown[]> {
    const res = await this.client.order({ orders, grouping });
    const statuses = res.response.data.statuses as unknown[];
    for (const s of statuses) assert.ok(!(typeof s === 'object' && s !== null && 'error' in s), `order refused: ${JSON.stringify(s)}`);
    return statuses;
  }

  /** Taker fills opening a position in each coin, long or short as given. */
  async openPositions(sides: readonly { coin: string; long: boolean }[]): Promise<void> {
    await this.place(sides.map(({ coin, long }) => this.order(coin, long, this.takePx(coin, long), 'Ioc')));
  }

  /** One resting Gtc order per (coin, side), far from the touch. */
  async restOrders(orders: readonly { coin: string; buy: boolean }[]): Promise<void> {
    await this.place(orders.map(({ coin, buy }) => this.order(coin, buy, this.restPx(coin, buy), 'Gtc')));
  }

  /** A resting limit with a take-profit and a stop-loss child (normalTpsl), market triggers on the closing side. */
  async restWithTpsl(coin: string, buy: boolean): Promise<void> {
    const parent = this.order(coin, buy, this.restPx(coin, buy), 'Gtc');
    const { m } = this.market(coin);
    const px = Number(parent.p);
    const child = (tpsl: 'tp' | 'sl'): WireOrder => {
      // A TP sits on the profitable side of the entry, a SL on the other; 5 % away either way.
      const up = (tpsl === 'tp') === buy;
      const trigger = String(roundPrice(m.inst, px * (up ? 1.05 : 0.95)));
      return { a: parent.a, b: !buy, p: trigger, s: parent.s, r: true, t: { trigger: { isMarket: true, triggerPx: trigger, tpsl } } };
    };
    await this.place([parent, child('tp'), child('sl')], 'normalTpsl');
  }

  /** Taker fills alternating buy and sell, the last one a taker (crossed) fill. */
  async takerFills(coin: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const buy = i % 2 === 0;
      await this.place([this.order(coin, buy, this.takePx(coin, buy), 'Ioc')]);
    }
  }

  /** Orders ending filled, canceled and IOC-unmatched, so historicalOrders lists several statuses. */
  async orderHistory(coin: string): Promise<void> {
    await this.place([this.order(coin, true, this.takePx(coin, true), 'Ioc')]);
    const [resting] = await this.place([this.order(coin, true, this.restPx(coin, true), 'Gtc')]);
    assert.ok(typeof resting === 'object' && resting !== null && 'resting' in resting, `expected a resting order, got ${JSON.stringify(resting)}`);
    await this.client.cancel({ cancels: [{ a: this.market(coin).a, o: (resting as { resting: { oid: number } }).resting.oid }] });
    // An IOC below the bid finds nothing to match: the venue cancels it (iocCancelRejected on the real venue).
    await assert.rejects(this.client.order({ orders: [this.order(coin, true, this.restPx(coin, true), 'Ioc')], grouping: 'na' }), /could not immediately match/);
  }
}

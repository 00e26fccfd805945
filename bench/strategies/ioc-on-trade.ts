// Bench strategy: one order per trade, an IOC limit buy a little under the trade (it finds nothing to fill, so nothing accumulates), for the daemon latency and memory benches.
import type { Envelope } from '../../src/core/envelope.js';
import { roundPrice, roundQty } from '../../src/core/instrument.js';
import { isTradeEvent } from '../../src/market/market-events.js';
import type { Strategy, StrategyContext, StrategyDefinition } from '../../src/strategy/strategy.js';

class IocOnTrade implements Strategy {
  constructor(
    private readonly notional: number,
    private readonly belowPct: number,
  ) {}

  onEvent(event: Envelope, ctx: StrategyContext): void {
    if (!isTradeEvent(event)) return;
    const inst = ctx.instrument(event.symbol);
    const trade = event.data.price;
    const price = roundPrice(inst, trade * (1 - this.belowPct / 100), 'down');
    const qty = roundQty(inst, this.notional / price, 'up');
    ctx.submit({ symbol: event.symbol, side: 'buy', type: 'limit', qty, price, tif: 'IOC', reason: 'bench' });
  }
}

const definition: StrategyDefinition = {
  name: 'ioc-on-trade',
  summary: 'bench only: an IOC limit buy under every trade',
  params: [
    { name: 'notional', type: 'number', default: 20, min: 1, max: 1_000_000, help: 'order notional, USD' },
    { name: 'belowPct', type: 'number', default: 2, min: 0.1, max: 50, help: 'limit price this far under the trade, percent' },
  ],
  create: (p) => new IocOnTrade(Number(p.notional), Number(p.belowPct)),
};

export default definition;

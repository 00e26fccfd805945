// The local venue's market taken from the market simulator (`--market sim`): its books, trades and asset contexts applied to the venue's symbol markets step by step.
import type { Envelope } from '../../core/envelope.js';
import { BOOK, TRADE, type BookData, type TradeData } from '../../market/market-events.js';
import { PERP_CTX, type PerpCtxData } from '../../market/perp-events.js';
import { MarketSim } from '../../sim/market-sim/market-sim.js';
import { simSymbols, type SimSymbolSpec } from '../../sim/market-sim/sim-instruments.js';
import type { MarketTrade, SymbolMarket } from './symbol-market.js';
import type { VenueIds } from './venue-ids.js';
import type { LocalVenueOptions, SymbolSpec } from './venue-options.js';

/** The simulator's scale for a venue symbol: its known defaults, with the venue's size decimals and start price. */
function simSpec(s: SymbolSpec): SimSymbolSpec {
  const [base] = simSymbols(s.name);
  return { ...base, szDecimals: s.szDecimals, maxLeverage: s.maxLeverage, startPrice: s.startPrice };
}

export class SimMarketDriver {
  private readonly sim: MarketSim;

  constructor(opts: LocalVenueOptions, start: number) {
    this.sim = new MarketSim({ symbols: opts.symbols.map(simSpec), seed: opts.seed, start, stepMs: opts.stepMs, venue: 'hyperliquid-local', source: 'hyperliquid-local' });
  }

  /** Skips the simulator ahead after a long pause (the venue caps its catch-up steps). */
  skipTo(t: number): void {
    this.sim.skipTo(t);
  }

  /**
   * Applies everything the simulator produced before `t` to `markets` (the last book, the last
   * context) and returns each market's trades, with the venue's own trade ids and hashes.
   */
  advance(t: number, markets: readonly SymbolMarket[], ids: VenueIds): MarketTrade[][] {
    const index = new Map(markets.map((m, i) => [m.spec.name, i]));
    const trades: MarketTrade[][] = markets.map(() => []);
    for (const e of this.sim.next(t)) {
      const i = index.get(e.symbol);
      if (i === undefined) continue;
      apply(markets[i], e, trades[i], ids);
    }
    for (const m of markets) m.time = t;
    return trades;
  }
}

function apply(m: SymbolMarket, e: Envelope, out: MarketTrade[], ids: VenueIds): void {
  if (e.type === BOOK) {
    const b = e.data as BookData;
    m.setBook(b.bids, b.asks);
  } else if (e.type === TRADE) {
    const d = e.data as TradeData;
    out.push({ coin: m.spec.name, side: d.side === 'buy' ? 'B' : 'A', px: d.price, sz: d.size, time: e.tsEvent, tid: ids.nextTid(), hash: ids.nextHash() });
    m.lastTradePx = d.price;
  } else if (e.type === PERP_CTX) {
    m.simContext = e.data as PerpCtxData;
  }
}

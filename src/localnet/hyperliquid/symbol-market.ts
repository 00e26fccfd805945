// One symbol's simulated market: a seeded random walk of the mid, a synthetic L2 book around it and trades.
import { makeInstrument, priceDecimals, roundPrice, roundQty, type Instrument } from '../../core/instrument.js';
import type { Rng } from '../../core/rng.js';
import type { PerpCtxData } from '../../market/perp-events.js';
import type { SymbolSpec } from './venue-options.js';

/** One book level as the venue reports it: price, size, number of orders. */
export interface Level {
  readonly px: number;
  readonly sz: number;
  readonly n: number;
}

/** A trade of the simulated crowd; `side` is the aggressor ("B" lifted an ask, "A" hit a bid). */
export interface MarketTrade {
  readonly coin: string;
  readonly side: 'B' | 'A';
  readonly px: number;
  readonly sz: number;
  readonly time: number;
  readonly tid: number;
  readonly hash: string;
}

const LEVELS = 20;
/** Gap between synthetic levels and half the spread, as a fraction of the mid (1 bp). */
const LEVEL_GAP = 1e-4;
const YEAR_MS = 365.25 * 86_400_000;

/** Hyperliquid perp instrument: 5 significant figures, 6 − szDecimals decimals, $10 minimum, base fees. */
export function perpInstrument(spec: SymbolSpec): Instrument {
  return makeInstrument({
    symbol: spec.name,
    venue: 'hyperliquid-local',
    priceRule: { kind: 'sigfig', sigFigs: 5, maxDecimals: 6 - spec.szDecimals },
    lotSize: 10 ** -spec.szDecimals,
    minNotional: 10,
    maxLeverage: spec.maxLeverage,
    fees: { makerBps: 1.5, takerBps: 4.5, perUnit: 0 },
  });
}

/** The smallest price step at the magnitude of `px` under the instrument's rule. */
export function tickAt(inst: Instrument, px: number): number {
  return 10 ** -priceDecimals(inst.priceRule, px);
}

export class SymbolMarket {
  readonly inst: Instrument;
  mid: number;
  bids: Level[] = [];
  asks: Level[] = [];
  lastTradePx: number;
  time = 0;
  /** Funding, open interest, mark and oracle from the market simulator (`--market sim`); undefined for the random walk. */
  simContext: PerpCtxData | undefined;
  private readonly sigmaPerStep: number;

  constructor(
    readonly spec: SymbolSpec,
    readonly asset: number,
    private readonly rng: Rng,
    stepMs: number,
    volatility: number,
  ) {
    this.inst = perpInstrument(spec);
    this.mid = roundPrice(this.inst, spec.startPrice);
    this.lastTradePx = this.mid;
    this.sigmaPerStep = volatility * Math.sqrt(stepMs / YEAR_MS);
    this.rebuildBook();
  }

  get bestBid(): number {
    return this.bids.length > 0 ? this.bids[0].px : Number.NaN;
  }

  get bestAsk(): number {
    return this.asks.length > 0 ? this.asks[0].px : Number.NaN;
  }

  /** Mid of the book as the venue reports it (on the price grid). */
  midPx(): number {
    return roundPrice(this.inst, (this.bestBid + this.bestAsk) / 2);
  }

  /** One step at time `t`: the mid moves, the book is rebuilt around it, the crowd trades 0–2 times. */
  step(t: number, nextTid: () => number, hash: () => string): MarketTrade[] {
    this.time = t;
    const s = this.sigmaPerStep;
    this.mid = Math.max(this.mid * Math.exp(s * this.rng.normal() - 0.5 * s * s), tickAt(this.inst, this.mid));
    this.rebuildBook();
    const trades: MarketTrade[] = [];
    const count = this.rng.next() < 0.6 ? (this.rng.next() < 0.3 ? 2 : 1) : 0;
    for (let i = 0; i < count; i++) {
      const buy = this.rng.next() < 0.5;
      const px = buy ? this.bestAsk : this.bestBid;
      const notional = 100 * Math.exp(this.rng.next() * Math.log(50));
      const sz = Math.max(roundQty(this.inst, notional / px), this.inst.lotSize);
      trades.push({ coin: this.spec.name, side: buy ? 'B' : 'A', px, sz, time: t, tid: nextTid(), hash: hash() });
      this.lastTradePx = px;
    }
    return trades;
  }

  /** Replaces the book with flat [price, size, …] sides, best first (the simulator's book); the mid follows. */
  setBook(bids: Float64Array, asks: Float64Array): void {
    const levels = (flat: Float64Array): Level[] => {
      const out: Level[] = [];
      for (let i = 0; i < flat.length; i += 2) out.push({ px: flat[i], sz: flat[i + 1], n: 1 + (i % 3) });
      return out;
    };
    this.bids = levels(bids);
    this.asks = levels(asks);
    if (this.bids.length > 0 && this.asks.length > 0) this.mid = (this.bids[0].px + this.asks[0].px) / 2;
  }

  /** Levels 1 bp apart on the price grid (at least one tick), strictly ordered, sizes worth $2k–$40k. */
  private rebuildBook(): void {
    const inst = this.inst;
    const bids: Level[] = [];
    const asks: Level[] = [];
    let prevBid = Number.POSITIVE_INFINITY;
    let prevAsk = 0;
    for (let i = 0; i < LEVELS; i++) {
      const off = (0.5 + i) * LEVEL_GAP;
      let b = roundPrice(inst, this.mid * (1 - off), 'down');
      if (b >= prevBid) b = roundPrice(inst, prevBid - tickAt(inst, prevBid * (1 - 1e-12)), 'down');
      let a = roundPrice(inst, this.mid * (1 + off), 'up');
      if (a <= prevAsk) a = roundPrice(inst, prevAsk + tickAt(inst, prevAsk), 'up');
      if (i === 0 && a <= b) a = roundPrice(inst, b + tickAt(inst, b), 'up');
      if (b > 0) bids.push({ px: b, sz: this.levelSize(b), n: this.rng.int(1, 5) });
      asks.push({ px: a, sz: this.levelSize(a), n: this.rng.int(1, 5) });
      prevBid = b;
      prevAsk = a;
    }
    this.bids = bids;
    this.asks = asks;
  }

  private levelSize(px: number): number {
    const notional = 2_000 * Math.exp(this.rng.next() * Math.log(20));
    return Math.max(roundQty(this.inst, notional / px), this.inst.lotSize);
  }
}

// One simulated perp stepped in time: regime, GARCH volatility, jumps, premium, book, trades at the touch, liquidations, funding, open interest.
import { roundPrice, roundQty, type Instrument } from '../../core/instrument.js';
import type { Side } from '../../core/orders.js';
import type { PerpCtxData } from '../../market/perp-events.js';
import type { Rng } from '../../core/rng.js';
import { SimBook, BOOK_LEVELS } from './book-shape.js';
import { DayVolume } from './day-volume.js';
import { FundingClock, PREMIUM_SAMPLE_MS, premiumSample } from './funding-clock.js';
import { Garch } from './garch.js';
import { REGIMES, RegimeChain } from './regimes.js';
import type { SimRecord, TradeIds } from './sim-records.js';
import { simInstrument, tickAt, type SimSymbolSpec } from './sim-instruments.js';

const YEAR_MS = 365.25 * 86_400_000;
const HOUR_MS = 3_600_000;
/** Premium: mean reversion per second and stationary standard deviation. */
const PREMIUM_KAPPA = 1 / 300;
const PREMIUM_SD = 2.5e-4;
/** Open interest reverts to its base over about this long. */
const OI_REVERT_MS = 6 * HOUR_MS;

export interface SymbolStatus {
  readonly symbol: string;
  readonly regime: string;
  /** Null until the first book (never 0 for "unknown"). */
  readonly mid: number | null;
  readonly lastPrice: number;
  readonly mark: number | null;
  readonly funding: number;
  readonly openInterest: number;
  /** Current volatility over the calm regime's. */
  readonly volRatio: number;
}

export class SymbolSim {
  readonly inst: Instrument;
  readonly book: SimBook;
  readonly regimes: RegimeChain;
  private readonly garch: Garch;
  private readonly funding = new FundingClock();
  private readonly day: DayVolume;
  /** The fundamental (oracle) price, unrounded. */
  private fair: number;
  private premium = 0;
  private openInterest: number;
  private readonly baseOi: number;
  lastPrice: number;
  jumps = 0;
  liquidations = 0;

  constructor(
    readonly spec: SimSymbolSpec,
    private readonly rng: Rng,
    private readonly stepMs: number,
    start: number,
    venue: string,
  ) {
    this.inst = simInstrument(spec, venue);
    this.book = new SimBook(this.inst, spec.levelUsd);
    this.regimes = new RegimeChain(rng);
    this.garch = new Garch(REGIMES.calm.volatility, stepMs);
    this.fair = spec.startPrice;
    this.lastPrice = roundPrice(this.inst, spec.startPrice);
    this.baseOi = roundQty(this.inst, spec.openInterestUsd / spec.startPrice);
    this.openInterest = this.baseOi;
    this.day = new DayVolume(start, this.lastPrice);
  }

  get volRatio(): number {
    return this.garch.ratio(REGIMES.calm.volatility);
  }

  oracle(): number {
    return roundPrice(this.inst, this.fair);
  }

  /** Mark: the median of best bid, best ask and the oracle moved by the premium, on the price grid. */
  mark(): number {
    const a = this.book.bestBid;
    const b = this.book.bestAsk;
    const c = this.fair * (1 + this.premium);
    return roundPrice(this.inst, Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)));
  }

  status(): SymbolStatus {
    const booked = this.book.bestBid > 0 && this.book.bestAsk > 0;
    return {
      symbol: this.spec.name,
      regime: this.regimes.regime,
      mid: booked ? roundPrice(this.inst, (this.book.bestBid + this.book.bestAsk) / 2) : null,
      lastPrice: this.lastPrice,
      mark: booked ? this.mark() : null,
      funding: this.funding.predicted(),
      openInterest: this.openInterest,
      volRatio: this.volRatio,
    };
  }

  /**
   * The step [t, t + stepMs): the book is requoted and published at t; settlements, premium
   * samples and the context fall on their grid times; trades and liquidations arrive inside the
   * step at the touch of that book (walking it when larger than the touch).
   */
  step(t: number, ctxEveryMs: number, ids: TradeIds, out: SimRecord[]): void {
    const rng = this.rng;
    const dt = this.stepMs;
    const symbol = this.spec.name;
    this.regimes.step(dt);
    const p = this.regimes.params;
    const h = this.garch.variance;
    const shock = Math.sqrt(h) * rng.normal();
    let jump = 0;
    if (rng.next() < (p.jumpsPerHour * dt) / HOUR_MS) {
      const up = this.regimes.regime === 'trending' ? (rng.next() < 0.7 ? this.regimes.direction > 0 : this.regimes.direction < 0) : rng.next() < 0.5;
      jump = (up ? 1 : -1) * (0.004 + 0.006 * Math.abs(rng.normal()));
      this.jumps++;
    }
    const drift = (this.regimes.direction * p.drift * dt) / YEAR_MS;
    const ret = drift - h / 2 + shock + jump;
    this.fair *= Math.exp(ret);
    this.garch.update(shock + jump, p.volatility);
    const ds = dt / 1000;
    this.premium += PREMIUM_KAPPA * (this.regimes.direction * (p.drift > 0 ? 1e-4 : 0) - this.premium) * ds + PREMIUM_SD * Math.sqrt(2 * PREMIUM_KAPPA * ds) * rng.normal();
    // A jump pulls the book ahead of the oracle for a while.
    if (jump !== 0) this.premium += jump * 0.05;
    const vr = this.volRatio;
    this.book.quote(this.fair * (1 + this.premium), vr, rng);
    const snap = this.book.snapshot();
    out.push({ kind: 'book', ts: t, symbol, bids: snap.bids, asks: snap.asks });

    if (t % HOUR_MS === 0 && this.funding.samples > 0) {
      const s = this.funding.settle();
      out.push({ kind: 'funding', ts: t, symbol, rate: s.rate, premium: s.premium });
    }
    const oracle = this.oracle();
    if (t % PREMIUM_SAMPLE_MS === 0) {
      this.funding.add(premiumSample(this.book.impactPrice('bid', this.spec.impactUsd), this.book.impactPrice('ask', this.spec.impactUsd), oracle));
    }
    this.day.at(t, this.lastPrice);
    if (t % ctxEveryMs === 0) out.push({ kind: 'ctx', ts: t, symbol, ctx: this.context(oracle) });

    // Arrivals: Poisson, intensity rising with volatility (clustered volume), more after a jump.
    const lambda = this.spec.tradesPerSecond * p.activity * Math.min(6, vr ** 1.2) * (jump !== 0 ? 4 : 1);
    const times = arrivals(rng, (lambda * dt) / 1000, t, dt);
    const lean = Math.tanh((shock + jump) / Math.sqrt(h));
    let volume = 0;
    let liqBurst = jump === 0 ? 0 : 3 + poisson(rng, Math.abs(jump) * 600);
    const liqTimes = liqBurst === 0 ? [] : arrivals(rng, liqBurst, t, dt, liqBurst);
    let li = 0;
    let ti = 0;
    let liquidated = 0;
    while (ti < times.length || li < liqTimes.length) {
      const liq = li < liqTimes.length && (ti >= times.length || liqTimes[li] <= times[ti]);
      const ts = liq ? liqTimes[li++] : times[ti++];
      if (liq) {
        // Longs are liquidated on a fall (their positions sold), shorts on a rise.
        const side: Side = jump < 0 ? 'sell' : 'buy';
        const usd = this.spec.tradeUsd * 6 * Math.exp(0.8 * rng.normal());
        const r = this.execute(side, usd, ts, ids, true, out);
        if (r.size > 0) {
          out.push({ kind: 'liquidation', ts, symbol, positionSide: side === 'sell' ? 'long' : 'short', price: r.worst, size: r.size });
          this.liquidations++;
          liquidated += r.size;
          volume += r.size;
        }
        liqBurst--;
      } else {
        const side: Side = rng.next() < 0.5 + 0.2 * lean ? 'buy' : 'sell';
        const usd = this.spec.tradeUsd * Math.exp(1.1 * rng.normal());
        volume += this.execute(side, usd, ts, ids, false, out).size;
      }
    }
    // Open interest: volume opens or closes positions at random (slightly more opens), liquidations
    // close them, and the total reverts to its base.
    const oi = this.openInterest + volume * (rng.next() - 0.49) * 0.6 - liquidated + ((this.baseOi - this.openInterest) * dt) / OI_REVERT_MS;
    this.openInterest = roundQty(this.inst, Math.max(oi, this.baseOi * 0.2));
  }

  private context(oracle: number): PerpCtxData {
    const b = this.book;
    const mid = roundPrice(this.inst, (b.bestBid + b.bestAsk) / 2);
    return {
      markPrice: this.mark(),
      oraclePrice: oracle,
      midPrice: mid,
      funding: this.funding.predicted(),
      openInterest: this.openInterest,
      premium: this.funding.lastPremium,
      impactBid: b.impactPrice('bid', this.spec.impactUsd),
      impactAsk: b.impactPrice('ask', this.spec.impactUsd),
      prevDayPrice: this.day.prevDayPrice(),
      dayNotionalVolume: this.day.dayNotional,
      dayBaseVolume: this.day.dayBase,
    };
  }

  /** A taker order of `usd` notional walks the book's side level by level; one trade print per level touched. */
  private execute(side: Side, usd: number, ts: number, ids: TradeIds, liquidation: boolean, out: SimRecord[]): { size: number; worst: number } {
    const inst = this.inst;
    const px = side === 'buy' ? this.book.askPx : this.book.bidPx;
    const sz = side === 'buy' ? this.book.askSz : this.book.bidSz;
    let left = Math.max(roundQty(inst, usd / px[0]), inst.lotSize);
    let filled = 0;
    let worst = px[0];
    for (let i = 0; i < BOOK_LEVELS && left > 0; i++) {
      if (sz[i] <= 0) continue;
      const q = Math.min(left, sz[i]);
      sz[i] = roundQty(inst, sz[i] - q, 'nearest');
      left = roundQty(inst, left - q, 'nearest');
      filled += q;
      worst = px[i];
      out.push({ kind: 'trade', ts, symbol: this.spec.name, price: px[i], size: q, side, tid: ids.next(), liquidation });
      this.day.add(px[i], q);
      this.lastPrice = px[i];
    }
    return { size: roundQty(inst, filled, 'nearest'), worst };
  }

  /** The smallest price step at the current price (for displays). */
  tick(): number {
    return tickAt(this.inst, this.lastPrice);
  }
}

/** Poisson(mean) by inversion (means here are small). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Sorted arrival times inside [t, t + dt): `count` if given, else Poisson(mean) of them. */
function arrivals(rng: Rng, mean: number, t: number, dt: number, count?: number): number[] {
  const n = count ?? poisson(rng, mean);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(t + Math.floor(rng.next() * dt));
  return out.sort((a, b) => a - b);
}

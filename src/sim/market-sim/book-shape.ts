// The simulated L2 book: 20 levels a side on the venue's price grid around a mid, spread and depth set by volatility; trades consume it.
import { roundPrice, roundQty, type Instrument } from '../../core/instrument.js';
import type { Rng } from '../../core/rng.js';
import { tickAt } from './sim-instruments.js';

export const BOOK_LEVELS = 20;

/** Spread of a calm market in bps; it widens with the volatility ratio. */
const BASE_SPREAD_BPS = 0.4;
/** Gap between levels in bps of the mid in a calm market. */
const BASE_GAP_BPS = 0.5;

export class SimBook {
  readonly bidPx = new Float64Array(BOOK_LEVELS);
  readonly bidSz = new Float64Array(BOOK_LEVELS);
  readonly askPx = new Float64Array(BOOK_LEVELS);
  readonly askSz = new Float64Array(BOOK_LEVELS);

  constructor(
    private readonly inst: Instrument,
    private readonly levelUsd: number,
  ) {}

  get bestBid(): number {
    return this.bidPx[0];
  }

  get bestAsk(): number {
    return this.askPx[0];
  }

  /**
   * Requotes around `mid`: the spread and the gaps widen and the depth thins as `volRatio`
   * (current volatility over calm) rises. Prices strictly decrease (bids) / increase (asks) and
   * the best bid stays below the best ask by at least one tick.
   */
  quote(mid: number, volRatio: number, rng: Rng): void {
    const inst = this.inst;
    const v = Math.min(Math.max(volRatio, 0.3), 20);
    const half = (mid * BASE_SPREAD_BPS * v) / 2e4;
    const gap = (mid * BASE_GAP_BPS * Math.sqrt(v)) / 1e4;
    let b = roundPrice(inst, mid - half, 'down');
    let a = roundPrice(inst, mid + half, 'up');
    if (a <= b) a = roundPrice(inst, b + tickAt(inst, b), 'up');
    const depth = this.levelUsd / Math.sqrt(v);
    for (let i = 0; i < BOOK_LEVELS; i++) {
      if (i > 0) {
        const pb = this.bidPx[i - 1];
        b = roundPrice(inst, pb - Math.max(gap * (0.5 + rng.next()), tickAt(inst, pb * (1 - 1e-9))), 'down');
        if (b >= pb) b = roundPrice(inst, pb - tickAt(inst, pb * (1 - 1e-9)), 'down');
        const pa = this.askPx[i - 1];
        a = roundPrice(inst, pa + Math.max(gap * (0.5 + rng.next()), tickAt(inst, pa)), 'up');
        if (a <= pa) a = roundPrice(inst, pa + tickAt(inst, pa), 'up');
      }
      // Deeper levels hold more; each level's size is lognormal around the depth.
      const k = 1 + 0.12 * i;
      this.bidPx[i] = b;
      this.bidSz[i] = this.size(b, depth * k * Math.exp(0.6 * rng.normal()));
      this.askPx[i] = a;
      this.askSz[i] = this.size(a, depth * k * Math.exp(0.6 * rng.normal()));
    }
  }

  private size(px: number, usd: number): number {
    return Math.max(roundQty(this.inst, usd / px), this.inst.lotSize);
  }

  /** The worst price a market order of `usd` notional reaches on one side (the side's last level if it runs out). */
  impactPrice(side: 'bid' | 'ask', usd: number): number {
    const px = side === 'bid' ? this.bidPx : this.askPx;
    const sz = side === 'bid' ? this.bidSz : this.askSz;
    let left = usd;
    for (let i = 0; i < BOOK_LEVELS; i++) {
      left -= px[i] * sz[i];
      if (left <= 0) return px[i];
    }
    return px[BOOK_LEVELS - 1];
  }

  /** The book as flat [price, size, …] arrays, best first, levels with size left only. */
  snapshot(): { bids: Float64Array; asks: Float64Array } {
    return { bids: flat(this.bidPx, this.bidSz), asks: flat(this.askPx, this.askSz) };
  }
}

function flat(px: Float64Array, sz: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < px.length; i++) if (sz[i] > 0) n++;
  const out = new Float64Array(2 * n);
  let k = 0;
  for (let i = 0; i < px.length; i++) {
    if (sz[i] <= 0) continue;
    out[k++] = px[i];
    out[k++] = sz[i];
  }
  return out;
}

// Trade flow of one symbol: trade records (price, size, aggressor, ts) and cumulative volume delta over rolling windows.
import { BadInputError } from '../core/errors.js';
import type { Side } from '../core/orders.js';

/** One trade as trade flow keeps it. */
export interface TradeRecord {
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  /** Aggressor side: buys add to CVD, sells subtract. */
  readonly side: Side;
}

/**
 * Signed volume (buy − sell) of the trades with ts in (now − windowMs, now], where now is the
 * latest trade time. A ring buffer of (ts, signed size) with a running sum: O(1) amortised per
 * trade, no allocation except when the buffer doubles. The sum is reset to exactly 0 whenever the
 * window empties, so float residue from add/subtract cannot accumulate across quiet periods.
 */
export class RollingCvd {
  private ts: Float64Array;
  private vol: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;

  constructor(
    readonly windowMs: number,
    capacity = 256,
  ) {
    if (!(Number.isFinite(windowMs) && windowMs > 0)) throw new BadInputError('RollingCvd', `window must be a positive number of ms, got ${windowMs}`);
    this.ts = new Float64Array(Math.max(4, capacity));
    this.vol = new Float64Array(Math.max(4, capacity));
  }

  /** Adds a trade's signed size (+ buy, − sell) at `ts` (non-decreasing) and evicts what left the window. */
  add(ts: number, signed: number): void {
    if (this.count === this.ts.length) this.grow();
    const cap = this.ts.length;
    const i = (this.head + this.count) % cap;
    this.ts[i] = ts;
    this.vol[i] = signed;
    this.count++;
    this.sum += signed;
    this.evict(ts);
  }

  /** Moves the window's end to `now` without a trade (e.g. on a timer). */
  advance(now: number): void {
    this.evict(now);
  }

  private evict(now: number): void {
    const cap = this.ts.length;
    const from = now - this.windowMs;
    while (this.count > 0 && this.ts[this.head] <= from) {
      this.sum -= this.vol[this.head];
      this.head = (this.head + 1) % cap;
      this.count--;
    }
    if (this.count === 0) this.sum = 0;
  }

  private grow(): void {
    const cap = this.ts.length;
    const ts = new Float64Array(cap * 2);
    const vol = new Float64Array(cap * 2);
    for (let k = 0; k < this.count; k++) {
      ts[k] = this.ts[(this.head + k) % cap];
      vol[k] = this.vol[(this.head + k) % cap];
    }
    this.ts = ts;
    this.vol = vol;
    this.head = 0;
  }

  /** The window's signed volume. */
  value(): number {
    return this.sum;
  }

  /** Trades inside the window. */
  size(): number {
    return this.count;
  }
}

/** Running trade statistics of one symbol: last trade, buy/sell volume, total CVD and CVD per window. */
export class TradeFlow {
  readonly windows: readonly RollingCvd[];
  lastPrice = NaN;
  lastTs = Number.NEGATIVE_INFINITY;
  buyVolume = 0;
  sellVolume = 0;
  trades = 0;

  /** `windowsMs`: the rolling windows to track, e.g. [60_000, 300_000]. */
  constructor(windowsMs: readonly number[] = []) {
    this.windows = windowsMs.map((w) => new RollingCvd(w));
  }

  /** Records a trade; times must not go backwards (a replay is ordered before it gets here). */
  onTrade(ts: number, price: number, size: number, side: Side): void {
    if (ts < this.lastTs) throw new BadInputError('trade flow', `trade time went backwards: ${ts} after ${this.lastTs}`);
    this.lastTs = ts;
    this.lastPrice = price;
    this.trades++;
    const signed = side === 'buy' ? size : -size;
    if (side === 'buy') this.buyVolume += size;
    else this.sellVolume += size;
    for (let i = 0; i < this.windows.length; i++) this.windows[i].add(ts, signed);
  }

  record(t: TradeRecord): void {
    this.onTrade(t.ts, t.price, t.size, t.side);
  }

  /** Cumulative volume delta since the start: buy volume − sell volume. */
  cvd(): number {
    return this.buyVolume - this.sellVolume;
  }

  /** CVD over the i-th window given to the constructor. */
  windowCvd(i: number): number {
    return this.windows[i].value();
  }
}

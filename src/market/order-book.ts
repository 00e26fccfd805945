// An L2 order book of one symbol: snapshots, level updates, top of book, depth and integrity checks.
import { BookLadder } from './book-ladder.js';

/** A side of the book by its resting orders. */
export type BookSide = 'bid' | 'ask';

/** What `integrity()` can report. */
export type BookProblem = 'crossed' | 'locked' | 'unsorted' | 'seq-gap' | undefined;

/**
 * Level sizes replace (they are not added): size 0 deletes the level. Sequence numbers are the
 * caller's (the envelope's `seq`); `checkSeq` records a gap rather than throwing, because what to
 * do about one (resync, flag the data, carry on) is the caller's decision.
 */
export class OrderBook {
  readonly bids: BookLadder;
  readonly asks: BookLadder;
  /** Last sequence number accepted by `checkSeq`, NaN before the first. */
  lastSeq = NaN;
  /** Gaps seen by `checkSeq` since the last snapshot. */
  gaps = 0;
  /** Sequence number after which the first gap was seen (NaN when none). */
  firstGapAfter = NaN;

  constructor(
    readonly symbol: string,
    capacityPerSide = 64,
  ) {
    this.bids = new BookLadder(1, capacityPerSide);
    this.asks = new BookLadder(-1, capacityPerSide);
  }

  /** Sets one level; size 0 deletes it. The hot path: no allocation, no validation (done at the edge). */
  update(side: BookSide, price: number, size: number): void {
    (side === 'bid' ? this.bids : this.asks).set(price, size);
  }

  setBid(price: number, size: number): void {
    this.bids.set(price, size);
  }

  setAsk(price: number, size: number): void {
    this.asks.set(price, size);
  }

  /** Applies flat [price, size, …] pairs to both sides (a delta). */
  applyDelta(bids: ArrayLike<number>, asks: ArrayLike<number>): void {
    const b = this.bids;
    for (let i = 0; i + 1 < bids.length; i += 2) b.set(bids[i], bids[i + 1]);
    const a = this.asks;
    for (let i = 0; i + 1 < asks.length; i += 2) a.set(asks[i], asks[i + 1]);
  }

  /** Replaces the book with flat [price, size, …] pairs; `seq` (when given) restarts sequence checking. */
  applySnapshot(bids: ArrayLike<number>, asks: ArrayLike<number>, seq?: number): void {
    this.bids.load(bids);
    this.asks.load(asks);
    this.gaps = 0;
    this.firstGapAfter = NaN;
    this.lastSeq = seq ?? NaN;
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.lastSeq = NaN;
    this.gaps = 0;
    this.firstGapAfter = NaN;
  }

  /**
   * Accepts the next sequence number of a delta stream: true when it follows the last one by
   * exactly 1 (or is the first), false after recording a gap. Stale or repeated numbers count as
   * gaps too; the stream position still moves to `seq`.
   */
  checkSeq(seq: number): boolean {
    const last = this.lastSeq;
    this.lastSeq = seq;
    if (last !== last || seq === last + 1) return true;
    if (this.gaps === 0) this.firstGapAfter = last;
    this.gaps++;
    return false;
  }

  bestBid(): number {
    return this.bids.bestPrice();
  }

  bestAsk(): number {
    return this.asks.bestPrice();
  }

  /** (best bid + best ask) / 2, NaN when either side is empty. */
  mid(): number {
    return (this.bids.bestPrice() + this.asks.bestPrice()) / 2;
  }

  /** best ask − best bid, NaN when either side is empty (negative when crossed). */
  spread(): number {
    return this.asks.bestPrice() - this.bids.bestPrice();
  }

  /** True when both sides exist and best bid ≥ best ask. */
  isCrossed(): boolean {
    return this.bids.length > 0 && this.asks.length > 0 && this.bids.bestPrice() >= this.asks.bestPrice();
  }

  /**
   * The first problem found, or undefined for a healthy book: `crossed` (bid > ask), `locked`
   * (bid = ask), `unsorted` (a ladder out of order: a bug), `seq-gap` (a gap since the last snapshot).
   */
  integrity(): BookProblem {
    if (this.bids.length > 0 && this.asks.length > 0) {
      const b = this.bids.bestPrice();
      const a = this.asks.bestPrice();
      if (b > a) return 'crossed';
      if (b === a) return 'locked';
    }
    if (!this.bids.isSorted() || !this.asks.isSorted()) return 'unsorted';
    if (this.gaps > 0) return 'seq-gap';
    return undefined;
  }

  /** Calls `visit(price, size, level)` for the best `levels` levels of `side`, best first. */
  forEachLevel(side: BookSide, levels: number, visit: (price: number, size: number, level: number) => void): void {
    const l = side === 'bid' ? this.bids : this.asks;
    const lim = Math.min(levels, l.length);
    for (let i = 0; i < lim; i++) visit(l.priceAt(i), l.sizeAt(i), i);
  }

  /** Copies the best `levels` levels of `side` as flat [price, size, …] pairs (for snapshots and tests). */
  levels(side: BookSide, levels = Number.POSITIVE_INFINITY): Float64Array {
    const l = side === 'bid' ? this.bids : this.asks;
    const n = Math.min(levels, l.length);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      out[2 * i] = l.priceAt(i);
      out[2 * i + 1] = l.sizeAt(i);
    }
    return out;
  }
}

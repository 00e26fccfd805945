// One side of an L2 book: price levels in sorted typed arrays, best level last, so top-of-book edits are O(1)/O(k).
import { grown } from '../core/typed-arrays.js';

/** Shifts of fewer elements than this use a plain loop; longer ones `copyWithin` (call overhead vs. memmove). */
const SHIFT_LOOP = 24;

/**
 * Levels are kept ascending by key with the best level at index n − 1: bids use key = price,
 * asks key = −price (negation is exact), so "better" is always "greater key" and both sides share
 * one code path. Most updates of a live feed touch the first few levels, which sit at the end of
 * the arrays: finding them takes 8 comparisons and inserting or deleting there moves only the
 * levels above. Nothing is allocated per update; the arrays double when full.
 */
export class BookLadder {
  private keys: Float64Array;
  private sizes: Float64Array;
  private n = 0;
  /** Deletes of a price that had no level (a sign of a missed message upstream). */
  missingDeletes = 0;

  /** `sign` is +1 for bids, −1 for asks. */
  constructor(
    readonly sign: 1 | -1,
    capacity = 64,
  ) {
    const cap = Math.max(4, capacity);
    this.keys = new Float64Array(cap);
    this.sizes = new Float64Array(cap);
  }

  /** Number of levels. */
  get length(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
  }

  /** Sets the size at `price`; size 0 deletes the level. Inputs are trusted (validated at the edge). */
  set(price: number, size: number): void {
    const keys = this.keys;
    const k = this.sign === 1 ? price : -price;
    const n = this.n;
    // i = the greatest index with keys[i] ≤ k, or −1.
    let i: number;
    if (n >= 8) {
      // Updates within 8 levels of the top (most of a live feed) are found by a branch-free count
      // of the top 8 keys above k (sorted, so the count is the distance): a scan loop's
      // data-dependent exit mispredicts on nearly every update. Deeper updates: binary search.
      const c =
        +(keys[n - 1] > k) + +(keys[n - 2] > k) + +(keys[n - 3] > k) + +(keys[n - 4] > k) +
        +(keys[n - 5] > k) + +(keys[n - 6] > k) + +(keys[n - 7] > k) + +(keys[n - 8] > k);
      i = n - 1 - c;
    } else {
      i = n - 1;
      while (i >= 0 && keys[i] > k) i--;
    }
    if (i >= 0 && keys[i] > k) {
      // Deeper than the top 8: binary search below them.
      let lo = 0;
      let hi = i - 1;
      i = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid] <= k) {
          i = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    if (i >= 0 && keys[i] === k) {
      if (size === 0) this.removeAt(i);
      else this.sizes[i] = size;
      return;
    }
    if (size === 0) {
      this.missingDeletes++;
      return;
    }
    this.insertAt(i + 1, k, size);
  }

  private insertAt(at: number, k: number, size: number): void {
    if (this.n === this.keys.length) this.grow();
    const keys = this.keys;
    const sizes = this.sizes;
    const n = this.n;
    if (n - at < SHIFT_LOOP) {
      for (let j = n; j > at; j--) {
        keys[j] = keys[j - 1];
        sizes[j] = sizes[j - 1];
      }
    } else {
      keys.copyWithin(at + 1, at, n);
      sizes.copyWithin(at + 1, at, n);
    }
    keys[at] = k;
    sizes[at] = size;
    this.n = n + 1;
  }

  private removeAt(at: number): void {
    const keys = this.keys;
    const sizes = this.sizes;
    const n = this.n - 1;
    if (n - at < SHIFT_LOOP) {
      for (let j = at; j < n; j++) {
        keys[j] = keys[j + 1];
        sizes[j] = sizes[j + 1];
      }
    } else {
      keys.copyWithin(at, at + 1, n + 1);
      sizes.copyWithin(at, at + 1, n + 1);
    }
    this.n = n;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    this.keys = grown(this.keys, cap);
    this.sizes = grown(this.sizes, cap);
  }

  /**
   * Replaces every level with the flat pairs [price, size, …] (size 0 pairs are skipped).
   * Best-first input (how venues send snapshots) is applied worst-first, so each level lands on
   * top and the load is linear.
   */
  load(pairs: ArrayLike<number>): void {
    this.n = 0;
    const m = pairs.length >> 1;
    const bestFirst = m >= 2 && this.sign * pairs[0] > this.sign * pairs[2];
    for (let j = 0; j < m; j++) {
      const p = bestFirst ? m - 1 - j : j;
      const size = pairs[2 * p + 1];
      if (size !== 0) this.set(pairs[2 * p], size);
    }
  }

  /** Price of the i-th best level (0 = best); NaN when there is no such level. */
  priceAt(i: number): number {
    if (i < 0 || i >= this.n) return NaN;
    const k = this.keys[this.n - 1 - i];
    return this.sign === 1 ? k : -k;
  }

  /** Size of the i-th best level (0 = best); 0 when there is no such level. */
  sizeAt(i: number): number {
    if (i < 0 || i >= this.n) return 0;
    return this.sizes[this.n - 1 - i];
  }

  /** Best price, or NaN when the side is empty. */
  bestPrice(): number {
    return this.priceAt(0);
  }

  bestSize(): number {
    return this.sizeAt(0);
  }

  /** Size resting at exactly `price`, 0 when there is no level. */
  sizeAtPrice(price: number): number {
    const k = this.sign === 1 ? price : -price;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.keys[mid];
      if (v === k) return this.sizes[mid];
      if (v < k) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Sum of the sizes of the best `levels` levels (all when omitted). */
  totalSize(levels = this.n): number {
    let t = 0;
    const lim = Math.min(levels, this.n);
    for (let i = 0; i < lim; i++) t += this.sizes[this.n - 1 - i];
    return t;
  }

  /** True when prices strictly worsen level by level (bids descending, asks ascending). */
  isSorted(): boolean {
    for (let i = 1; i < this.n; i++) if (!(this.keys[i - 1] < this.keys[i])) return false;
    return true;
  }
}

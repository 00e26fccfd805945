// Order book benchmark: level updates per second applied on one core for a synthetic but realistic L2 stream.
import { createRng, type Rng } from '../src/core/rng.js';
import { OrderBook } from '../src/market/order-book.js';

/** A pre-generated stream of level updates: side (0 bid, 1 ask), price, size (0 = delete). */
export interface LevelStream {
  readonly length: number;
  readonly side: Uint8Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  /** Initial snapshot, flat [price, size, …] best first. */
  readonly snapBids: Float64Array;
  readonly snapAsks: Float64Array;
}

/** Ticks around the start mid the stream can use (the mid random-walks inside it). */
const SPAN = 1 << 16;

/** Geometric distance from the top (1 = best level): most updates near the top, a long thin tail. */
function depth(rng: Rng, p: number, max: number): number {
  let d = 1;
  while (d < max && rng.next() > p) d++;
  return d;
}

/**
 * A stream shaped like a liquid perp's book feed: `levels` levels per side at start; each update
 * picks a side and a distance in ticks from the mid (geometric, mean 4 ticks, up to `levels`): an
 * existing level changes size (70 %) or is deleted (30 %), an empty tick gets a new level. Touched
 * ticks settle near 77 % occupancy, so the book stays near `levels` levels a side with a 1–2 tick
 * spread. About 1 update in 200 moves the mid by a tick, deleting the level it crosses, as a venue
 * does. Prices are ticks / 10, computed the same way every time, so equal levels compare equal.
 */
export function makeLevelStream(n: number, seed = 7, levels = 500): LevelStream {
  const rng = createRng(seed);
  const occ = new Uint8Array(SPAN);
  let mid = SPAN >> 1;
  const px = (tick: number): number => (300_000 + tick - (SPAN >> 1)) / 10;
  const snapBids = new Float64Array(2 * levels);
  const snapAsks = new Float64Array(2 * levels);
  for (let i = 0; i < levels; i++) {
    occ[mid - 1 - i] = 1;
    occ[mid + 1 + i] = 1;
    snapBids[2 * i] = px(mid - 1 - i);
    snapBids[2 * i + 1] = 1 + rng.int(0, 5000) / 100;
    snapAsks[2 * i] = px(mid + 1 + i);
    snapAsks[2 * i + 1] = 1 + rng.int(0, 5000) / 100;
  }
  const side = new Uint8Array(n);
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  let k = 0;
  const emit = (s: number, tick: number, sz: number): void => {
    if (k >= n) return;
    side[k] = s;
    price[k] = px(tick);
    size[k] = sz;
    occ[tick] = sz === 0 ? 0 : 1;
    k++;
  };
  while (k < n) {
    const r = rng.next();
    if (r < 0.005) {
      // The mid moves a tick; the level now at the mid on the side it moved into is deleted.
      const up = rng.next() < 0.5;
      if (up && mid + 2 < SPAN - levels * 4) {
        mid++;
        if (occ[mid] === 1) emit(1, mid, 0);
      } else if (!up && mid - 2 > levels * 4) {
        mid--;
        if (occ[mid] === 1) emit(0, mid, 0);
      }
      continue;
    }
    const s = rng.next() < 0.5 ? 0 : 1;
    const t = s === 0 ? mid - depth(rng, 0.25, levels) : mid + depth(rng, 0.25, levels);
    if (occ[t] === 1 && rng.next() < 0.3) emit(s, t, 0);
    else emit(s, t, 1 + rng.int(0, 5000) / 100);
  }
  return { length: n, side, price, size, snapBids, snapAsks };
}

/** Applies the whole stream to a book built from the stream's snapshot. */
export function applyStream(book: OrderBook, st: LevelStream): void {
  book.applySnapshot(st.snapBids, st.snapAsks);
  const side = st.side;
  const price = st.price;
  const size = st.size;
  for (let i = 0; i < st.length; i++) {
    if (side[i] === 0) book.setBid(price[i], size[i]);
    else book.setAsk(price[i], size[i]);
  }
}

/** Best of several passes over a 2M-update stream, in level updates per second. */
export function benchBook(updates = 2_000_000, passes = 7): { book_level_updates_per_s: number } {
  const st = makeLevelStream(updates);
  const book = new OrderBook('BENCH', 1024);
  let best = Number.POSITIVE_INFINITY;
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    applyStream(book, st);
    best = Math.min(best, performance.now() - t0);
  }
  if (book.isCrossed() || book.integrity() !== undefined) throw new Error(`book-bench: the stream left the book inconsistent (${book.integrity()})`);
  return { book_level_updates_per_s: Math.round(updates / (best / 1000)) };
}

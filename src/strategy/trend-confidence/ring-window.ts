// Fixed-capacity rolling window whose statistics re-sum in insertion order, as the reference engine does.
//
// Why re-sum instead of a running sum: the AI Quant engine recomputes `sum / len` over the window
// oldest-first on every bar. A running sum drifts in the last bits, and comparisons such as
// `volume > vol_sma * 2.5` must see the bit-identical value to reproduce trades exactly. The cost is
// O(capacity) per bar (capacity ≤ a few dozen), independent of history length, with no allocation.
//
// Why every value is stored twice (at slot p and p + capacity): the window, oldest first, is then always
// one contiguous run of the buffer, so the per-bar loops index it directly. Wrapping each index with `%`
// (an integer division per element) used to cost more than the sums themselves.

export class RingWindow {
  private readonly buf: Float64Array;
  /** Next slot to write (0 ≤ pos < capacity). */
  private pos = 0;
  private count = 0;
  /**
   * Results of the last refreshMean() / refreshStd(). The per-bar path reads these fields rather than a
   * returned number: a double returned from a call V8 does not inline is boxed (a heap allocation).
   */
  lastMean = 0;
  lastStd = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) badCapacity(capacity);
    this.buf = new Float64Array(2 * capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Buffer index of the oldest value: the run buf[start, start + length) is the window. */
  private get start(): number {
    return this.count < this.capacity ? 0 : this.pos;
  }

  push(v: number): void {
    const p = this.pos;
    const cap = this.capacity;
    this.buf[p] = v;
    this.buf[p + cap] = v;
    this.pos = p + 1 === cap ? 0 : p + 1;
    if (this.count < cap) this.count++;
  }

  /** The i-th value, oldest first (0 ≤ i < length). */
  at(i: number): number {
    return this.buf[this.start + i];
  }

  /** Mean of what is held (partial windows average over what exists); 0 when empty. */
  mean(): number {
    this.refreshMean();
    return this.lastMean;
  }

  /** Sets `lastMean` to the mean (see mean()). */
  refreshMean(): void {
    const n = this.count;
    if (n === 0) {
      this.lastMean = 0;
      return;
    }
    const b = this.buf;
    const to = this.start + n;
    let i = this.start;
    let s = 0;
    // Four per iteration, added left to right (the same order as one at a time, so the same bits): fewer
    // loop checks per value; the sum itself is one chain of dependent additions either way.
    for (; i + 4 <= to; i += 4) s = s + b[i] + b[i + 1] + b[i + 2] + b[i + 3];
    for (; i < to; i++) s += b[i];
    this.lastMean = s / n;
  }

  /** Population standard deviation (ddof 0); 0 when empty. */
  stdPop(): number {
    this.refreshMean();
    this.refreshStd();
    return this.lastStd;
  }

  /** Sets `lastStd` to the population standard deviation around `lastMean`: call refreshMean() first. */
  refreshStd(): void {
    const n = this.count;
    if (n === 0) {
      this.lastStd = 0;
      return;
    }
    const mean = this.lastMean;
    const b = this.buf;
    const to = this.start + n;
    let i = this.start;
    let s = 0;
    // Unrolled as in refreshMean, squares added in the same order.
    for (; i + 4 <= to; i += 4) {
      const d0 = b[i] - mean;
      const d1 = b[i + 1] - mean;
      const d2 = b[i + 2] - mean;
      const d3 = b[i + 3] - mean;
      s = s + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
    }
    for (; i < to; i++) {
      const d = b[i] - mean;
      s += d * d;
    }
    this.lastStd = Math.sqrt(s / n);
  }

  min(): number {
    const b = this.buf;
    const from = this.start;
    const to = from + this.count;
    let m = Infinity;
    for (let i = from; i < to; i++) m = Math.min(m, b[i]);
    return m;
  }

  max(): number {
    const b = this.buf;
    const from = this.start;
    const to = from + this.count;
    let m = -Infinity;
    for (let i = from; i < to; i++) m = Math.max(m, b[i]);
    return m;
  }

  /** Values oldest first, for saveState. */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.at(i));
    return out;
  }

  /** Restores from `toArray()` output (keeps the last `capacity` values). */
  load(values: readonly number[]): void {
    this.pos = 0;
    this.count = 0;
    for (const v of values) this.push(v);
  }
}

/** Out of line: a formatted throw inside the constructor would slow every caller V8 inlines it into. */
function badCapacity(capacity: number): never {
  throw new RangeError(`ring window capacity must be an integer ≥ 1, got ${capacity}`);
}

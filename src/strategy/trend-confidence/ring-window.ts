// Fixed-capacity rolling window whose statistics re-sum in insertion order, as the reference engine does.
//
// Why re-sum instead of a running sum: the AI Quant engine recomputes `sum / len` over the window
// oldest-first on every bar. A running sum drifts in the last bits, and comparisons such as
// `volume > vol_sma * 2.5` must see the bit-identical value to reproduce trades exactly. The cost is
// O(capacity) per bar (capacity ≤ a few dozen), independent of history length, with no allocation.

export class RingWindow {
  private readonly buf: Float64Array;
  private pos = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`ring window capacity must be an integer ≥ 1, got ${capacity}`);
    this.buf = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  push(v: number): void {
    this.buf[this.pos] = v;
    this.pos = (this.pos + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** The i-th value, oldest first (0 ≤ i < length). */
  at(i: number): number {
    const start = this.count < this.capacity ? 0 : this.pos;
    return this.buf[(start + i) % this.capacity];
  }

  /** Mean of what is held (partial windows average over what exists); 0 when empty. */
  mean(): number {
    if (this.count === 0) return 0;
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.at(i);
    return s / this.count;
  }

  /** Population standard deviation (ddof 0); 0 when empty. */
  stdPop(): number {
    if (this.count === 0) return 0;
    const m = this.mean();
    let s = 0;
    for (let i = 0; i < this.count; i++) {
      const d = this.at(i) - m;
      s += d * d;
    }
    return Math.sqrt(s / this.count);
  }

  min(): number {
    let m = Infinity;
    for (let i = 0; i < this.count; i++) m = Math.min(m, this.at(i));
    return m;
  }

  max(): number {
    let m = -Infinity;
    for (let i = 0; i < this.count; i++) m = Math.max(m, this.at(i));
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

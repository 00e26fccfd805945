// Delay line: the value pushed n updates ago, from a preallocated ring of n + 1 slots.

export class Lag {
  readonly n: number;
  private readonly buf: Float64Array;
  private i = 0;
  private count = 0;

  constructor(n: number) {
    this.n = n;
    this.buf = new Float64Array(n + 1);
  }

  push(x: number): void {
    const buf = this.buf;
    buf[this.i] = x;
    this.i = this.i + 1 === buf.length ? 0 : this.i + 1;
    if (this.count <= this.n) this.count++;
  }

  /** The value pushed n updates before the latest one; only meaningful when `ready`. */
  get value(): number {
    return this.buf[this.i];
  }

  /** True once n + 1 values have been pushed. */
  get ready(): boolean {
    return this.count > this.n;
  }

  /** Sum of the latest n values (the ring minus its oldest slot); O(n), for one-off seeding. */
  recentSum(): number {
    const buf = this.buf;
    let s = 0;
    let j = this.i;
    for (let k = 0; k < this.n; k++) {
      j = j + 1 === buf.length ? 0 : j + 1;
      s += buf[j];
    }
    return s;
  }
}

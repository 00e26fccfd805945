// Sum of the last n values in O(1) per push, re-summed from the ring once per lap so float drift cannot build up.

export class RollingSum {
  readonly n: number;
  private readonly buf: Float64Array;
  private i = 0;
  private s = 0;
  private isFull = false;

  constructor(n: number) {
    this.n = n;
    this.buf = new Float64Array(n);
  }

  push(x: number): void {
    const buf = this.buf;
    const i = this.i;
    const old = buf[i];
    buf[i] = x;
    if (i + 1 === this.n) {
      this.i = 0;
      this.isFull = true;
      // Once per lap (amortised O(1)): an exact re-sum of the window replaces the running sum, so a huge
      // value that has left the window leaves no cancellation residue behind.
      let s = 0;
      for (let j = 0; j < buf.length; j++) s += buf[j];
      this.s = s;
    } else {
      this.i = i + 1;
      this.s += x - old;
    }
  }

  /** Sum of the values in the window (of all values pushed so far while not yet full). */
  get sum(): number {
    return this.s;
  }

  /** True once n values have been pushed. */
  get full(): boolean {
    return this.isFull;
  }
}

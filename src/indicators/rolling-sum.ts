// Sum of the last n values in O(1) per push, re-summed exactly from the ring every max(n, 64) pushes or so,
// so float drift cannot build up.

export class RollingSum {
  readonly n: number;
  private readonly buf: Float64Array;
  private i = 0;
  private s = 0;
  private isFull = false;
  /**
   * Laps of the ring between exact re-sums: 1 for windows of 64 or more, more for tiny windows, where an
   * out-of-line re-sum every few pushes would cost more than the whole update.
   */
  private readonly lapsPerResum: number;
  private lapsLeft: number;

  constructor(n: number) {
    this.n = n;
    this.buf = new Float64Array(n);
    this.lapsPerResum = Math.ceil(64 / n);
    this.lapsLeft = this.lapsPerResum;
  }

  push(x: number): void {
    const buf = this.buf;
    const i = this.i;
    const old = buf[i];
    buf[i] = x;
    this.s += x - old;
    if (i + 1 === this.n) {
      this.i = 0;
      this.isFull = true;
      if (--this.lapsLeft === 0) this.resum();
    } else {
      this.i = i + 1;
    }
  }

  /**
   * An exact re-sum of the window replaces the running sum, so a huge value that has left the window leaves
   * no cancellation residue behind for long. Out of line so `push` stays small enough for V8 to inline.
   */
  private resum(): void {
    this.lapsLeft = this.lapsPerResum;
    const buf = this.buf;
    let s = 0;
    for (let j = 0; j < buf.length; j++) s += buf[j];
    this.s = s;
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

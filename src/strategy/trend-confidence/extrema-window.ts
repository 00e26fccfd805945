// A RingWindow that also answers min() and max() in O(1) per push: StochRSI's window of RSI values.
//
// Why: scanning 14 values with Math.min and Math.max cost ~35 ns each per bar. On RSI data which of two values
// is smaller is a coin flip, and V8 compiles Math.min to branches on it, so most comparisons mispredict.
// RollingRange (van Herk / Gil-Werman blocks, branch-free selects) tracks both in a few ns. It is exact for
// finite values, because the minimum of a set does not depend on the order it is scanned in. Two cases keep
// the exact scan: a window holding NaN or ±Infinity (the arithmetic selects would not propagate them as
// Math.min does), and an extreme of zero (Math.min prefers −0 to +0, which compare equal).
import { RollingRange } from '../../indicators/index.js';
import { RingWindow } from './ring-window.js';

export class ExtremaWindow extends RingWindow {
  private range: RollingRange;
  private pushes = 0;
  /** The scan is needed until `pushes` reaches this: a non-finite value is still in the window. */
  private scanUntil = 0;
  // Kept in fields and read by min()/max(): a double returned from a call V8 does not inline is boxed.
  private lo = Infinity;
  private hi = -Infinity;

  constructor(capacity: number) {
    super(capacity);
    this.range = new RollingRange(capacity);
  }

  override push(v: number): void {
    super.push(v);
    this.pushes++;
    // v − v is 0 for every finite v, NaN for NaN and ±Infinity.
    const finite = v - v === 0;
    if (!finite) this.scanUntil = this.pushes + this.capacity;
    const x = finite ? v : 0;
    const r = this.range;
    r.push(x, x);
    this.lo = r.low;
    this.hi = r.high;
    if (this.pushes < this.scanUntil || this.lo === 0 || this.hi === 0) this.scan();
  }

  /** The exact scan, for the cases the O(1) extremes do not cover (out of line: it rarely runs). */
  private scan(): void {
    this.lo = super.min();
    this.hi = super.max();
  }

  override min(): number {
    return this.lo;
  }

  override max(): number {
    return this.hi;
  }

  override load(values: readonly number[]): void {
    this.range = new RollingRange(this.capacity);
    this.pushes = 0;
    this.scanUntil = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
    super.load(values);
  }
}

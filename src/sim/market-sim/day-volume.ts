// Rolling 24-hour volume and the price 24 hours ago, kept in one-minute buckets (the asset context's day statistics).
const MINUTES = 1_440;

export class DayVolume {
  private readonly notional = new Float64Array(MINUTES);
  private readonly base = new Float64Array(MINUTES);
  private readonly firstPx = new Float64Array(MINUTES);
  private minute = Number.NaN;
  private ntlSum = 0;
  private baseSum = 0;
  private readonly startPx: number;
  private readonly startMinute: number;

  constructor(start: number, startPx: number) {
    this.startPx = startPx;
    this.startMinute = Math.floor(start / 60_000);
  }

  /** Moves to the minute of `t` (clearing minutes that fell out of the day) with `px` the price then. */
  at(t: number, px: number): void {
    const m = Math.floor(t / 60_000);
    if (m === this.minute) return;
    const from = Number.isNaN(this.minute) ? m : this.minute + 1;
    for (let k = Math.max(from, m - MINUTES + 1); k <= m; k++) {
      const i = k % MINUTES;
      this.ntlSum -= this.notional[i];
      this.baseSum -= this.base[i];
      this.notional[i] = 0;
      this.base[i] = 0;
      this.firstPx[i] = px;
    }
    this.minute = m;
  }

  add(px: number, size: number): void {
    const i = this.minute % MINUTES;
    this.notional[i] += px * size;
    this.base[i] += size;
    this.ntlSum += px * size;
    this.baseSum += size;
  }

  get dayNotional(): number {
    return Math.max(0, this.ntlSum);
  }

  get dayBase(): number {
    return Math.max(0, this.baseSum);
  }

  /** The price at the start of the minute 24 h ago, or the start price in the first day. */
  prevDayPrice(): number {
    if (this.minute - this.startMinute < MINUTES) return this.startPx;
    return this.firstPx[(this.minute + 1) % MINUTES];
  }
}

// Wilder's true range max(high, prev close) − min(low, prev close); like backtrader, the first bar has none
// because it has no previous close.

export class TrueRange {
  private prevClose = 0;
  private seen = false;
  private tr = 0;
  private trueLow = 0;
  private ok = false;

  update(high: number, low: number, close: number): void {
    if (this.seen) {
      const pc = this.prevClose;
      // Arithmetic selects (c ∈ {0,1}): gaps past the previous close are data-dependent, and a mispredicted
      // branch costs more than the whole update.
      const ch = +(high > pc);
      const cl = +(low < pc);
      const th = ch * high + (1 - ch) * pc;
      const tl = cl * low + (1 - cl) * pc;
      this.tr = th - tl;
      this.trueLow = tl;
      this.ok = true;
    }
    this.prevClose = close;
    this.seen = true;
  }

  get value(): number {
    return this.tr;
  }

  /** min(low, prev close), the base of the ultimate oscillator's buying pressure. */
  get low(): number {
    return this.trueLow;
  }

  /** True from the second bar on. */
  get ready(): boolean {
    return this.ok;
  }
}

// Wilder's directional movement: +DI and −DI from smoothed +DM, −DM and true range, under two seeding conventions.

export type DmSeed = 'sma' | 'talib';
export const DM_SEEDS: readonly DmSeed[] = ['sma', 'talib'];

/**
 * upmove = high − prev high, downmove = prev low − low; +DM = upmove when upmove > downmove and > 0, else 0
 * (−DM mirrored). `sma` (backtrader): +DM, −DM and TR are Wilder averages seeded with the mean of their first
 * `period` values, DI = 100·avgDM/ATR. `talib`: running sums of the first period − 1 values, then
 * S ← S − S/period + x, DI = 100·(S_DM/S_TR). Both give the first DI on bar period + 1. DI is 0 when the
 * true range is 0.
 */
export class DirectionalMovement {
  readonly period: number;
  private readonly talib: boolean;
  private readonly alpha: number;
  private readonly alpha1: number;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private seen = false;
  /** Moves seen while seeding. */
  private n = 0;
  /** Smoothed +DM, −DM and true range: Wilder averages (`sma`) or Wilder sums (`talib`). */
  private sPlus = 0;
  private sMinus = 0;
  private sTr = 0;
  private plus = 0;
  private minus = 0;
  private ok = false;

  constructor(period: number, seed: DmSeed) {
    this.period = period;
    this.talib = seed === 'talib';
    // backtrader's prev·(1 − α) + x·α form of Wilder's average.
    this.alpha = 1 / period;
    this.alpha1 = 1 - this.alpha;
  }

  update(high: number, low: number, close: number): void {
    if (!this.seen) return this.start(high, low, close);
    const up = high - this.prevHigh;
    const down = this.prevLow - low;
    // Branch-free: which side moved more is a coin flip the CPU cannot predict.
    const pdm = +(up > down) * +(up > 0) * up;
    const mdm = +(down > up) * +(down > 0) * down;
    const pc = this.prevClose;
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
    // The true range is inlined rather than a TrueRange object: one fewer call level to fit V8's inlining budget.
    const ch = +(high > pc);
    const cl = +(low < pc);
    const tr = ch * high + (1 - ch) * pc - (cl * low + (1 - cl) * pc);
    // Only the warm `sma` step stays here. V8 inlines a call only while the callee's bytecode, with what it
    // inlines itself, fits a budget; a call it does not inline boxes every double passed to it.
    if (this.talib || !this.ok) return this.seedOrTalib(pdm, mdm, tr);
    this.sPlus = this.sPlus * this.alpha1 + pdm * this.alpha;
    this.sMinus = this.sMinus * this.alpha1 + mdm * this.alpha;
    this.sTr = this.sTr * this.alpha1 + tr * this.alpha;
    this.diSma();
  }

  /** The first bar: nothing moved yet. */
  private start(high: number, low: number, close: number): void {
    this.seen = true;
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
  }

  /** Seeding (`talib` sums the first period − 1 moves, `sma` averages the first period), and every `talib` step. */
  private seedOrTalib(pdm: number, mdm: number, tr: number): void {
    const p = this.period;
    if (!this.ok && ++this.n < p) {
      this.sPlus += pdm;
      this.sMinus += mdm;
      this.sTr += tr;
      return;
    }
    if (this.talib) {
      this.sPlus = this.sPlus - this.sPlus / p + pdm;
      this.sMinus = this.sMinus - this.sMinus / p + mdm;
      this.sTr = this.sTr - this.sTr / p + tr;
      this.ok = true;
      const t = this.sTr;
      this.plus = t !== 0 ? 100 * (this.sPlus / t) : 0;
      this.minus = t !== 0 ? 100 * (this.sMinus / t) : 0;
      return;
    }
    this.sPlus = (this.sPlus + pdm) / p;
    this.sMinus = (this.sMinus + mdm) / p;
    this.sTr = (this.sTr + tr) / p;
    this.ok = true;
    this.diSma();
  }

  /** `sma` +DI and −DI from the averages (backtrader's order of operations); 0 when the true range is 0. */
  private diSma(): void {
    const t = this.sTr;
    this.plus = t !== 0 ? (100 * this.sPlus) / t : 0;
    this.minus = t !== 0 ? (100 * this.sMinus) / t : 0;
  }

  get plusDi(): number {
    return this.plus;
  }

  get minusDi(): number {
    return this.minus;
  }

  /** From bar period + 1 on. */
  get ready(): boolean {
    return this.ok;
  }
}

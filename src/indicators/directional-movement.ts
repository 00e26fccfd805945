// Wilder's directional movement: +DI and −DI from smoothed +DM, −DM and true range, under two seeding conventions.
import { ExpSmoothing, wilderAlpha } from './exp-smoothing.js';
import { TrueRange } from './true-range.js';

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
  private readonly tr = new TrueRange();
  private readonly plusAv: ExpSmoothing;
  private readonly minusAv: ExpSmoothing;
  private readonly trAv: ExpSmoothing;
  private prevHigh = 0;
  private prevLow = 0;
  private seen = false;
  private n = 0;
  private sPlus = 0;
  private sMinus = 0;
  private sTr = 0;
  private plus = 0;
  private minus = 0;
  private ok = false;

  constructor(period: number, seed: DmSeed) {
    this.period = period;
    this.talib = seed === 'talib';
    const a = wilderAlpha(period);
    this.plusAv = new ExpSmoothing(period, a, 'sma');
    this.minusAv = new ExpSmoothing(period, a, 'sma');
    this.trAv = new ExpSmoothing(period, a, 'sma');
  }

  update(high: number, low: number, close: number): void {
    const tr = this.tr;
    tr.update(high, low, close);
    if (this.seen) {
      const up = high - this.prevHigh;
      const down = this.prevLow - low;
      // Branch-free: which side moved more is a coin flip the CPU cannot predict.
      const pdm = +(up > down) * +(up > 0) * up;
      const mdm = +(down > up) * +(down > 0) * down;
      if (this.talib) this.pushTalib(pdm, mdm, tr.value);
      else this.pushSma(pdm, mdm, tr.value);
    }
    this.prevHigh = high;
    this.prevLow = low;
    this.seen = true;
  }

  private pushSma(pdm: number, mdm: number, trv: number): void {
    this.plusAv.push(pdm);
    this.minusAv.push(mdm);
    this.trAv.push(trv);
    if (!this.trAv.ready) return;
    const atr = this.trAv.value;
    this.plus = atr !== 0 ? (100 * this.plusAv.value) / atr : 0;
    this.minus = atr !== 0 ? (100 * this.minusAv.value) / atr : 0;
    this.ok = true;
  }

  private pushTalib(pdm: number, mdm: number, trv: number): void {
    const p = this.period;
    if (++this.n < p) {
      this.sPlus += pdm;
      this.sMinus += mdm;
      this.sTr += trv;
      return;
    }
    this.sPlus = this.sPlus - this.sPlus / p + pdm;
    this.sMinus = this.sMinus - this.sMinus / p + mdm;
    this.sTr = this.sTr - this.sTr / p + trv;
    this.plus = this.sTr !== 0 ? 100 * (this.sPlus / this.sTr) : 0;
    this.minus = this.sTr !== 0 ? 100 * (this.sMinus / this.sTr) : 0;
    this.ok = true;
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

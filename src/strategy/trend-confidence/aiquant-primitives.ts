// Streaming EMA, ATR, RSI, ADX and StochRSI with the AI Quant engine's warm-up conventions (no NaN warm-up values).
//
// Why not src/indicators: that library follows TA-Lib (NaN until warm, SMA-seeded EMA). The reference
// engine instead seeds EMA with the first close (pandas adjust=False), averages ATR over the TRs seen
// so far, holds RSI at 50 until n changes exist, and outputs a running mean of DX for ADX. Every value
// exists from bar 0 and decisions depend on those early values, so reproducing its trades needs these
// exact definitions, including the order of floating-point operations.
//
// Per-bar entry points (`step`) read their inputs from an object (the snapshot, in AqIndicators) and leave
// their outputs in fields: a double passed to or returned from a call V8 does not inline is boxed, one heap
// allocation each, and whether V8 inlines depends on how much else the caller inlined. `update(...)` is the
// convenience form, for tests and one-off use.
import { ExtremaWindow } from './extrema-window.js';
import { RingWindow } from './ring-window.js';

/** A bar's high, low and close (the AqSnapshot is one). */
export interface AqHlc {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** EMA with alpha 2/(n+1), seeded with the first value. */
export class AqEma {
  readonly alpha: number;
  value = 0;
  count = 0;

  constructor(n: number) {
    this.alpha = 2 / (n + 1);
  }

  update(x: number): number {
    this.value = this.count === 0 ? x : this.alpha * x + (1 - this.alpha) * this.value;
    this.count++;
    return this.value;
  }

  /** Feeds a bar's close; the EMA is then in `value`. */
  step(b: { readonly close: number }): void {
    const x = b.close;
    this.value = this.count === 0 ? x : this.alpha * x + (1 - this.alpha) * this.value;
    this.count++;
  }
}

/** ATR: running mean of TR for the first n bars (first TR = high − low), then Wilder. */
export class AqAtr {
  prevClose = 0;
  hasPrev = false;
  value = 0;
  count = 0;
  sum = 0;
  warm = false;

  constructor(readonly n: number) {}

  update(high: number, low: number, close: number): number {
    this.step({ high, low, close });
    return this.value;
  }

  /** Feeds one bar; the ATR is then in `value`. */
  step(b: AqHlc): void {
    const high = b.high;
    const low = b.low;
    const tr = this.hasPrev ? Math.max(high - low, Math.abs(high - this.prevClose), Math.abs(low - this.prevClose)) : high - low;
    this.hasPrev = true;
    this.prevClose = b.close;
    if (this.warm) this.value = (this.value * (this.n - 1) + tr) / this.n;
    else this.warmUp(tr);
  }

  /** The first n bars, out of line so the per-bar path stays small enough to inline. */
  private warmUp(tr: number): void {
    this.sum += tr;
    this.count++;
    if (this.count >= this.n) {
      this.value = this.sum / this.n;
      this.warm = true;
    } else {
      this.value = this.sum / this.count;
    }
  }
}

/** RSI: 50 until n close-to-close changes exist, then plain means, then Wilder smoothing. */
export class AqRsi {
  prevClose = 0;
  hasPrev = false;
  avgGain = 0;
  avgLoss = 0;
  value = 50;
  count = 0;
  gainSum = 0;
  lossSum = 0;
  warm = false;

  constructor(readonly n: number) {}

  update(close: number): number {
    this.step({ close });
    return this.value;
  }

  /** Feeds one bar; the RSI is then in `value` (50 until n changes exist). */
  step(b: { readonly close: number }): void {
    const close = b.close;
    if (!this.hasPrev) {
      this.prevClose = close;
      this.hasPrev = true;
      return;
    }
    const change = close - this.prevClose;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    this.prevClose = close;
    if (!this.warm) return this.warmUp(gain, loss);
    this.avgGain = (this.avgGain * (this.n - 1) + gain) / this.n;
    this.avgLoss = (this.avgLoss * (this.n - 1) + loss) / this.n;
    this.output();
  }

  /** Until n changes exist, out of line so the per-bar path stays small enough to inline. */
  private warmUp(gain: number, loss: number): void {
    this.gainSum += gain;
    this.lossSum += loss;
    this.count++;
    if (this.count < this.n) {
      this.value = 50;
      return;
    }
    this.avgGain = this.gainSum / this.n;
    this.avgLoss = this.lossSum / this.n;
    this.warm = true;
    this.output();
  }

  private output(): void {
    this.value = this.avgLoss === 0 ? 100 : 100 - 100 / (1 + this.avgGain / this.avgLoss);
  }
}

const INIT = 0;
const ACCUMULATE = 1;
const DX_ACCUMULATE = 2;
const WARM = 3;

/**
 * ADX: bar 0 only stores the bar; bars 1..n sum +DM, −DM and TR (output 0 until bar n, where the
 * output is that bar's DX); then Wilder-stepped sums and the running mean of all DX so far, which
 * becomes Wilder smoothing of DX once n DX values exist (bar 2n−1).
 */
export class AqAdx {
  prevHigh = 0;
  prevLow = 0;
  prevClose = 0;
  sPlus = 0;
  sMinus = 0;
  sTr = 0;
  adxSum = 0;
  adxValue = 0;
  count = 0;
  dxCount = 0;
  phase = INIT;
  /** Outputs of the last update. */
  adx = 0;
  diPlus = 0;
  diMinus = 0;

  constructor(readonly n: number) {}

  update(high: number, low: number, close: number): number {
    this.step({ high, low, close });
    return this.adx;
  }

  /** Feeds one bar; ADX, +DI and −DI are then in `adx`, `diPlus`, `diMinus`. */
  step(b: AqHlc): void {
    const high = b.high;
    const low = b.low;
    const close = b.close;
    if (this.phase < DX_ACCUMULATE) {
      if (this.accumulate(high, low, close)) return;
    } else {
      // Warm path written out flat: a helper V8 declined to inline would box every double passed to it.
      const n = this.n;
      const up = high - this.prevHigh;
      const down = this.prevLow - low;
      const plus = up > down && up > 0 ? up : 0;
      const minus = down > up && down > 0 ? down : 0;
      const tr = Math.max(high - low, Math.abs(high - this.prevClose), Math.abs(low - this.prevClose));
      this.sPlus = this.sPlus - this.sPlus / n + plus;
      this.sMinus = this.sMinus - this.sMinus / n + minus;
      this.sTr = this.sTr - this.sTr / n + tr;
      this.prevHigh = high;
      this.prevLow = low;
      this.prevClose = close;
    }
    const sTr = this.sTr;
    const diPlus = sTr > 0 ? (this.sPlus / sTr) * 100 : 0;
    const diMinus = sTr > 0 ? (this.sMinus / sTr) * 100 : 0;
    const sum = diPlus + diMinus;
    const dx = sum > 0 ? (Math.abs(diPlus - diMinus) / sum) * 100 : 0;
    this.diPlus = diPlus;
    this.diMinus = diMinus;
    if (this.phase === WARM) {
      this.adxValue = (this.adxValue * (this.n - 1) + dx) / this.n;
      this.adx = this.adxValue;
    } else {
      this.accumulateDx(dx);
    }
  }

  /**
   * Bars 0..n: stores bar 0, then sums +DM, −DM and TR. Returns true while the output stays 0; false on bar
   * n, whose DX the caller computes from the sums. Out of line: it runs n + 1 times.
   */
  private accumulate(high: number, low: number, close: number): boolean {
    if (this.phase === INIT) {
      this.remember(high, low, close);
      this.phase = ACCUMULATE;
      this.out(0, 0, 0);
      return true;
    }
    const up = high - this.prevHigh;
    const down = this.prevLow - low;
    this.sPlus += up > down && up > 0 ? up : 0;
    this.sMinus += down > up && down > 0 ? down : 0;
    this.sTr += Math.max(high - low, Math.abs(high - this.prevClose), Math.abs(low - this.prevClose));
    this.count++;
    this.remember(high, low, close);
    if (this.count < this.n) {
      this.out(0, 0, 0);
      return true;
    }
    this.phase = DX_ACCUMULATE;
    return false;
  }

  /** Bars n..2n−1: the first DX, then the running mean of DX (out of line, as above). */
  private accumulateDx(dx: number): void {
    if (this.dxCount === 0) {
      this.adxSum = dx;
      this.dxCount = 1;
      this.adx = dx;
      return;
    }
    this.adxSum += dx;
    this.dxCount++;
    if (this.dxCount >= this.n) {
      this.adxValue = this.adxSum / this.n;
      this.phase = WARM;
      this.adx = this.adxValue;
      return;
    }
    this.adx = this.adxSum / this.dxCount;
  }

  private remember(high: number, low: number, close: number): void {
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
  }

  private out(adx: number, plus: number, minus: number): void {
    this.adx = adx;
    this.diPlus = plus;
    this.diMinus = minus;
  }
}

/** StochRSI in [0, 1]: 0.5 until the RSI window is full; K = SMA(smooth1) of raw K, D = SMA(smooth2) of K. */
export class AqStochRsi {
  readonly rsiRing: ExtremaWindow;
  readonly kRing: RingWindow;
  readonly dRing: RingWindow;
  k = 0.5;
  d = 0.5;

  constructor(window: number, smooth1: number, smooth2: number) {
    this.rsiRing = new ExtremaWindow(window);
    this.kRing = new RingWindow(smooth1);
    this.dRing = new RingWindow(smooth2);
  }

  update(rsi: number): void {
    this.step({ rsi });
  }

  /** Feeds one RSI value; K and D are then in `k` and `d`. */
  step(s: { readonly rsi: number }): void {
    const rsi = s.rsi;
    this.rsiRing.push(rsi);
    if (!this.rsiRing.full) {
      this.k = 0.5;
      this.d = 0.5;
      return;
    }
    const lo = this.rsiRing.min();
    const range = this.rsiRing.max() - lo;
    this.kRing.push(range > 0 ? (rsi - lo) / range : 0.5);
    this.kRing.refreshMean();
    this.k = this.kRing.lastMean;
    this.dRing.push(this.k);
    this.dRing.refreshMean();
    this.d = this.dRing.lastMean;
  }
}

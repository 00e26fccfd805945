// Exponential smoothing v = v·(1 − α) + x·α with an explicit seed: the SMA of the first `period` inputs
// (TA-Lib, backtrader) or the first input itself (pandas ewm adjust=False). EMA, Wilder and MACD build on it.

export type SmoothingSeed = 'sma' | 'first';

export class ExpSmoothing {
  readonly period: number;
  readonly alpha: number;
  private readonly alpha1: number;
  private readonly seedFirst: boolean;
  private n = 0;
  private acc = 0;
  private v = 0;
  private ok = false;

  constructor(period: number, alpha: number, seed: SmoothingSeed) {
    this.period = period;
    this.alpha = alpha;
    // backtrader's form (prev·(1 − α) + x·α) rather than prev + α·(x − prev): same maths, same rounding as theirs.
    this.alpha1 = 1 - alpha;
    this.seedFirst = seed === 'first';
  }

  push(x: number): void {
    if (this.ok) this.v = this.v * this.alpha1 + x * this.alpha;
    else this.seed(x);
  }

  /** Warm-up path, out of line so `push` stays small enough to inline everywhere. */
  private seed(x: number): void {
    if (this.seedFirst) {
      this.v = x;
      this.ok = true;
      return;
    }
    this.acc += x;
    if (++this.n === this.period) {
      this.v = this.acc / this.period;
      this.ok = true;
    }
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return this.ok;
  }
}

/** EMA smoothing factor 2 / (period + 1). */
export function emaAlpha(period: number): number {
  return 2 / (1 + period);
}

/** Wilder's smoothing factor 1 / period (his "smoothed moving average", RSI/ATR/ADX). */
export function wilderAlpha(period: number): number {
  return 1 / period;
}

// RSI: Wilder's relative strength index, period 14, gains/losses Wilder-smoothed and seeded with the mean of the first `period` changes.
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * rsi = 100 − 100/(1 + avgGain/avgLoss). With no losses in the window it is 100, and with neither gains
 * nor losses 50 (backtrader's `safediv` values) instead of a division by zero. The two Wilder averages are
 * kept inline (not ExpSmoothing objects) so StochRsi, which wraps this, still fits V8's inlining budget.
 */
export class Rsi {
  readonly period: number;
  private readonly alpha: number;
  private readonly alpha1: number;
  private prev = 0;
  private seen = false;
  /** Changes seen while seeding. */
  private n = 0;
  private up = 0;
  private down = 0;
  private v = 0;
  private ok = false;

  constructor(period = 14, where = 'rsi') {
    this.period = checkInt(where, 'period', period);
    this.alpha = 1 / period;
    this.alpha1 = 1 - this.alpha;
  }

  update(x: number): void {
    const d = x - this.prev;
    this.prev = x;
    const a = Math.abs(d);
    // (|d| ± d)/2 is exactly max(±d, 0) without a data-dependent branch.
    const gain = (a + d) * 0.5;
    const loss = (a - d) * 0.5;
    // Warm-up is out of line to keep this small: StochRsi inlines it, and V8 inlines a call only while the
    // whole call tree fits its budget (a call it does not inline boxes the doubles passed to it).
    if (!this.ok) return this.seed(gain, loss);
    this.up = this.up * this.alpha1 + gain * this.alpha;
    this.down = this.down * this.alpha1 + loss * this.alpha;
    this.output();
  }

  /** The first bar (no change yet), then the mean of the first `period` gains and losses. */
  private seed(gain: number, loss: number): void {
    if (!this.seen) {
      this.seen = true;
      return;
    }
    this.up += gain;
    this.down += loss;
    if (++this.n < this.period) return;
    this.up /= this.period;
    this.down /= this.period;
    this.ok = true;
    this.output();
  }

  private output(): void {
    const g = this.up;
    const l = this.down;
    this.v = l !== 0 ? 100 - 100 / (1 + g / l) : g !== 0 ? 100 : 50;
  }

  get value(): number {
    return this.v;
  }

  /** From bar period + 1 (the first change needs a previous close). */
  get ready(): boolean {
    return this.ok;
  }
}

export const rsiSpec: IndicatorSpec = {
  name: 'rsi',
  summary: "Wilder's relative strength index of close, 0..100",
  lines: [''],
  params: [intParam('period', 14, 'Wilder smoothing period')],
  create(p, where) {
    const r = new Rsi(num(p, 'period'), where);
    return adapt('rsi', [''], (_o, _h, _l, c) => r.update(c), [() => r.value], [() => r.ready]);
  },
};

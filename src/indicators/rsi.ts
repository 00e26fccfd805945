// RSI: Wilder's relative strength index, period 14, gains/losses Wilder-smoothed and seeded with the SMA of the first `period` changes.
import { ExpSmoothing, wilderAlpha } from './exp-smoothing.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * rsi = 100 − 100/(1 + avgGain/avgLoss). With no losses in the window it is 100, and with neither gains
 * nor losses 50 (backtrader's `safediv` values) instead of a division by zero.
 */
export class Rsi {
  readonly period: number;
  private readonly up: ExpSmoothing;
  private readonly down: ExpSmoothing;
  private prev = 0;
  private seen = false;
  private v = 0;

  constructor(period = 14, where = 'rsi') {
    this.period = checkInt(where, 'period', period);
    this.up = new ExpSmoothing(period, wilderAlpha(period), 'sma');
    this.down = new ExpSmoothing(period, wilderAlpha(period), 'sma');
  }

  update(x: number): void {
    if (this.seen) {
      const d = x - this.prev;
      const a = Math.abs(d);
      // (|d| ± d)/2 is exactly max(±d, 0) without a data-dependent branch.
      this.up.push((a + d) * 0.5);
      this.down.push((a - d) * 0.5);
      if (this.up.ready) {
        const g = this.up.value;
        const l = this.down.value;
        this.v = l !== 0 ? 100 - 100 / (1 + g / l) : g !== 0 ? 100 : 50;
      }
    }
    this.prev = x;
    this.seen = true;
  }

  get value(): number {
    return this.v;
  }

  /** From bar period + 1 (the first change needs a previous close). */
  get ready(): boolean {
    return this.up.ready;
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

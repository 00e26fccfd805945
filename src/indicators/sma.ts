// SMA: arithmetic mean of the last `period` closes (backtrader default period 30).
import { RollingSum } from './rolling-sum.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Sma {
  readonly period: number;
  private readonly window: RollingSum;

  constructor(period = 30, where = 'sma') {
    this.period = checkInt(where, 'period', period);
    this.window = new RollingSum(period);
  }

  update(x: number): void {
    this.window.push(x);
  }

  get value(): number {
    return this.window.sum / this.period;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.window.full;
  }
}

export const smaSpec: IndicatorSpec = {
  name: 'sma',
  summary: 'simple moving average of close',
  lines: [''],
  params: [intParam('period', 30, 'window length in bars')],
  create(p, where) {
    const s = new Sma(num(p, 'period'), where);
    return adapt('sma', [''], (_o, _h, _l, c) => s.update(c), [() => s.value], [() => s.ready]);
  },
};

// ATR: Wilder-smoothed true range, period 14, seeded with the mean of the first `period` true ranges (TA-Lib, backtrader).
import { ExpSmoothing, wilderAlpha } from './exp-smoothing.js';
import { TrueRange } from './true-range.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Atr {
  readonly period: number;
  private readonly tr = new TrueRange();
  private readonly s: ExpSmoothing;

  constructor(period = 14, where = 'atr') {
    this.period = checkInt(where, 'period', period);
    this.s = new ExpSmoothing(period, wilderAlpha(period), 'sma');
  }

  update(high: number, low: number, close: number): void {
    const tr = this.tr;
    tr.update(high, low, close);
    if (tr.ready) this.s.push(tr.value);
  }

  get value(): number {
    return this.s.value;
  }

  /** From bar period + 1: the first true range needs a previous close. */
  get ready(): boolean {
    return this.s.ready;
  }
}

export const atrSpec: IndicatorSpec = {
  name: 'atr',
  summary: 'average true range (Wilder smoothing)',
  lines: [''],
  params: [intParam('period', 14, 'Wilder smoothing period')],
  create(p, where) {
    const a = new Atr(num(p, 'period'), where);
    return adapt('atr', [''], (_o, h, l, c) => a.update(h, l, c), [() => a.value], [() => a.ready]);
  },
};

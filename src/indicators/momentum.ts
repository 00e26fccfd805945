// Momentum: close − close[period ago], period 12 (backtrader; TA-Lib MOM defaults to 10).
import { Lag } from './lag.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Momentum {
  readonly period: number;
  private readonly lag: Lag;
  private v = 0;

  constructor(period = 12, where = 'momentum') {
    this.period = checkInt(where, 'period', period);
    this.lag = new Lag(period);
  }

  update(x: number): void {
    const lag = this.lag;
    lag.push(x);
    if (lag.ready) this.v = x - lag.value;
  }

  get value(): number {
    return this.v;
  }

  /** From bar period + 1 on. */
  get ready(): boolean {
    return this.lag.ready;
  }
}

export const momentumSpec: IndicatorSpec = {
  name: 'momentum',
  summary: 'close minus the close period bars ago',
  lines: [''],
  params: [intParam('period', 12, 'bars back')],
  create(p, where) {
    const m = new Momentum(num(p, 'period'), where);
    return adapt('momentum', [''], (_o, _h, _l, c) => m.update(c), [() => m.value], [() => m.ready]);
  },
};

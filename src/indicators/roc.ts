// ROC: rate of change (close − close[period ago]) / close[period ago], period 12, a ratio like backtrader's RateOfChange.
import { Lag } from './lag.js';
import { checkInt, checkPositive } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num, numParam } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/** Not ×100 by default (backtrader ROC); scale=100 gives percent (backtrader ROC100, TA-Lib ROC). 0 when the old close is 0 (TA-Lib). */
export class Roc {
  readonly period: number;
  readonly scale: number;
  private readonly lag: Lag;
  private v = 0;

  constructor(period = 12, scale = 1, where = 'roc') {
    this.period = checkInt(where, 'period', period);
    this.scale = checkPositive(where, 'scale', scale);
    this.lag = new Lag(period);
  }

  update(x: number): void {
    const lag = this.lag;
    lag.push(x);
    if (!lag.ready) return;
    const old = lag.value;
    const r = old !== 0 ? (x - old) / old : 0;
    this.v = this.scale === 1 ? r : this.scale * r;
  }

  get value(): number {
    return this.v;
  }

  /** From bar period + 1 on. */
  get ready(): boolean {
    return this.lag.ready;
  }
}

export const rocSpec: IndicatorSpec = {
  name: 'roc',
  summary: 'rate of change of close as a ratio (scale=100 for percent)',
  lines: [''],
  params: [intParam('period', 12, 'bars back'), numParam('scale', 1, 'multiplier: 1 = ratio, 100 = percent')],
  create(p, where) {
    const r = new Roc(num(p, 'period'), num(p, 'scale'), where);
    return adapt('roc', [''], (_o, _h, _l, c) => r.update(c), [() => r.value], [() => r.ready]);
  },
};

// DEMA: 2·EMA(close) − EMA(EMA(close)), each EMA seeded like `ema` (Mulloy 1994; TA-Lib and backtrader agree).
import { ExpSmoothing, emaAlpha, type SmoothingSeed } from './exp-smoothing.js';
import { SEEDS } from './ema.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Dema {
  readonly period: number;
  private readonly e1: ExpSmoothing;
  private readonly e2: ExpSmoothing;
  private v = 0;

  constructor(period = 30, seed: SmoothingSeed = 'sma', where = 'dema') {
    this.period = checkInt(where, 'period', period);
    checkChoice(where, 'seed', seed, SEEDS);
    this.e1 = new ExpSmoothing(period, emaAlpha(period), seed);
    this.e2 = new ExpSmoothing(period, emaAlpha(period), seed);
  }

  update(x: number): void {
    const e1 = this.e1;
    e1.push(x);
    if (!e1.ready) return;
    this.e2.push(e1.value);
    if (this.e2.ready) this.v = 2 * e1.value - this.e2.value;
  }

  get value(): number {
    return this.v;
  }

  /** From bar 2·period − 1 with seed `sma`, bar 1 with `first`. */
  get ready(): boolean {
    return this.e2.ready;
  }
}

export const demaSpec: IndicatorSpec = {
  name: 'dema',
  summary: 'double exponential moving average of close',
  lines: [''],
  params: [intParam('period', 30, 'EMA period'), choiceParam('seed', SEEDS, 'seed of each EMA: sma or first')],
  create(p, where) {
    const d = new Dema(num(p, 'period'), str<SmoothingSeed>(p, 'seed'), where);
    return adapt('dema', [''], (_o, _h, _l, c) => d.update(c), [() => d.value], [() => d.ready]);
  },
};

// TEMA: 3·EMA1 − 3·EMA2 + EMA3 of close, nested EMAs seeded like `ema` (TA-Lib and backtrader agree).
import { ExpSmoothing, emaAlpha, type SmoothingSeed } from './exp-smoothing.js';
import { SEEDS } from './ema.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Tema {
  readonly period: number;
  private readonly e1: ExpSmoothing;
  private readonly e2: ExpSmoothing;
  private readonly e3: ExpSmoothing;
  private v = 0;

  constructor(period = 30, seed: SmoothingSeed = 'sma', where = 'tema') {
    this.period = checkInt(where, 'period', period);
    checkChoice(where, 'seed', seed, SEEDS);
    const a = emaAlpha(period);
    this.e1 = new ExpSmoothing(period, a, seed);
    this.e2 = new ExpSmoothing(period, a, seed);
    this.e3 = new ExpSmoothing(period, a, seed);
  }

  update(x: number): void {
    const { e1, e2, e3 } = this;
    e1.push(x);
    if (!e1.ready) return;
    e2.push(e1.value);
    if (!e2.ready) return;
    e3.push(e2.value);
    if (e3.ready) this.v = 3 * e1.value - 3 * e2.value + e3.value;
  }

  get value(): number {
    return this.v;
  }

  /** From bar 3·period − 2 with seed `sma`, bar 1 with `first`. */
  get ready(): boolean {
    return this.e3.ready;
  }
}

export const temaSpec: IndicatorSpec = {
  name: 'tema',
  summary: 'triple exponential moving average of close',
  lines: [''],
  params: [intParam('period', 30, 'EMA period'), choiceParam('seed', SEEDS, 'seed of each EMA: sma or first')],
  create(p, where) {
    const t = new Tema(num(p, 'period'), str<SmoothingSeed>(p, 'seed'), where);
    return adapt('tema', [''], (_o, _h, _l, c) => t.update(c), [() => t.value], [() => t.ready]);
  },
};

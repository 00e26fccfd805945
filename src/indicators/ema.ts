// EMA: exponential moving average, α = 2/(period+1); seed `sma` (TA-Lib, backtrader) or `first` (pandas adjust=False).
import { ExpSmoothing, emaAlpha, type SmoothingSeed } from './exp-smoothing.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export const SEEDS: readonly SmoothingSeed[] = ['sma', 'first'];

export class Ema {
  readonly period: number;
  readonly seed: SmoothingSeed;
  private readonly s: ExpSmoothing;

  constructor(period = 30, seed: SmoothingSeed = 'sma', where = 'ema') {
    this.period = checkInt(where, 'period', period);
    this.seed = checkChoice(where, 'seed', seed, SEEDS);
    this.s = new ExpSmoothing(period, emaAlpha(period), seed);
  }

  update(x: number): void {
    this.s.push(x);
  }

  get value(): number {
    return this.s.value;
  }

  /** From bar `period` with seed `sma`, from bar 1 with seed `first`. */
  get ready(): boolean {
    return this.s.ready;
  }
}

export const emaSpec: IndicatorSpec = {
  name: 'ema',
  summary: 'exponential moving average of close',
  lines: [''],
  params: [intParam('period', 30, 'smoothing period, alpha = 2/(period+1)'), choiceParam('seed', SEEDS, 'first value: SMA of the first period closes, or the first close')],
  create(p, where) {
    const e = new Ema(num(p, 'period'), str<SmoothingSeed>(p, 'seed'), where);
    return adapt('ema', [''], (_o, _h, _l, c) => e.update(c), [() => e.value], [() => e.ready]);
  },
};

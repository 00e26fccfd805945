// TRIX (period 15): percent change of a triple EMA of close, 100·(ema3/ema3[prev] − 1), as backtrader and TA-Lib.
import { ExpSmoothing, emaAlpha, type SmoothingSeed } from './exp-smoothing.js';
import { SEEDS } from './ema.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/** First value on bar 3·period − 1 with seed `sma`, bar 2 with `first`; 0 when the previous ema3 is 0. */
export class Trix {
  readonly period: number;
  private readonly e1: ExpSmoothing;
  private readonly e2: ExpSmoothing;
  private readonly e3: ExpSmoothing;
  private prev = 0;
  private has = false;
  private v = 0;
  private ok = false;

  constructor(period = 15, seed: SmoothingSeed = 'sma', where = 'trix') {
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
    if (!e3.ready) return;
    const cur = e3.value;
    if (this.has) {
      this.v = this.prev !== 0 ? 100 * (cur / this.prev - 1) : 0;
      this.ok = true;
    }
    this.prev = cur;
    this.has = true;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return this.ok;
  }
}

export const trixSpec: IndicatorSpec = {
  name: 'trix',
  summary: 'one-bar percent change of a triple EMA of close',
  lines: [''],
  params: [intParam('period', 15, 'EMA period'), choiceParam('seed', SEEDS, 'seed of each EMA: sma or first')],
  create(p, where) {
    const t = new Trix(num(p, 'period'), str<SmoothingSeed>(p, 'seed'), where);
    return adapt('trix', [''], (_o, _h, _l, c) => t.update(c), [() => t.value], [() => t.ready]);
  },
};

// WMA: linearly weighted mean of the last `period` closes, newest weight `period` (backtrader default 30).
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Wma {
  readonly period: number;
  private readonly buf: Float64Array;
  private readonly coef: number;
  private i = 0;
  private sum = 0;
  /** Σ weight·value over the window, weights 1 (oldest) … period (newest). */
  private wsum = 0;
  private isFull = false;

  constructor(period = 30, where = 'wma') {
    this.period = checkInt(where, 'period', period);
    this.buf = new Float64Array(period);
    this.coef = 2 / (period * (period + 1));
  }

  update(x: number): void {
    const buf = this.buf;
    const n = this.period;
    const i = this.i;
    const old = buf[i];
    buf[i] = x;
    // Shifting the window lowers every weight by one (−sum) and adds x at weight n.
    this.wsum += n * x - this.sum;
    this.sum += x - old;
    if (i + 1 === n) this.lap();
    else this.i = i + 1;
  }

  /** Once per lap the ring is in age order (oldest at 0): re-sum exactly to stop drift. */
  private lap(): void {
    const buf = this.buf;
    let s = 0;
    let w = 0;
    for (let j = 0; j < buf.length; j++) {
      s += buf[j];
      w += (j + 1) * buf[j];
    }
    this.sum = s;
    this.wsum = w;
    this.i = 0;
    this.isFull = true;
  }

  get value(): number {
    return this.coef * this.wsum;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.isFull;
  }
}

export const wmaSpec: IndicatorSpec = {
  name: 'wma',
  summary: 'linearly weighted moving average of close',
  lines: [''],
  params: [intParam('period', 30, 'window length in bars')],
  create(p, where) {
    const w = new Wma(num(p, 'period'), where);
    return adapt('wma', [''], (_o, _h, _l, c) => w.update(c), [() => w.value], [() => w.ready]);
  },
};

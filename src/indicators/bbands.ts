// Bollinger bands: mid = SMA(period) of close, top/bot = mid ± dev·population std-dev (backtrader 20, 2).
import { checkInt, checkPositive } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num, numParam } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * std = population standard deviation over the window (TA-Lib, backtrader). It slides as a running mean and
 * sum of squared deviations (Welford-style add/remove), not as mean(x²) − mean², which cancels badly at large
 * prices; once per lap both are recomputed exactly in two passes.
 */
export class Bbands {
  readonly period: number;
  readonly dev: number;
  private readonly buf: Float64Array;
  private i = 0;
  private mean = 0;
  /** Σ (x − mean)² over the window. */
  private m2 = 0;
  private isFull = false;
  private t = 0;
  private b = 0;

  constructor(period = 20, dev = 2, where = 'bbands') {
    this.period = checkInt(where, 'period', period);
    this.dev = checkPositive(where, 'dev', dev);
    this.buf = new Float64Array(period);
  }

  update(x: number): void {
    const buf = this.buf;
    const n = this.period;
    const i = this.i;
    const old = buf[i];
    buf[i] = x;
    if (i + 1 === n) {
      this.lap();
    } else {
      this.i = i + 1;
      if (!this.isFull) return;
      const m0 = this.mean;
      const d = x - old;
      const m1 = m0 + d / n;
      this.mean = m1;
      this.m2 += d * (x - m1 + old - m0);
    }
    const mean = this.mean;
    const sd = this.dev * Math.sqrt(this.m2 > 0 ? this.m2 / n : 0);
    this.t = mean + sd;
    this.b = mean - sd;
  }

  /** Once per lap: exact two-pass mean and squared deviations of the window. */
  private lap(): void {
    const buf = this.buf;
    const n = this.period;
    let s = 0;
    for (let j = 0; j < n; j++) s += buf[j];
    const mean = s / n;
    let q = 0;
    for (let j = 0; j < n; j++) q += (buf[j] - mean) * (buf[j] - mean);
    this.mean = mean;
    this.m2 = q;
    this.i = 0;
    this.isFull = true;
  }

  get top(): number {
    return this.t;
  }

  get mid(): number {
    return this.mean;
  }

  get bot(): number {
    return this.b;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.isFull;
  }
}

export const bbandsSpec: IndicatorSpec = {
  name: 'bbands',
  summary: 'Bollinger bands of close',
  lines: ['top', 'mid', 'bot'],
  params: [intParam('period', 20, 'SMA and deviation window'), numParam('dev', 2, 'band width in standard deviations')],
  create(p, where) {
    const b = new Bbands(num(p, 'period'), num(p, 'dev'), where);
    const r = (): boolean => b.ready;
    return adapt('bbands', ['top', 'mid', 'bot'], (_o, _h, _l, c) => b.update(c), [() => b.top, () => b.mid, () => b.bot], [r, r, r]);
  },
};

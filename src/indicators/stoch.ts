// Stochastic oscillator, slow by default (backtrader 14/3/3): k = SMA(k) of raw %K, d = SMA(d) of k.
import { RollingRange } from './rolling-extreme.js';
import { RollingSum } from './rolling-sum.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * raw %K = 100·(close − lowest low)/(highest high − lowest low) over `period` bars, 0 when the range is 0
 * (TA-Lib; backtrader's `safezero`). `k` = 1 gives the fast stochastic. k is ready on bar period + k − 1,
 * d on bar period + k + d − 2.
 */
export class Stoch {
  readonly period: number;
  private readonly range: RollingRange;
  private readonly kSum: RollingSum;
  private readonly dSum: RollingSum;
  private readonly kn: number;
  private readonly dn: number;
  private kv = 0;
  private dv = 0;

  constructor(period = 14, k = 3, d = 3, where = 'stoch') {
    this.period = checkInt(where, 'period', period);
    this.range = new RollingRange(period);
    // Plain rolling sums rather than Sma objects: one fewer call level keeps update within V8's inlining budget.
    this.kn = checkInt(where, 'k', k);
    this.dn = checkInt(where, 'd', d);
    this.kSum = new RollingSum(k);
    this.dSum = new RollingSum(d);
  }

  update(high: number, low: number, close: number): void {
    const r = this.range;
    r.push(high, low);
    if (!r.full) return;
    const lo = r.low;
    const range = r.high - lo;
    const ks = this.kSum;
    ks.push(range !== 0 ? 100 * ((close - lo) / range) : 0);
    if (!ks.full) return;
    const kv = ks.sum / this.kn;
    this.kv = kv;
    const ds = this.dSum;
    ds.push(kv);
    if (ds.full) this.dv = ds.sum / this.dn;
  }

  get k(): number {
    return this.kv;
  }

  get d(): number {
    return this.dv;
  }

  get kReady(): boolean {
    return this.kSum.full;
  }

  /** Both lines are valid. */
  get ready(): boolean {
    return this.dSum.full;
  }
}

export const stochSpec: IndicatorSpec = {
  name: 'stoch',
  summary: 'slow stochastic oscillator %K/%D, 0..100',
  lines: ['k', 'd'],
  params: [intParam('period', 14, 'highest-high / lowest-low window'), intParam('k', 3, 'SMA smoothing of raw %K (1 = fast stochastic)'), intParam('d', 3, 'SMA period of %D')],
  create(p, where) {
    const s = new Stoch(num(p, 'period'), num(p, 'k'), num(p, 'd'), where);
    return adapt('stoch', ['k', 'd'], (_o, h, l, c) => s.update(h, l, c), [() => s.k, () => s.d], [() => s.kReady, () => s.ready]);
  },
};

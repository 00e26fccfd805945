// Stochastic RSI (TA-Lib STOCHRSI 14/5/3): a stochastic of the RSI line, k = SMA(k) of raw %K, d = SMA(d) of k.
import { Rsi } from './rsi.js';
import { RollingRange } from './rolling-extreme.js';
import { RollingSum } from './rolling-sum.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * raw %K = 100·(rsi − min rsi)/(max rsi − min rsi) over `stoch` RSI values, 0 when flat (TA-Lib). Defaults
 * are TA-Lib's (rsi 14, window 5, no %K smoothing, %D 3); TradingView's is period=14,stoch=14,k=3,d=3.
 * k is ready on bar period + stoch + k − 1, d on bar period + stoch + k + d − 2.
 */
export class StochRsi {
  readonly period: number;
  private readonly rsi: Rsi;
  private readonly range: RollingRange;
  private readonly kSum: RollingSum;
  private readonly dSum: RollingSum;
  private readonly kn: number;
  private readonly dn: number;
  private kv = 0;
  private dv = 0;

  constructor(period = 14, stoch = 5, k = 1, d = 3, where = 'stochrsi') {
    this.period = checkInt(where, 'period', period);
    this.rsi = new Rsi(period, where);
    this.range = new RollingRange(checkInt(where, 'stoch', stoch));
    this.kn = checkInt(where, 'k', k);
    this.dn = checkInt(where, 'd', d);
    this.kSum = new RollingSum(k);
    this.dSum = new RollingSum(d);
  }

  update(x: number): void {
    const rsi = this.rsi;
    rsi.update(x);
    if (!rsi.ready) return;
    const r = rsi.value;
    const w = this.range;
    w.push(r, r);
    if (!w.full) return;
    const lo = w.low;
    const range = w.high - lo;
    const ks = this.kSum;
    ks.push(range !== 0 ? 100 * ((r - lo) / range) : 0);
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

  get ready(): boolean {
    return this.dSum.full;
  }
}

export const stochrsiSpec: IndicatorSpec = {
  name: 'stochrsi',
  summary: 'stochastic oscillator of RSI, 0..100',
  lines: ['k', 'd'],
  params: [
    intParam('period', 14, 'RSI period'),
    intParam('stoch', 5, 'window of RSI values for the stochastic'),
    intParam('k', 1, 'SMA smoothing of raw %K'),
    intParam('d', 3, 'SMA period of %D'),
  ],
  create(p, where) {
    const s = new StochRsi(num(p, 'period'), num(p, 'stoch'), num(p, 'k'), num(p, 'd'), where);
    return adapt('stochrsi', ['k', 'd'], (_o, _h, _l, c) => s.update(c), [() => s.k, () => s.d], [() => s.kReady, () => s.ready]);
  },
};

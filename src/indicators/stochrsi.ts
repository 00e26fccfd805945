// Stochastic RSI (TA-Lib STOCHRSI 14/5/3): a stochastic of the RSI line, k = SMA(k) of raw %K, d = SMA(d) of k.
import { Rsi } from './rsi.js';
import { Stoch } from './stoch.js';
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
  /** The stochastic of the RSI line: each RSI value is that step's high, low and close. */
  private readonly stoch: Stoch;

  constructor(period = 14, stoch = 5, k = 1, d = 3, where = 'stochrsi') {
    this.period = checkInt(where, 'period', period);
    this.rsi = new Rsi(period, where);
    this.stoch = new Stoch(checkInt(where, 'stoch', stoch), k, d, where);
  }

  update(x: number): void {
    const rsi = this.rsi;
    rsi.update(x);
    if (!rsi.ready) return;
    const r = rsi.value;
    this.stoch.update(r, r, r);
  }

  get k(): number {
    return this.stoch.k;
  }

  get d(): number {
    return this.stoch.d;
  }

  get kReady(): boolean {
    return this.stoch.kReady;
  }

  get ready(): boolean {
    return this.stoch.ready;
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

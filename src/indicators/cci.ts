// CCI: commodity channel index of the typical price, period 20, factor 0.015; mean deviation as backtrader or TA-Lib.
import { RollingSum } from './rolling-sum.js';
import { checkChoice, checkInt, checkPositive } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, numParam, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export type CciMeanDev = 'sma' | 'window';
const MEANDEVS: readonly CciMeanDev[] = ['sma', 'window'];

/**
 * tp = (h + l + c)/3, cci = (tp − SMA(tp))/(factor·meandev), 0 when meandev is 0.
 * meandev `sma` (backtrader's MeanDev): SMA over `period` bars of |tp − that bar's SMA(tp)|, O(1), first value
 * on bar 2·period − 1. `window` (TA-Lib, Lambert): mean of |tp_i − current SMA(tp)| over the window, O(period)
 * per update, first value on bar `period`. A flat window is 0/0: deviations below 1e-12 of the mean are float
 * noise from the running sums and count as 0, so flat markets give 0 rather than noise amplified to ±66.
 */
export class Cci {
  readonly period: number;
  readonly factor: number;
  private readonly windowed: boolean;
  private readonly tps: RollingSum;
  private readonly devs: RollingSum;
  private readonly ring: Float64Array;
  private i = 0;
  private v = 0;
  private ok = false;

  constructor(period = 20, factor = 0.015, meandev: CciMeanDev = 'sma', where = 'cci') {
    this.period = checkInt(where, 'period', period);
    this.factor = checkPositive(where, 'factor', factor);
    this.windowed = checkChoice(where, 'meandev', meandev, MEANDEVS) === 'window';
    this.tps = new RollingSum(period);
    this.devs = new RollingSum(period);
    this.ring = new Float64Array(this.windowed ? period : 0);
  }

  update(high: number, low: number, close: number): void {
    const tp = (high + low + close) / 3;
    const tps = this.tps;
    tps.push(tp);
    const n = this.period;
    if (this.windowed) {
      this.ring[this.i] = tp;
      this.i = this.i + 1 === n ? 0 : this.i + 1;
    }
    if (!tps.full) return;
    const mean = tps.sum / n;
    const noise = 1e-12 * Math.abs(mean);
    const d = tp - mean;
    const dev = Math.abs(d) > noise ? d : 0;
    let md: number;
    if (this.windowed) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.abs(this.ring[j] - mean);
      md = s / n;
    } else {
      const devs = this.devs;
      devs.push(Math.abs(dev));
      if (!devs.full) return;
      md = devs.sum / n;
    }
    this.v = md > noise ? dev / (this.factor * md) : 0;
    this.ok = true;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return this.ok;
  }
}

export const cciSpec: IndicatorSpec = {
  name: 'cci',
  summary: 'commodity channel index of the typical price',
  lines: [''],
  params: [
    intParam('period', 20, 'SMA and mean-deviation window'),
    numParam('factor', 0.015, "Lambert's scaling constant"),
    choiceParam('meandev', MEANDEVS, 'sma (backtrader, O(1)) or window (TA-Lib, O(period))'),
  ],
  create(p, where) {
    const c = new Cci(num(p, 'period'), num(p, 'factor'), str<CciMeanDev>(p, 'meandev'), where);
    return adapt('cci', [''], (_o, h, l, cl) => c.update(h, l, cl), [() => c.value], [() => c.ready]);
  },
};

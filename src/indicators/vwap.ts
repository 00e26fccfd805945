// VWAP: rolling volume-weighted average of the typical price over `period` (20) bars.
import { RollingSum } from './rolling-sum.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * vwap = Σ tp·v / Σ v over the window, tp = (h + l + c)/3. Bars carry no session boundary, so this is a
 * rolling window, not a daily-anchored VWAP. Unknown (NaN) volume counts as 0; a window without any volume
 * gives the plain mean of tp, so the line has no holes (the backtrader files carry volume 0).
 */
export class Vwap {
  readonly period: number;
  private readonly pv: RollingSum;
  private readonly vol: RollingSum;
  private readonly tps: RollingSum;
  /** Bars with volume > 0 in the window: an exact integer count, unlike the float volume sum. */
  private readonly traded: RollingSum;

  constructor(period = 20, where = 'vwap') {
    this.period = checkInt(where, 'period', period);
    this.pv = new RollingSum(period);
    this.vol = new RollingSum(period);
    this.tps = new RollingSum(period);
    this.traded = new RollingSum(period);
  }

  update(high: number, low: number, close: number, volume: number): void {
    const tp = (high + low + close) / 3;
    const v = volume > 0 ? volume : 0;
    this.pv.push(tp * v);
    this.vol.push(v);
    this.tps.push(tp);
    this.traded.push(v > 0 ? 1 : 0);
  }

  get value(): number {
    return this.traded.sum > 0 ? this.pv.sum / this.vol.sum : this.tps.sum / this.period;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.tps.full;
  }
}

export const vwapSpec: IndicatorSpec = {
  name: 'vwap',
  summary: 'rolling volume-weighted average typical price',
  lines: [''],
  params: [intParam('period', 20, 'window length in bars')],
  create(p, where) {
    const w = new Vwap(num(p, 'period'), where);
    return adapt('vwap', [''], (_o, h, l, c, v) => w.update(h, l, c, v), [() => w.value], [() => w.ready]);
  },
};

// VWAP: rolling volume-weighted average of the typical price over `period` (20) bars.
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * vwap = Σ tp·v / Σ v over the window, tp = (h + l + c)/3. Bars carry no session boundary, so this is a
 * rolling window, not a daily-anchored VWAP. Unknown (NaN) volume counts as 0; a window without any volume
 * gives the plain mean of tp, so the line has no holes (the backtrader files carry volume 0).
 * Four rolling sums share one ring index and are re-summed exactly once per lap.
 */
export class Vwap {
  readonly period: number;
  private readonly pvs: Float64Array;
  private readonly vols: Float64Array;
  private readonly tps: Float64Array;
  private readonly traded: Float64Array;
  private i = 0;
  private isFull = false;
  private pvSum = 0;
  private volSum = 0;
  private tpSum = 0;
  /** Bars with volume > 0 in the window: an exact integer count, unlike the float volume sum. */
  private tradedCount = 0;

  constructor(period = 20, where = 'vwap') {
    this.period = checkInt(where, 'period', period);
    this.pvs = new Float64Array(period);
    this.vols = new Float64Array(period);
    this.tps = new Float64Array(period);
    this.traded = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): void {
    const tp = (high + low + close) / 3;
    const v = volume > 0 ? volume : 0;
    const pv = tp * v;
    const t = +(v > 0);
    const i = this.i;
    this.pvSum += pv - this.pvs[i];
    this.volSum += v - this.vols[i];
    this.tpSum += tp - this.tps[i];
    this.tradedCount += t - this.traded[i];
    this.pvs[i] = pv;
    this.vols[i] = v;
    this.tps[i] = tp;
    this.traded[i] = t;
    if (i + 1 === this.period) {
      this.i = 0;
      this.isFull = true;
      this.resum();
    } else {
      this.i = i + 1;
    }
  }

  private resum(): void {
    let pv = 0;
    let vol = 0;
    let tp = 0;
    for (let j = 0; j < this.period; j++) {
      pv += this.pvs[j];
      vol += this.vols[j];
      tp += this.tps[j];
    }
    this.pvSum = pv;
    this.volSum = vol;
    this.tpSum = tp;
  }

  get value(): number {
    return this.tradedCount > 0 ? this.pvSum / this.volSum : this.tpSum / this.period;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.isFull;
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

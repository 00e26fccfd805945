// Ultimate oscillator (7/14/28): weighted 4:2:1 mix of buying pressure / true range sums over three windows, 0..100.
import { RollingSum } from './rolling-sum.js';
import { TrueRange } from './true-range.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * bp = close − min(low, prev close), tr = true range; av_i = Σbp/Σtr over p_i bars (0 when Σtr is 0);
 * uo = 100·(4·av1 + 2·av2 + av3)/7, computed in backtrader's order. First value on bar max(p1,p2,p3) + 1.
 */
export class UltOsc {
  private readonly tr = new TrueRange();
  private readonly bp1: RollingSum;
  private readonly bp2: RollingSum;
  private readonly bp3: RollingSum;
  private readonly tr1: RollingSum;
  private readonly tr2: RollingSum;
  private readonly tr3: RollingSum;
  private v = 0;
  private ok = false;

  constructor(p1 = 7, p2 = 14, p3 = 28, where = 'ultosc') {
    checkInt(where, 'p1', p1);
    checkInt(where, 'p2', p2);
    checkInt(where, 'p3', p3);
    this.bp1 = new RollingSum(p1);
    this.bp2 = new RollingSum(p2);
    this.bp3 = new RollingSum(p3);
    this.tr1 = new RollingSum(p1);
    this.tr2 = new RollingSum(p2);
    this.tr3 = new RollingSum(p3);
  }

  update(high: number, low: number, close: number): void {
    const tr = this.tr;
    tr.update(high, low, close);
    if (!tr.ready) return;
    const bp = close - tr.low;
    const r = tr.value;
    this.bp1.push(bp);
    this.bp2.push(bp);
    this.bp3.push(bp);
    this.tr1.push(r);
    this.tr2.push(r);
    this.tr3.push(r);
    if (!this.ok && !(this.tr1.full && this.tr2.full && this.tr3.full)) return;
    const f = 100 / 7;
    const t1 = this.tr1.sum;
    const t2 = this.tr2.sum;
    const t3 = this.tr3.sum;
    const a1 = t1 !== 0 ? this.bp1.sum / t1 : 0;
    const a2 = t2 !== 0 ? this.bp2.sum / t2 : 0;
    const a3 = t3 !== 0 ? this.bp3.sum / t3 : 0;
    this.v = 4 * f * a1 + 2 * f * a2 + f * a3;
    this.ok = true;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return this.ok;
  }
}

export const ultoscSpec: IndicatorSpec = {
  name: 'ultosc',
  summary: 'ultimate oscillator, 0..100',
  lines: [''],
  params: [intParam('p1', 7, 'short window'), intParam('p2', 14, 'middle window'), intParam('p3', 28, 'long window')],
  create(p, where) {
    const u = new UltOsc(num(p, 'p1'), num(p, 'p2'), num(p, 'p3'), where);
    return adapt('ultosc', [''], (_o, h, l, c) => u.update(h, l, c), [() => u.value], [() => u.ready]);
  },
};

// Ultimate oscillator (7/14/28): weighted 4:2:1 mix of buying pressure / true range sums over three windows, 0..100.
import { TrueRange } from './true-range.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * bp = close − min(low, prev close), tr = true range; av_i = Σbp/Σtr over p_i bars (0 when Σtr is 0);
 * uo = 100·(4·av1 + 2·av2 + av3)/7, computed in backtrader's order. First value on bar max(p1,p2,p3) + 1.
 * One ring per input holds the longest window; each window's sum subtracts the value leaving it, and all six
 * sums are re-summed exactly once per lap of the ring.
 */
export class UltOsc {
  private readonly tr = new TrueRange();
  private readonly p1: number;
  private readonly p2: number;
  private readonly p3: number;
  /** Ring length: the longest window. */
  private readonly len: number;
  private readonly bps: Float64Array;
  private readonly trs: Float64Array;
  private i = 0;
  private count = 0;
  private bp1 = 0;
  private bp2 = 0;
  private bp3 = 0;
  private tr1 = 0;
  private tr2 = 0;
  private tr3 = 0;
  private v = 0;
  private ok = false;

  constructor(p1 = 7, p2 = 14, p3 = 28, where = 'ultosc') {
    this.p1 = checkInt(where, 'p1', p1);
    this.p2 = checkInt(where, 'p2', p2);
    this.p3 = checkInt(where, 'p3', p3);
    this.len = Math.max(p1, p2, p3);
    this.bps = new Float64Array(this.len);
    this.trs = new Float64Array(this.len);
  }

  update(high: number, low: number, close: number): void {
    const tr = this.tr;
    tr.update(high, low, close);
    if (!tr.ready) return;
    const bp = close - tr.low;
    const r = tr.value;
    const len = this.len;
    const bps = this.bps;
    const trs = this.trs;
    const i = this.i;
    // Slots not written yet hold 0, so the same subtraction works during warm-up.
    let j1 = i - this.p1;
    if (j1 < 0) j1 += len;
    let j2 = i - this.p2;
    if (j2 < 0) j2 += len;
    let j3 = i - this.p3;
    if (j3 < 0) j3 += len;
    this.bp1 += bp - bps[j1];
    this.bp2 += bp - bps[j2];
    this.bp3 += bp - bps[j3];
    this.tr1 += r - trs[j1];
    this.tr2 += r - trs[j2];
    this.tr3 += r - trs[j3];
    bps[i] = bp;
    trs[i] = r;
    if (i + 1 === len) {
      this.i = 0;
      this.resum();
    } else {
      this.i = i + 1;
    }
    if (!this.ok && ++this.count < len) return;
    this.output();
  }

  /**
   * Out of `update`, which must stay under V8's bytecode limit for inlining: a call it cannot inline boxes the
   * three doubles passed to it on every bar. This one takes none.
   */
  private output(): void {
    const f = 100 / 7;
    const t1 = this.tr1;
    const t2 = this.tr2;
    const t3 = this.tr3;
    const a1 = t1 !== 0 ? this.bp1 / t1 : 0;
    const a2 = t2 !== 0 ? this.bp2 / t2 : 0;
    const a3 = t3 !== 0 ? this.bp3 / t3 : 0;
    this.v = 4 * f * a1 + 2 * f * a2 + f * a3;
    this.ok = true;
  }

  /** Exact window sums from the ring (newest at len − 1 right after a lap). */
  private resum(): void {
    this.bp1 = this.tail(this.bps, this.p1);
    this.bp2 = this.tail(this.bps, this.p2);
    this.bp3 = this.tail(this.bps, this.p3);
    this.tr1 = this.tail(this.trs, this.p1);
    this.tr2 = this.tail(this.trs, this.p2);
    this.tr3 = this.tail(this.trs, this.p3);
  }

  private tail(a: Float64Array, n: number): number {
    let s = 0;
    for (let j = this.len - n; j < this.len; j++) s += a[j];
    return s;
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

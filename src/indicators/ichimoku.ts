// Ichimoku cloud (backtrader 9/26/52, displacement 26): tenkan, kijun, senkou spans led forward, chikou lagged back.
import { Lag } from './lag.js';
import { RollingRange } from './rolling-extreme.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * tenkan/kijun = midpoint of the highest high and lowest low over tenkan/kijun bars. senkouA = (tenkan + kijun)/2
 * and senkouB = the senkou-bar midpoint, both as computed `displacement` bars ago (the cloud under the current
 * bar): first on bar max(tenkan, kijun) + displacement and senkou + displacement. chikou is the current close,
 * which belongs `displacement` bars back: its line shift is −displacement, and batch output places it there
 * (backtrader's chikou_span), leaving the last `displacement` bars empty.
 */
export class Ichimoku {
  readonly displacement: number;
  private readonly tr: RollingRange;
  private readonly kr: RollingRange;
  private readonly sr: RollingRange;
  private readonly spanA: Lag;
  private readonly spanB: Lag;
  private tk = 0;
  private kj = 0;
  private close = 0;
  private bars = 0;

  constructor(tenkan = 9, kijun = 26, senkou = 52, displacement = 26, where = 'ichimoku') {
    this.tr = new RollingRange(checkInt(where, 'tenkan', tenkan));
    this.kr = new RollingRange(checkInt(where, 'kijun', kijun));
    this.sr = new RollingRange(checkInt(where, 'senkou', senkou));
    this.displacement = checkInt(where, 'displacement', displacement, 0);
    this.spanA = new Lag(displacement);
    this.spanB = new Lag(displacement);
  }

  update(high: number, low: number, close: number): void {
    this.close = close;
    this.bars++;
    const { tr, kr, sr } = this;
    tr.push(high, low);
    kr.push(high, low);
    sr.push(high, low);
    if (tr.full) this.tk = (tr.high + tr.low) / 2;
    if (kr.full) this.kj = (kr.high + kr.low) / 2;
    if (tr.full && kr.full) this.spanA.push((this.tk + this.kj) / 2);
    if (sr.full) this.spanB.push((sr.high + sr.low) / 2);
  }

  get tenkan(): number {
    return this.tk;
  }

  get kijun(): number {
    return this.kj;
  }

  get senkouA(): number {
    return this.spanA.value;
  }

  get senkouB(): number {
    return this.spanB.value;
  }

  /** The current close; it is plotted `displacement` bars back. */
  get chikou(): number {
    return this.close;
  }

  get tenkanReady(): boolean {
    return this.tr.full;
  }

  get kijunReady(): boolean {
    return this.kr.full;
  }

  get senkouAReady(): boolean {
    return this.spanA.ready;
  }

  get senkouBReady(): boolean {
    return this.spanB.ready;
  }

  get chikouReady(): boolean {
    return this.bars > 0;
  }

  /** Every line is valid. */
  get ready(): boolean {
    return this.spanA.ready && this.spanB.ready;
  }
}

const LINES = ['tenkan', 'kijun', 'senkou_a', 'senkou_b', 'chikou'];

export const ichimokuSpec: IndicatorSpec = {
  name: 'ichimoku',
  summary: 'Ichimoku cloud: tenkan, kijun, senkou spans A/B (led forward), chikou (lagged back)',
  lines: LINES,
  params: [
    intParam('tenkan', 9, 'conversion line window'),
    intParam('kijun', 26, 'base line window'),
    intParam('senkou', 52, 'span B window'),
    intParam('displacement', 26, 'bars the spans lead and chikou lags'),
  ],
  create(p, where) {
    const k = new Ichimoku(num(p, 'tenkan'), num(p, 'kijun'), num(p, 'senkou'), num(p, 'displacement'), where);
    return adapt(
      'ichimoku',
      LINES,
      (_o, h, l, c) => k.update(h, l, c),
      [() => k.tenkan, () => k.kijun, () => k.senkouA, () => k.senkouB, () => k.chikou],
      [() => k.tenkanReady, () => k.kijunReady, () => k.senkouAReady, () => k.senkouBReady, () => k.chikouReady],
      [0, 0, 0, 0, -k.displacement],
    );
  },
};

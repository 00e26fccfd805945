// KAMA: Kaufman's adaptive moving average (backtrader defaults 30/2/30); seed `sma` (backtrader) or `talib`.
import { Lag } from './lag.js';
import { RollingSum } from './rolling-sum.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export type KamaSeed = 'sma' | 'talib';
const KAMA_SEEDS: readonly KamaSeed[] = ['sma', 'talib'];

/**
 * er = |close − close[period ago]| / Σ|Δclose| over `period` changes; sc = (er·(fastSC − slowSC) + slowSC)²,
 * SC = 2/(n+1); kama += sc·(close − kama). Both seeds give the first value on bar period + 1:
 * `sma` = mean of the last `period` closes (backtrader), `talib` = previous close plus one adaptive step.
 * A window with no movement (Σ|Δ| = 0) has er = 1, as TA-Lib.
 */
export class Kama {
  readonly period: number;
  private readonly talib: boolean;
  private readonly fastSc: number;
  private readonly slowSc: number;
  private readonly closes: Lag;
  private readonly noise: RollingSum;
  private prev = 0;
  private seen = false;
  private v = 0;
  private ok = false;

  constructor(period = 30, fast = 2, slow = 30, seed: KamaSeed = 'sma', where = 'kama') {
    this.period = checkInt(where, 'period', period);
    checkInt(where, 'fast', fast);
    checkInt(where, 'slow', slow);
    this.talib = checkChoice(where, 'seed', seed, KAMA_SEEDS) === 'talib';
    this.fastSc = 2 / (fast + 1);
    this.slowSc = 2 / (slow + 1);
    this.closes = new Lag(period);
    this.noise = new RollingSum(period);
  }

  update(x: number): void {
    const closes = this.closes;
    closes.push(x);
    if (this.seen) this.noise.push(Math.abs(x - this.prev));
    const prevClose = this.prev;
    this.prev = x;
    this.seen = true;
    if (!closes.ready) return;
    const vol = this.noise.sum;
    const er = vol === 0 ? 1 : Math.abs((x - closes.value) / vol);
    const t = er * (this.fastSc - this.slowSc) + this.slowSc;
    const sc = t * t;
    if (this.ok) {
      this.v = this.talib ? (x - this.v) * sc + this.v : this.v * (1 - sc) + x * sc;
    } else {
      this.v = this.talib ? (x - prevClose) * sc + prevClose : closes.recentSum() / this.period;
      this.ok = true;
    }
  }

  get value(): number {
    return this.v;
  }

  /** From bar period + 1 on. */
  get ready(): boolean {
    return this.ok;
  }
}

export const kamaSpec: IndicatorSpec = {
  name: 'kama',
  summary: "Kaufman's adaptive moving average of close",
  lines: [''],
  params: [
    intParam('period', 30, 'efficiency-ratio window'),
    intParam('fast', 2, 'fastest EMA period'),
    intParam('slow', 30, 'slowest EMA period'),
    choiceParam('seed', KAMA_SEEDS, 'first value: sma (backtrader) or talib (previous close + one step)'),
  ],
  create(p, where) {
    const k = new Kama(num(p, 'period'), num(p, 'fast'), num(p, 'slow'), str<KamaSeed>(p, 'seed'), where);
    return adapt('kama', [''], (_o, _h, _l, c) => k.update(c), [() => k.value], [() => k.ready]);
  },
};

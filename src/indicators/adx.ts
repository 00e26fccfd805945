// ADX: Wilder's average directional index, period 14: Wilder-smoothed DX seeded with the mean of the first `period` DX.
import { DirectionalMovement, DM_SEEDS, type DmSeed } from './directional-movement.js';
import { ExpSmoothing, wilderAlpha } from './exp-smoothing.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * dx = |+DI − −DI| / (+DI + −DI); adx = 100·Wilder(dx). With seed `sma` (backtrader) a bar where both DI are 0
 * has dx = 0; with `talib` such a bar counts as 0 in the seed mean and leaves the ADX unchanged afterwards, as
 * TA-Lib does. First value on bar 2·period.
 */
export class Adx {
  readonly period: number;
  private readonly talib: boolean;
  private readonly dm: DirectionalMovement;
  private readonly s: ExpSmoothing;
  private n = 0;
  private acc = 0;
  private v = 0;
  private ok = false;

  constructor(period = 14, seed: DmSeed = 'sma', where = 'adx') {
    this.period = checkInt(where, 'period', period);
    this.talib = checkChoice(where, 'seed', seed, DM_SEEDS) === 'talib';
    this.dm = new DirectionalMovement(period, seed);
    this.s = new ExpSmoothing(period, wilderAlpha(period), 'sma');
  }

  update(high: number, low: number, close: number): void {
    const dm = this.dm;
    dm.update(high, low, close);
    if (!dm.ready) return;
    const p = dm.plusDi;
    const m = dm.minusDi;
    const sum = p + m;
    if (!this.talib) {
      this.s.push(sum !== 0 ? Math.abs(p - m) / sum : 0);
      if (this.s.ready) {
        this.v = 100 * this.s.value;
        this.ok = true;
      }
      return;
    }
    const n = this.period;
    if (!this.ok) {
      if (sum !== 0) this.acc += 100 * (Math.abs(m - p) / sum);
      if (++this.n === n) {
        this.v = this.acc / n;
        this.ok = true;
      }
    } else if (sum !== 0) {
      this.v = (this.v * (n - 1) + 100 * (Math.abs(m - p) / sum)) / n;
    }
  }

  get value(): number {
    return this.v;
  }

  /** From bar 2·period on. */
  get ready(): boolean {
    return this.ok;
  }
}

export const adxSpec: IndicatorSpec = {
  name: 'adx',
  summary: 'average directional index, 0..100',
  lines: [''],
  params: [intParam('period', 14, 'Wilder smoothing period'), choiceParam('seed', DM_SEEDS, 'sma (backtrader) or talib (running sums)')],
  create(p, where) {
    const a = new Adx(num(p, 'period'), str<DmSeed>(p, 'seed'), where);
    return adapt('adx', [''], (_o, h, l, c) => a.update(h, l, c), [() => a.value], [() => a.ready]);
  },
};

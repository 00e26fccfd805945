// ADX: Wilder's average directional index, period 14: Wilder-smoothed DX seeded with the mean of the first `period` DX.
import { DirectionalMovement, DM_SEEDS, type DmSeed } from './directional-movement.js';
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
  private readonly alpha: number;
  private readonly alpha1: number;
  /** DX values seen while seeding, and their sum. */
  private n = 0;
  private acc = 0;
  /** `sma`: the Wilder average of the dx ratio (ADX = 100·r, backtrader's order of operations). */
  private r = 0;
  private v = 0;
  private ok = false;

  constructor(period = 14, seed: DmSeed = 'sma', where = 'adx') {
    this.period = checkInt(where, 'period', period);
    this.talib = checkChoice(where, 'seed', seed, DM_SEEDS) === 'talib';
    this.dm = new DirectionalMovement(period, seed);
    this.alpha = 1 / period;
    this.alpha1 = 1 - this.alpha;
  }

  update(high: number, low: number, close: number): void {
    const dm = this.dm;
    dm.update(high, low, close);
    if (!dm.ready) return;
    // Only the warm `sma` step stays here, to keep this call tree within V8's inlining budget (see
    // DirectionalMovement); the others read the DIs themselves, so no double is boxed when not inlined.
    if (this.talib || !this.ok) return this.seedOrTalib();
    const p = dm.plusDi;
    const m = dm.minusDi;
    const sum = p + m;
    this.r = this.r * this.alpha1 + (sum !== 0 ? Math.abs(p - m) / sum : 0) * this.alpha;
    this.v = 100 * this.r;
  }

  /** Warm-up (the mean of the first `period` DX values) and every `talib` step. */
  private seedOrTalib(): void {
    const p = this.dm.plusDi;
    const m = this.dm.minusDi;
    const sum = p + m;
    const n = this.period;
    if (this.ok) {
      // talib: a bar with both DI at 0 leaves the ADX unchanged.
      if (sum !== 0) this.v = (this.v * (n - 1) + 100 * (Math.abs(m - p) / sum)) / n;
      return;
    }
    if (this.talib) this.acc += sum !== 0 ? 100 * (Math.abs(m - p) / sum) : 0;
    else this.acc += sum !== 0 ? Math.abs(p - m) / sum : 0;
    if (++this.n < n) return;
    if (this.talib) this.v = this.acc / n;
    else {
      this.r = this.acc / n;
      this.v = 100 * this.r;
    }
    this.ok = true;
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

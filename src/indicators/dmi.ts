// DMI: Wilder's directional indicators +DI and −DI (lines plus, minus), period 14, Wilder smoothing.
import { DirectionalMovement, DM_SEEDS, type DmSeed } from './directional-movement.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Dmi {
  readonly period: number;
  private readonly dm: DirectionalMovement;

  constructor(period = 14, seed: DmSeed = 'sma', where = 'dmi') {
    this.period = checkInt(where, 'period', period);
    this.dm = new DirectionalMovement(period, checkChoice(where, 'seed', seed, DM_SEEDS));
  }

  update(high: number, low: number, close: number): void {
    this.dm.update(high, low, close);
  }

  /** +DI, 0..100. */
  get plus(): number {
    return this.dm.plusDi;
  }

  /** −DI, 0..100. */
  get minus(): number {
    return this.dm.minusDi;
  }

  /** From bar period + 1 on. */
  get ready(): boolean {
    return this.dm.ready;
  }
}

export const dmiSpec: IndicatorSpec = {
  name: 'dmi',
  summary: 'directional indicators +DI and -DI',
  lines: ['plus', 'minus'],
  params: [intParam('period', 14, 'Wilder smoothing period'), choiceParam('seed', DM_SEEDS, 'sma (backtrader) or talib (running sums)')],
  create(p, where) {
    const d = new Dmi(num(p, 'period'), str<DmSeed>(p, 'seed'), where);
    const r = (): boolean => d.ready;
    return adapt('dmi', ['plus', 'minus'], (_o, h, l, c) => d.update(h, l, c), [() => d.plus, () => d.minus], [r, r]);
  },
};

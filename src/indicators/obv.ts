// OBV: on-balance volume, a running total adding volume on up closes and subtracting it on down closes.
import { checkChoice } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export type ObvSeed = 'first' | 'zero';
const OBV_SEEDS: readonly ObvSeed[] = ['first', 'zero'];

/** Seed `first` starts at the first bar's volume (TA-Lib), `zero` at 0. Unknown (NaN) volume counts as 0. */
export class Obv {
  private readonly seedZero: boolean;
  private prev = 0;
  private v = 0;
  private ok = false;

  constructor(seed: ObvSeed = 'first', where = 'obv') {
    this.seedZero = checkChoice(where, 'seed', seed, OBV_SEEDS) === 'zero';
  }

  update(close: number, volume: number): void {
    const vol = volume === volume ? volume : 0;
    if (!this.ok) {
      this.v = this.seedZero ? 0 : vol;
      this.ok = true;
    } else {
      // Branch-free sign of the close change: up/down days are unpredictable.
      this.v += (+(close > this.prev) - +(close < this.prev)) * vol;
    }
    this.prev = close;
  }

  get value(): number {
    return this.v;
  }

  /** From bar 1 on. */
  get ready(): boolean {
    return this.ok;
  }
}

export const obvSpec: IndicatorSpec = {
  name: 'obv',
  summary: 'on-balance volume',
  lines: [''],
  params: [choiceParam('seed', OBV_SEEDS, "start value: first bar's volume (TA-Lib) or zero")],
  create(p, where) {
    const o = new Obv(str<ObvSeed>(p, 'seed'), where);
    return adapt('obv', [''], (_o, _h, _l, c, v) => o.update(c, v), [() => o.value], [() => o.ready]);
  },
};

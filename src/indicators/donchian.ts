// Donchian channel: top = highest high, bot = lowest low over `period` (20) bars including the current one, mid = halfway.
import { RollingRange } from './rolling-extreme.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export class Donchian {
  readonly period: number;
  private readonly range: RollingRange;

  constructor(period = 20, where = 'donchian') {
    this.period = checkInt(where, 'period', period);
    this.range = new RollingRange(period);
  }

  update(high: number, low: number): void {
    this.range.push(high, low);
  }

  get top(): number {
    return this.range.high;
  }

  get mid(): number {
    return (this.range.high + this.range.low) / 2;
  }

  get bot(): number {
    return this.range.low;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.range.full;
  }
}

export const donchianSpec: IndicatorSpec = {
  name: 'donchian',
  summary: 'Donchian channel (highest high, midpoint, lowest low)',
  lines: ['top', 'mid', 'bot'],
  params: [intParam('period', 20, 'window length in bars, current bar included')],
  create(p, where) {
    const d = new Donchian(num(p, 'period'), where);
    const r = (): boolean => d.ready;
    return adapt('donchian', ['top', 'mid', 'bot'], (_o, h, l) => d.update(h, l), [() => d.top, () => d.mid, () => d.bot], [r, r, r]);
  },
};

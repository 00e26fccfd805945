// Williams %R: −100·(highest high − close)/(highest high − lowest low) over `period` (14) bars, −100..0.
import { RollingRange } from './rolling-extreme.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/** 0 when the range is 0 (TA-Lib). */
export class Willr {
  readonly period: number;
  private readonly range: RollingRange;
  private v = 0;

  constructor(period = 14, where = 'willr') {
    this.period = checkInt(where, 'period', period);
    this.range = new RollingRange(period);
  }

  update(high: number, low: number, close: number): void {
    const r = this.range;
    r.push(high, low);
    if (!r.full) return;
    const h = r.high;
    const range = h - r.low;
    this.v = range !== 0 ? (-100 * (h - close)) / range : 0;
  }

  get value(): number {
    return this.v;
  }

  /** From bar `period` on. */
  get ready(): boolean {
    return this.range.full;
  }
}

export const willrSpec: IndicatorSpec = {
  name: 'willr',
  summary: 'Williams %R, -100..0',
  lines: [''],
  params: [intParam('period', 14, 'highest-high / lowest-low window')],
  create(p, where) {
    const w = new Willr(num(p, 'period'), where);
    return adapt('willr', [''], (_o, h, l, c) => w.update(h, l, c), [() => w.value], [() => w.ready]);
  },
};

// Aroon up/down (period 14): 100·(period − bars since the highest high / lowest low) / period over period + 1 bars.
import { RollingRangeAt } from './rolling-extreme-at.js';
import { checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { intParam, num } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * The window is period + 1 bars so the distance runs 0..period and the lines 0..100 (backtrader, TA-Lib);
 * on ties the most recent extreme counts. First value on bar period + 1.
 */
export class Aroon {
  readonly period: number;
  private readonly range: RollingRangeAt;
  private readonly scale: number;

  constructor(period = 14, where = 'aroon') {
    this.period = checkInt(where, 'period', period);
    this.range = new RollingRangeAt(period + 1);
    this.scale = 100 / period;
  }

  update(high: number, low: number): void {
    this.range.push(high, low);
  }

  get up(): number {
    return this.scale * (this.period - this.range.highAge);
  }

  get down(): number {
    return this.scale * (this.period - this.range.lowAge);
  }

  get ready(): boolean {
    return this.range.full;
  }
}

export const aroonSpec: IndicatorSpec = {
  name: 'aroon',
  summary: 'Aroon up and down, 0..100',
  lines: ['up', 'down'],
  params: [intParam('period', 14, 'lookback in bars (window is period + 1)')],
  create(p, where) {
    const a = new Aroon(num(p, 'period'), where);
    const r = (): boolean => a.ready;
    return adapt('aroon', ['up', 'down'], (_o, h, l) => a.update(h, l), [() => a.up, () => a.down], [r, r]);
  },
};

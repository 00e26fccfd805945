// Parabolic SAR (Wilder; af 0.02 step, 0.20 cap) with backtrader's start: the first value is on bar 2.
import { checkPositive } from './validate.js';
import { BadInputError } from '../core/errors.js';
import { adapt } from './line-adapter.js';
import { num, numParam } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

/**
 * Start (backtrader): on bar 2 a fake opposite trend is assumed — short with ep = bar-1 high if close fell,
 * else long with ep = bar-1 low — and a sar of bar 2's midpoint, which bar 2 always penetrates; so bar 2 reverses
 * into the real trend with sar = that ep. Each bar: a trend reverses when the sar reaches the bar (long: sar ≥ low;
 * short: sar ≤ high), the new sar is the old ep and af resets; a new extreme raises af by `af` up to `afmax`;
 * the next sar = sar + af·(ep − sar), kept below the last two lows (long) or above the last two highs (short).
 */
export class Psar {
  readonly afStep: number;
  readonly afMax: number;
  private long = false;
  private sar = 0;
  private ep = 0;
  private af = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private bars = 0;
  private v = 0;

  constructor(af = 0.02, afmax = 0.2, where = 'psar') {
    this.afStep = checkPositive(where, 'af', af);
    this.afMax = checkPositive(where, 'afmax', afmax);
    if (afmax < af) throw new BadInputError(where, `afmax must be ≥ af (${af}), got ${afmax}`);
  }

  update(high: number, low: number, close: number): void {
    const n = ++this.bars;
    if (n === 1) {
      this.prevHigh = high;
      this.prevLow = low;
      this.prevClose = close;
      return;
    }
    if (n === 2) {
      this.sar = (high + low) / 2;
      this.af = this.afStep;
      this.long = !(close >= this.prevClose);
      this.ep = this.long ? this.prevHigh : this.prevLow;
    }
    let long = this.long;
    let sar = this.sar;
    let ep: number;
    let af: number;
    if (long ? sar >= low : sar <= high) {
      long = !long;
      sar = this.ep;
      ep = long ? high : low;
      af = this.afStep;
    } else {
      ep = this.ep;
      af = this.af;
    }
    this.v = sar;
    if (long) {
      if (high > ep) {
        ep = high;
        af = Math.min(af + this.afStep, this.afMax);
      }
    } else if (low < ep) {
      ep = low;
      af = Math.min(af + this.afStep, this.afMax);
    }
    sar = sar + af * (ep - sar);
    if (long) {
      const l1 = this.prevLow;
      if (sar > low || sar > l1) sar = Math.min(low, l1);
    } else {
      const h1 = this.prevHigh;
      if (sar < high || sar < h1) sar = Math.max(high, h1);
    }
    this.long = long;
    this.sar = sar;
    this.ep = ep;
    this.af = af;
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
  }

  /** The stop for the current bar. */
  get value(): number {
    return this.v;
  }

  /** True while the current trend is up (sar below price). */
  get isLong(): boolean {
    return this.long;
  }

  /** From bar 2 on. */
  get ready(): boolean {
    return this.bars >= 2;
  }
}

export const psarSpec: IndicatorSpec = {
  name: 'psar',
  summary: 'parabolic stop and reverse',
  lines: [''],
  params: [numParam('af', 0.02, 'acceleration factor step (and start)'), numParam('afmax', 0.2, 'acceleration factor cap')],
  create(p, where) {
    const s = new Psar(num(p, 'af'), num(p, 'afmax'), where);
    return adapt('psar', [''], (_o, h, l, c) => s.update(h, l, c), [() => s.value], [() => s.ready]);
  },
};

// MACD: EMA(fast) − EMA(slow) of close, signal = EMA(signal) of macd, hist = macd − signal (12/26/9).
import { ExpSmoothing, emaAlpha } from './exp-smoothing.js';
import { checkChoice, checkInt } from './validate.js';
import { adapt } from './line-adapter.js';
import { choiceParam, intParam, num, str } from './param-specs.js';
import type { IndicatorSpec } from './indicator.js';

export type MacdSeed = 'sma' | 'first' | 'talib';
const MACD_SEEDS: readonly MacdSeed[] = ['sma', 'first', 'talib'];

/**
 * Seeds: `sma` (backtrader) each EMA starts from the SMA of its own first inputs, so macd is ready on bar
 * slow and signal on bar slow + signal − 1; `first` (pandas adjust=False) every EMA starts from its first
 * input, all lines ready on bar 1; `talib` like `sma` but the shorter EMA skips its first |slow − fast| bars so
 * both start on the same bar, as TA-Lib's MACD does (its seed SMA covers the bars just before macd starts).
 */
export class Macd {
  readonly fast: number;
  readonly slow: number;
  readonly signalPeriod: number;
  private readonly fastEma: ExpSmoothing;
  private readonly slowEma: ExpSmoothing;
  private readonly sig: ExpSmoothing;
  private readonly fastSkip: number;
  private readonly slowSkip: number;
  private t = 0;
  private m = 0;
  private mOk = false;
  private s = 0;
  private h = 0;

  constructor(fast = 12, slow = 26, signal = 9, seed: MacdSeed = 'sma', where = 'macd') {
    this.fast = checkInt(where, 'fast', fast);
    this.slow = checkInt(where, 'slow', slow);
    this.signalPeriod = checkInt(where, 'signal', signal);
    checkChoice(where, 'seed', seed, MACD_SEEDS);
    const emaSeed = seed === 'first' ? 'first' : 'sma';
    this.fastEma = new ExpSmoothing(fast, emaAlpha(fast), emaSeed);
    this.slowEma = new ExpSmoothing(slow, emaAlpha(slow), emaSeed);
    this.sig = new ExpSmoothing(signal, emaAlpha(signal), emaSeed);
    this.fastSkip = seed === 'talib' && slow > fast ? slow - fast : 0;
    this.slowSkip = seed === 'talib' && fast > slow ? fast - slow : 0;
  }

  update(x: number): void {
    const t = this.t++;
    if (t >= this.fastSkip) this.fastEma.push(x);
    if (t >= this.slowSkip) this.slowEma.push(x);
    if (!this.fastEma.ready || !this.slowEma.ready) return;
    const m = this.fastEma.value - this.slowEma.value;
    this.m = m;
    this.mOk = true;
    const sig = this.sig;
    sig.push(m);
    if (sig.ready) {
      this.s = sig.value;
      this.h = m - this.s;
    }
  }

  get macd(): number {
    return this.m;
  }

  get signal(): number {
    return this.s;
  }

  get hist(): number {
    return this.h;
  }

  /** The macd line alone is valid. */
  get macdReady(): boolean {
    return this.mOk;
  }

  /** All three lines are valid. */
  get ready(): boolean {
    return this.sig.ready;
  }
}

export const macdSpec: IndicatorSpec = {
  name: 'macd',
  summary: 'moving average convergence/divergence with signal and histogram',
  lines: ['macd', 'signal', 'hist'],
  params: [
    intParam('fast', 12, 'fast EMA period'),
    intParam('slow', 26, 'slow EMA period'),
    intParam('signal', 9, 'signal EMA period'),
    choiceParam('seed', MACD_SEEDS, 'EMA seeding: sma (backtrader), first (pandas) or talib'),
  ],
  create(p, where) {
    const m = new Macd(num(p, 'fast'), num(p, 'slow'), num(p, 'signal'), str<MacdSeed>(p, 'seed'), where);
    const all = (): boolean => m.ready;
    return adapt('macd', ['macd', 'signal', 'hist'], (_o, _h, _l, c) => m.update(c), [() => m.macd, () => m.signal, () => m.hist], [() => m.macdReady, all, all]);
  },
};

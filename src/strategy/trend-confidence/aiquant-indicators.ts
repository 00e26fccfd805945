// The per-symbol indicator snapshot of the AI Quant engine (semantics doc §3): one reused object, updated per bar in O(1).
//
// Conventions kept from the reference (see aiquant-primitives.ts for why src/indicators is not used):
// values exist from bar 0; `prev_*` fields start at 0; slopes are `x − prev_x`; the snapshot carries the
// three previous MACD histogram values; MACD is fixed at 12/26/9 (the reference ignores config here);
// vol_sma and the Bollinger/width/avg-ATR means average partial windows over what exists; Bollinger
// bands collapse to the mean (width 0) until their window is full. Bollinger, StochRSI and avg ATR
// are computed only when a config flag reads them; otherwise they hold neutral values.
import type { Bar } from '../../core/bars.js';
import { AqAdx, AqAtr, AqEma, AqRsi, AqStochRsi } from './aiquant-primitives.js';
import { RingWindow } from './ring-window.js';

/** Indicator values for the current bar. Read during the call; the object is overwritten next bar. */
export interface AqSnapshot {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  emaFast: number;
  emaSlow: number;
  emaMacro: number;
  adx: number;
  diPlus: number;
  diMinus: number;
  adxSlope: number;
  bbUpper: number;
  bbLower: number;
  bbWidth: number;
  bbWidthAvg: number;
  /** bbWidth / mean of the last bb_width_avg_window widths; 1 when that mean is 0. */
  bbWidthRatio: number;
  atr: number;
  atrSlope: number;
  avgAtr: number;
  rsi: number;
  stochK: number;
  stochD: number;
  macdHist: number;
  prevMacdHist: number;
  prev2MacdHist: number;
  prev3MacdHist: number;
  volSma: number;
  volTrend: boolean;
  prevClose: number;
  prevEmaFast: number;
  prevEmaSlow: number;
  /** Bars seen before this one (0 on the first bar). */
  barCount: number;
  /** Always 0: no funding-rate feed reaches a strategy (the reference backtester has none either). */
  fundingRate: number;
}

export interface AqIndicatorOptions {
  readonly emaFast: number;
  readonly emaSlow: number;
  readonly emaMacro: number;
  readonly adx: number;
  readonly atr: number;
  readonly rsi: number;
  readonly volSma: number;
  readonly volTrend: number;
  readonly bbWindow: number;
  readonly bbWidthAvgWindow: number;
  readonly avgAtrWindow: number;
  readonly stochRsiWindow: number;
  readonly stochRsiSmooth1: number;
  readonly stochRsiSmooth2: number;
  readonly withBollinger: boolean;
  readonly withStochRsi: boolean;
  readonly withAvgAtr: boolean;
}

/** The bar fields `updateBar` reads (the engine's reused bar object has them). */
export type AqBar = Omit<Bar, 'symbol'>;

export function emptySnapshot(): AqSnapshot {
  return {
    time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0,
    emaFast: 0, emaSlow: 0, emaMacro: 0,
    adx: 0, diPlus: 0, diMinus: 0, adxSlope: 0,
    bbUpper: 0, bbLower: 0, bbWidth: 0, bbWidthAvg: 0, bbWidthRatio: 1,
    atr: 0, atrSlope: 0, avgAtr: 0,
    rsi: 50, stochK: 0, stochD: 0,
    macdHist: 0, prevMacdHist: 0, prev2MacdHist: 0, prev3MacdHist: 0,
    volSma: 0, volTrend: false,
    prevClose: 0, prevEmaFast: 0, prevEmaSlow: 0,
    barCount: 0, fundingRate: 0,
  };
}

export class AqIndicators {
  readonly emaFast: AqEma;
  readonly emaSlow: AqEma;
  readonly emaMacro: AqEma;
  readonly adx: AqAdx;
  readonly atr: AqAtr;
  readonly rsi: AqRsi;
  readonly macdFast = new AqEma(12);
  readonly macdSlow = new AqEma(26);
  readonly macdSignal = new AqEma(9);
  readonly stoch: AqStochRsi | undefined;
  readonly volSma: RingWindow;
  readonly volTrend: RingWindow;
  readonly bb: RingWindow | undefined;
  readonly bbWidths: RingWindow | undefined;
  readonly atrs: RingWindow | undefined;
  prevClose = 0;
  prevAdx = 0;
  prevAtr = 0;
  prevMacdHist = 0;
  prev2MacdHist = 0;
  prev3MacdHist = 0;
  prevEmaFast = 0;
  prevEmaSlow = 0;
  barCount = 0;
  /** The reused snapshot, valid after the first update. */
  readonly snap: AqSnapshot = emptySnapshot();

  constructor(o: AqIndicatorOptions) {
    this.emaFast = new AqEma(o.emaFast);
    this.emaSlow = new AqEma(o.emaSlow);
    this.emaMacro = new AqEma(o.emaMacro);
    this.adx = new AqAdx(o.adx);
    this.atr = new AqAtr(o.atr);
    this.rsi = new AqRsi(o.rsi);
    this.stoch = o.withStochRsi ? new AqStochRsi(o.stochRsiWindow, o.stochRsiSmooth1, o.stochRsiSmooth2) : undefined;
    this.volSma = new RingWindow(o.volSma);
    this.volTrend = new RingWindow(o.volTrend);
    this.bb = o.withBollinger ? new RingWindow(o.bbWindow) : undefined;
    this.bbWidths = o.withBollinger ? new RingWindow(o.bbWidthAvgWindow) : undefined;
    this.atrs = o.withAvgAtr ? new RingWindow(o.avgAtrWindow) : undefined;
  }

  /** Feeds one bar; returns the reused snapshot. */
  update(time: number, open: number, high: number, low: number, close: number, volume: number): AqSnapshot {
    const s = this.snap;
    s.time = time;
    s.open = open;
    s.high = high;
    s.low = low;
    s.close = close;
    s.volume = volume;
    this.step(s);
    return s;
  }

  /**
   * Feeds one bar given as an object: the per-bar path. Six doubles passed to a call V8 does not inline
   * are six heap allocations; fields read from an object are not.
   */
  updateBar(bar: AqBar): AqSnapshot {
    const s = this.snap;
    s.time = bar.time;
    s.open = bar.open;
    s.high = bar.high;
    s.low = bar.low;
    s.close = bar.close;
    s.volume = bar.volume;
    this.step(s);
    return s;
  }

  // The stages below take and return only objects (the snapshot holds inputs and outputs), so whichever of
  // them V8 declines to inline, no double is boxed crossing the call.

  private step(s: AqSnapshot): void {
    this.trend(s);
    this.directional(s);
    this.updateBollinger(s);
    this.volatility(s);
    this.oscillators(s);
    this.macd(s);
    this.volume(s);
    this.history(s);
  }

  private trend(s: AqSnapshot): void {
    this.emaSlow.step(s);
    this.emaFast.step(s);
    this.emaMacro.step(s);
    s.emaSlow = this.emaSlow.value;
    s.emaFast = this.emaFast.value;
    s.emaMacro = this.emaMacro.value;
  }

  private directional(s: AqSnapshot): void {
    const adx = this.adx;
    adx.step(s);
    s.adx = adx.adx;
    s.diPlus = adx.diPlus;
    s.diMinus = adx.diMinus;
  }

  private volatility(s: AqSnapshot): void {
    this.atr.step(s);
    s.atr = this.atr.value;
    if (this.atrs) {
      this.atrs.push(s.atr);
      this.atrs.refreshMean();
      s.avgAtr = this.atrs.lastMean;
    }
  }

  private oscillators(s: AqSnapshot): void {
    this.rsi.step(s);
    s.rsi = this.rsi.value;
    if (this.stoch) {
      this.stoch.step(s);
      s.stochK = this.stoch.k;
      s.stochD = this.stoch.d;
    }
  }

  private macd(s: AqSnapshot): void {
    this.macdFast.step(s);
    this.macdSlow.step(s);
    const line = this.macdFast.value - this.macdSlow.value;
    s.macdHist = line - this.macdSignal.update(line);
  }

  private volume(s: AqSnapshot): void {
    const volume = s.volume;
    this.volSma.push(volume);
    this.volSma.refreshMean();
    s.volSma = this.volSma.lastMean;
    this.volTrend.push(volume);
    this.volTrend.refreshMean();
    s.volTrend = this.volTrend.lastMean > s.volSma;
  }

  /** Slopes and prev_* fields from the previous bar, then this bar becomes the previous one. */
  private history(s: AqSnapshot): void {
    s.adxSlope = s.adx - this.prevAdx;
    s.atrSlope = s.atr - this.prevAtr;
    s.prevMacdHist = this.prevMacdHist;
    s.prev2MacdHist = this.prev2MacdHist;
    s.prev3MacdHist = this.prev3MacdHist;
    s.prevClose = this.prevClose;
    s.prevEmaFast = this.prevEmaFast;
    s.prevEmaSlow = this.prevEmaSlow;
    s.barCount = this.barCount;
    s.fundingRate = 0;

    this.prev3MacdHist = this.prev2MacdHist;
    this.prev2MacdHist = this.prevMacdHist;
    this.prevMacdHist = s.macdHist;
    this.prevAdx = s.adx;
    this.prevAtr = s.atr;
    this.prevClose = s.close;
    this.prevEmaFast = s.emaFast;
    this.prevEmaSlow = s.emaSlow;
    this.barCount++;
  }

  private updateBollinger(s: AqSnapshot): void {
    if (!this.bb || !this.bbWidths) return;
    const close = s.close;
    const bb = this.bb;
    bb.push(close);
    bb.refreshMean();
    const mid = bb.lastMean;
    if (bb.full) {
      bb.refreshStd();
      const sd = bb.lastStd;
      s.bbUpper = mid + 2 * sd;
      s.bbLower = mid - 2 * sd;
    } else {
      s.bbUpper = mid;
      s.bbLower = mid;
    }
    s.bbWidth = close > 0 ? (s.bbUpper - s.bbLower) / close : 0;
    this.bbWidths.push(s.bbWidth);
    this.bbWidths.refreshMean();
    s.bbWidthAvg = this.bbWidths.lastMean;
    s.bbWidthRatio = s.bbWidthAvg > 0 ? s.bbWidth / s.bbWidthAvg : 1;
  }
}

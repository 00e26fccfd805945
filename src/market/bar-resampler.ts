// Builds bars of a longer interval from a series' own bars (1h from 1m), emitting only closed ones.
import { barOpenAt } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';

/** Receives each closed longer-interval bar, in time order. */
export type ClosedBarSink = (time: number, open: number, high: number, low: number, close: number, volume: number) => void;

/**
 * Periods are aligned to multiples of the target interval since the Unix epoch (UTC midnight for 1d),
 * except whole weeks, which start on Monday 00:00 UTC as venues' weekly candles do (the epoch was a Thursday).
 * A period closes when the base bar that ends exactly at its end arrives, or — when the data has no
 * bar there — when the first bar of a later period arrives. So a closed bar holds only data the
 * strategy has already seen: no look-ahead, whatever the gaps.
 */
export class BarResampler {
  private start = Number.NaN;
  private o = 0;
  private h = 0;
  private l = 0;
  private c = 0;
  private v = 0;
  private open = false;

  constructor(
    readonly baseMs: number,
    readonly targetMs: number,
    private readonly sink: ClosedBarSink,
  ) {
    if (!(baseMs > 0) || !(targetMs > baseMs) || targetMs % baseMs !== 0) {
      throw new BadInputError(`timeframe ${targetMs} ms`, `must be a whole multiple (> 1) of the run's bar interval ${baseMs} ms`);
    }
  }

  /** Adds one base bar (open time `time`). Volume NaN (unknown) makes the period's volume unknown. */
  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const start = barOpenAt(time, this.targetMs);
    if (this.open && start !== this.start) this.emit();
    if (!this.open) {
      this.open = true;
      this.start = start;
      this.o = open;
      this.h = high;
      this.l = low;
      this.c = close;
      this.v = volume;
    } else {
      if (high > this.h) this.h = high;
      if (low < this.l) this.l = low;
      this.c = close;
      this.v += volume;
    }
    if (time + this.baseMs === start + this.targetMs) this.emit();
  }

  private emit(): void {
    this.open = false;
    this.sink(this.start, this.o, this.h, this.l, this.c, this.v);
  }
}

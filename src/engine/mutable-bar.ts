// The reused bar object handed to strategies: one per symbol, overwritten each step (no per-bar allocation).
import type { BarSeries } from '../core/bars.js';
import type { BarView } from '../strategy/strategy.js';

export class MutableBar implements BarView {
  index = -1;
  time = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  constructor(readonly symbol: string) {}

  /** Becomes bar `i` of `s` (the series of this symbol). */
  load(s: BarSeries, i: number): void {
    this.index = i;
    this.time = s.time[i];
    this.open = s.open[i];
    this.high = s.high[i];
    this.low = s.low[i];
    this.close = s.close[i];
    this.volume = s.volume[i];
  }
}

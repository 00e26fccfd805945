// The reused bar object handed to strategies: one per symbol, overwritten each step (no per-bar allocation).
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
}

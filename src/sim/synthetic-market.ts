// A seeded synthetic market: regime-switching log-normal prices turned into OHLCV bars on a tick grid.
import { BarSeriesBuilder, type BarSeries } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { roundToStep } from '../core/instrument.js';
import type { Rng } from '../core/rng.js';

export interface SyntheticMarketOptions {
  readonly symbol: string;
  readonly bars: number;
  /** First bar open time, ms UTC. */
  readonly start: number;
  readonly intervalMs: number;
  readonly startPrice: number;
  readonly tick: number;
  /** Annualised volatility (e.g. 0.6 for 60 %). */
  readonly volatility: number;
}

/**
 * Regimes (up-trend, down-trend, range) switch with a small probability per bar, so trend-following
 * strategies have something to find; each bar is built from 6 sub-steps so highs and lows are
 * path-consistent (low ≤ open, close ≤ high). Same rng seed ⇒ identical bars.
 */
export function syntheticBars(o: SyntheticMarketOptions, rng: Rng): BarSeries {
  if (!(o.bars > 0 && Number.isInteger(o.bars))) throw new BadInputError('bars', `must be a positive integer, got ${o.bars}`);
  const yearFrac = o.intervalMs / (365.25 * 86_400_000);
  const sub = 6;
  const sigma = o.volatility * Math.sqrt(yearFrac / sub);
  const drifts = [0.8, -0.8, 0];
  let regime = 2;
  let price = o.startPrice;
  const b = new BarSeriesBuilder(o.symbol, o.bars);
  b.noteDecimals(Math.max(0, -Math.floor(Math.log10(o.tick) + 1e-9)));
  for (let i = 0; i < o.bars; i++) {
    if (rng.next() < 0.01) regime = rng.int(0, 2);
    const mu = drifts[regime] * (yearFrac / sub);
    const open = roundToStep(price, o.tick);
    let high = open;
    let low = open;
    for (let k = 0; k < sub; k++) {
      price *= Math.exp(mu - 0.5 * sigma * sigma + sigma * rng.normal());
      if (price > high) high = price;
      if (price < low) low = price;
    }
    const close = roundToStep(price, o.tick);
    high = roundToStep(high, o.tick, 'up');
    low = roundToStep(low, o.tick, 'down');
    const volume = Math.round(100 * Math.exp(0.5 * rng.normal()) * (1 + Math.abs(close - open) / open * 200));
    b.push(o.start + i * o.intervalMs, open, Math.max(high, open, close), Math.min(low, open, close), close, volume);
  }
  return b.finish(`synthetic ${o.symbol}`, o.intervalMs);
}

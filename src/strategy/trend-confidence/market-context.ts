// Cross-symbol context fixed at the start of each step: BTC trend, market breadth, and the signal transforms using them.
//
// Both are read from every symbol's *latest* indicator values before any symbol of the step is
// updated, i.e. from the previous step (the reference computes them at the top of its timestamp loop).
import type { AqIndicators } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';
import type { SignalSide } from './signal.js';

const BTC_NAMES: readonly string[] = ['BTC', 'BTCUSDT'];

/** BTC is bullish when its last close is above its EMA slow; undefined without a BTC (or BTCUSDT) series. */
export function btcBullish(banks: ReadonlyMap<string, AqIndicators>): boolean | undefined {
  return btcBullishOf(btcBanks(banks));
}

/** The banks btcBullish reads, in its order of preference; a caller may keep this while its symbols do not change. */
export function btcBanks(banks: ReadonlyMap<string, AqIndicators>): AqIndicators[] {
  const out: AqIndicators[] = [];
  for (const name of BTC_NAMES) {
    const b = banks.get(name);
    if (b !== undefined) out.push(b);
  }
  return out;
}

/** btcBullish over the banks from btcBanks: the first with a bar decides. */
export function btcBullishOf(candidates: readonly AqIndicators[]): boolean | undefined {
  for (const b of candidates) if (b.barCount > 0) return b.prevClose > b.prevEmaSlow;
  return undefined;
}

/** % of symbols (with ≥ 2 bars) whose EMA fast is above EMA slow; 50 when none qualifies. */
export function marketBreadth(banks: ReadonlyMap<string, AqIndicators>): number {
  return marketBreadthOf([...banks.values()]);
}

/** marketBreadth over a list of the banks (the strategy keeps one: no Map iteration per step). */
export function marketBreadthOf(banks: readonly AqIndicators[]): number {
  let bullish = 0;
  let total = 0;
  for (const b of banks) {
    if (b.barCount < 2) continue;
    total++;
    if (b.prevEmaFast > b.prevEmaSlow) bullish++;
  }
  return total === 0 ? 50 : (bullish / total) * 100;
}

/** Signal reversal (fixed, or auto by breadth band), then the breadth regime filter. */
export function transformSignal(side: SignalSide, cfg: TrendConfidenceConfig, breadth: number): SignalSide {
  if (side === 0) return 0;
  const r = cfg.market_regime;
  let reverse = cfg.trade.reverse_entry_signal;
  // Auto-reverse fades choppy markets (breadth inside the band) and follows trending ones.
  if (r.enable_auto_reverse) reverse = breadth >= r.auto_reverse_breadth_low && breadth <= r.auto_reverse_breadth_high;
  let out: SignalSide = reverse ? (side === 1 ? -1 : 1) : side;
  if (r.enable_regime_filter) {
    if (out === -1 && breadth > r.breadth_block_short_above) out = 0;
    else if (out === 1 && breadth < r.breadth_block_long_below) out = 0;
  }
  return out;
}

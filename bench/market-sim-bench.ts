// Market simulator benchmark: envelopes per second generated for BTC, ETH and SOL (books every 500 ms, trades, contexts), one core.
import { MarketSim } from '../src/sim/market-sim/market-sim.js';
import { simSymbols } from '../src/sim/market-sim/sim-instruments.js';

/** Best of `passes` runs of `hours` simulated hours, in events per second and simulated hours per second. */
export function benchMarketSim(hours = 1, passes = 3): { market_sim_events_per_s: number; market_sim_hours_per_s: number } {
  const start = Date.UTC(2026, 0, 1);
  let best = Number.POSITIVE_INFINITY;
  let events = 0;
  for (let p = 0; p < passes; p++) {
    const sim = new MarketSim({ symbols: simSymbols('BTC,ETH,SOL'), seed: 1, start });
    const t0 = performance.now();
    events = sim.pull(start + hours * 3_600_000, () => undefined);
    best = Math.min(best, performance.now() - t0);
  }
  return { market_sim_events_per_s: Math.round(events / (best / 1000)), market_sim_hours_per_s: Number((hours / (best / 1000)).toFixed(2)) };
}

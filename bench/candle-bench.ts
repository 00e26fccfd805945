// Candle builder benchmark: trades per second folded into 1 s bars on one core.
import { createRng } from '../src/core/rng.js';
import { CandleBuilder } from '../src/market/candle-builder.js';

/** Best of several passes over a pre-generated 2M-trade stream (about 20 trades a second), in trades per second. */
export function benchCandleBuilder(n = 2_000_000, passes = 7): { candle_builder_trades_per_s: number } {
  const rng = createRng(11);
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  const ts = new Float64Array(n);
  let t = Date.UTC(2026, 0, 1);
  let p = 100_000;
  for (let i = 0; i < n; i++) {
    t += rng.int(0, 100);
    p *= Math.exp(0.0002 * rng.normal());
    price[i] = Math.round(p);
    size[i] = rng.int(1, 100_000) / 100_000;
    ts[i] = t;
  }
  let bars = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < passes; k++) {
    const b = new CandleBuilder({ symbol: 'BENCH', intervalMs: 1000, graceMs: 200 }, () => void bars++);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      b.onTrade(price[i], size[i], ts[i]);
      if ((i & 63) === 0) b.onClock(ts[i]);
    }
    b.flush();
    best = Math.min(best, performance.now() - t0);
  }
  if (bars === 0) throw new Error('candle-bench: no bars built');
  return { candle_builder_trades_per_s: Math.round(n / (best / 1000)) };
}

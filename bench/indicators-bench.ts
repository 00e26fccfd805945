// Indicator speed: ns per update for each of the 26 streaming indicators, after a warm-up pass of ~1M updates.
import { performance } from 'node:perf_hooks';
import type { BarSeries } from '../src/core/bars.js';
import {
  Adx, Aroon, Atr, Bbands, Cci, Dema, Dmi, Donchian, Ema, Ichimoku, Kama, Macd, Momentum, Obv, Psar, Roc, Rsi, Sma, Stoch, StochRsi,
  Tema, Trix, UltOsc, Vwap, Willr, Wma,
} from '../src/indicators/index.js';

/** Runs `n` updates cycling over the series and returns a checksum of the values read (defeats dead-code elimination). */
type Loop = (s: BarSeries, n: number) => number;

// Each case has its own loop so every call site stays monomorphic, as in a strategy holding a concrete class.
const CASES: Record<string, () => Loop> = {
  sma: () => { const x = new Sma(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  ema: () => { const x = new Ema(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  wma: () => { const x = new Wma(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  dema: () => { const x = new Dema(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  tema: () => { const x = new Tema(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  kama: () => { const x = new Kama(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  rsi: () => { const x = new Rsi(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  atr: () => { const x = new Atr(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  adx: () => { const x = new Adx(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  dmi: () => { const x = new Dmi(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.plus - x.minus; if (++j === s.length) j = 0; } return a; }; },
  macd: () => { const x = new Macd(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.hist; if (++j === s.length) j = 0; } return a; }; },
  bbands: () => { const x = new Bbands(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.top - x.bot; if (++j === s.length) j = 0; } return a; }; },
  stoch: () => { const x = new Stoch(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.k - x.d; if (++j === s.length) j = 0; } return a; }; },
  stochrsi: () => { const x = new StochRsi(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.k - x.d; if (++j === s.length) j = 0; } return a; }; },
  cci: () => { const x = new Cci(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  roc: () => { const x = new Roc(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  momentum: () => { const x = new Momentum(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  willr: () => { const x = new Willr(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  obv: () => { const x = new Obv(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.close[j], s.volume[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  vwap: () => { const x = new Vwap(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j], s.volume[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  donchian: () => { const x = new Donchian(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j]); if (x.ready) a += x.mid; if (++j === s.length) j = 0; } return a; }; },
  aroon: () => { const x = new Aroon(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j]); if (x.ready) a += x.up - x.down; if (++j === s.length) j = 0; } return a; }; },
  trix: () => { const x = new Trix(); return (s, n) => { const c = s.close; let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(c[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  ultosc: () => { const x = new UltOsc(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  psar: () => { const x = new Psar(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.value; if (++j === s.length) j = 0; } return a; }; },
  ichimoku: () => { const x = new Ichimoku(); return (s, n) => { let a = 0; for (let i = 0, j = 0; i < n; i++) { x.update(s.high[j], s.low[j], s.close[j]); if (x.ready) a += x.senkouA - x.senkouB; if (++j === s.length) j = 0; } return a; }; },
};

/**
 * ns per update for each indicator with default parameters, on the concrete class (the hot path strategies use),
 * including reading its value. Each first runs `warmup` updates (JIT and caches), then `rounds` timed passes of
 * `perRound` updates, cycling over the series when it is shorter; the best pass counts, which filters out
 * preemption on a busy machine.
 */
export function benchIndicators(series: BarSeries, warmup = 1_000_000, rounds = 10, perRound = 200_000): Record<string, number> {
  if (series.length === 0) throw new Error('benchIndicators: empty series');
  const out: Record<string, number> = {};
  let sink = 0;
  for (const [name, make] of Object.entries(CASES)) {
    const loop = make();
    sink += loop(series, warmup);
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      sink += loop(series, perRound);
      best = Math.min(best, performance.now() - t);
    }
    out[name] = Math.round((best * 1e6 * 100) / perRound) / 100;
  }
  // Keeps the checksums observable so no loop can be optimised away.
  if (Number.isNaN(sink)) process.emitWarning('benchIndicators: an indicator produced NaN');
  return out;
}

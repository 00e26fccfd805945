// Latency from a bar entering the kernel to the order intent reaching the execution port, per intent.
import type { BarSeries } from '../src/core/bars.js';
import { ManualClock } from '../src/core/manual-clock.js';
import { fixedFromNumber } from '../src/core/fixed.js';
import { Kernel } from '../src/engine/kernel.js';
import { SimulatedMarket } from '../src/engine/simulated-market.js';
import type { ExecutionPort } from '../src/engine/execution-port.js';
import { MutableBar } from '../src/engine/mutable-bar.js';
import { Ledger } from '../src/ledger/ledger.js';
import { instrumentFor, type BacktestOptions } from '../src/research/backtest-runner.js';
import { SimVenue } from '../src/sim/sim-venue.js';

export interface LatencyResult {
  readonly p50_us: number;
  readonly p99_us: number;
  readonly samples: number;
}

/** Drives the kernel bar by bar, timing (performance.now) from hand-over to each submit. */
export function benchEventToIntent(series: BarSeries, o: Omit<BacktestOptions, 'series'>): LatencyResult {
  const inst = instrumentFor(series, { ...o, series: [series] });
  const ledger = new Ledger();
  ledger.deposit(series.time[0], fixedFromNumber(o.cash));
  const samples: number[] = [];
  let t0 = 0;
  const to: { kernel?: Kernel } = {};
  const sim = new SimVenue({ fillModel: o.fillModel, slippageBps: o.slippageBps, defaultLeverage: 10 }, [inst], ledger, { onExecutionReport: (r) => (to.kernel as Kernel).onExecutionReport(r) });
  const port: ExecutionPort = {
    submit(id, req) {
      samples.push(performance.now() - t0);
      sim.submit(id, req);
    },
    cancel: (s, id) => void sim.cancel(s, id),
    setLeverage: (s, l) => sim.setLeverage(s, l),
  };
  const kernel = (to.kernel = new Kernel(o.strategy.name, o.strategy.create(o.params, {}), new ManualClock(series.time[0]), ledger, [inst], () => port, { marks: sim }));
  const market = new SimulatedMarket(sim, kernel, ledger);
  const bar = new MutableBar(series.symbol);
  kernel.start();
  for (let i = 0; i < series.length; i++) {
    t0 = performance.now();
    kernel.beginStep(series.time[i]);
    bar.load(series, i);
    market.onBar(bar);
    kernel.bar(bar);
    kernel.endStep();
    market.afterDecisions();
  }
  kernel.stop();
  samples.sort((a, b) => a - b);
  const q = (p: number): number => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] * 1000;
  return { p50_us: round3(q(0.5)), p99_us: round3(q(0.99)), samples: samples.length };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

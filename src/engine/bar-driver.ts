// Replays bar series into the kernel on one clock: the union of bar times, symbols in alphabetical order per step.
import type { BarSeries } from '../core/bars.js';
import { InvariantError } from '../core/errors.js';
import type { Kernel } from './kernel.js';
import { MutableBar } from './mutable-bar.js';
import type { SimulatedMarket } from './simulated-market.js';

export interface DriveOptions {
  /**
   * The simulated market beside the kernel (backtests): it matches each bar before the kernel sees it
   * and checks liquidation after the step's decisions. Without it the bars only feed the strategy.
   */
  readonly sim?: SimulatedMarket;
  /** Called when a step is complete (after the simulation's liquidation check). */
  readonly onStepEnd?: (time: number) => void;
  /** Called every `progressEvery` steps with (steps done, steps total estimate). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

/** Runs every bar through the kernel (start … stop). Returns the number of steps. */
export function driveBars(kernel: Kernel, series: readonly BarSeries[], opts: DriveOptions = {}): number {
  const sorted = [...series].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (sorted[i].symbol === sorted[i - 1].symbol) throw new InvariantError(`symbol ${sorted[i].symbol} given twice`);
  const every = opts.progressEvery ?? 250_000;
  const total = sorted.reduce((m, s) => Math.max(m, s.length), 0);
  kernel.start();
  const steps = sorted.length === 1 ? driveOne(kernel, sorted[0], opts, every) : driveMany(kernel, sorted, opts, every, total);
  kernel.stop();
  return steps;
}

/** The single-symbol fast path: one step per bar, no merge. */
function driveOne(kernel: Kernel, s: BarSeries, opts: DriveOptions, every: number): number {
  const { sim, onStepEnd, onProgress } = opts;
  const bar = new MutableBar(s.symbol);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const t = s.time[i];
    kernel.beginStep(t);
    bar.load(s, i);
    if (sim !== undefined) sim.onBar(bar);
    kernel.bar(bar);
    kernel.endStep();
    if (sim !== undefined) sim.afterDecisions();
    if (onStepEnd !== undefined) onStepEnd(t);
    if (onProgress !== undefined && (i + 1) % every === 0) onProgress(i + 1, n);
  }
  return n;
}

/** k-way merge over the symbols' time columns; symbols with a bar at the step time go in name order. */
function driveMany(kernel: Kernel, sorted: readonly BarSeries[], opts: DriveOptions, every: number, total: number): number {
  const { sim, onStepEnd, onProgress } = opts;
  const k = sorted.length;
  const pos = new Int32Array(k);
  const bars = sorted.map((s) => new MutableBar(s.symbol));
  let steps = 0;
  for (;;) {
    let t = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) if (pos[j] < sorted[j].length && sorted[j].time[pos[j]] < t) t = sorted[j].time[pos[j]];
    if (t === Number.POSITIVE_INFINITY) break;
    kernel.beginStep(t);
    for (let j = 0; j < k; j++) {
      const s = sorted[j];
      const i = pos[j];
      if (i < s.length && s.time[i] === t) {
        bars[j].load(s, i);
        if (sim !== undefined) sim.onBar(bars[j]);
        kernel.bar(bars[j]);
        pos[j] = i + 1;
      }
    }
    kernel.endStep();
    if (sim !== undefined) sim.afterDecisions();
    if (onStepEnd !== undefined) onStepEnd(t);
    steps++;
    if (onProgress !== undefined && steps % every === 0) onProgress(steps, total);
  }
  return steps;
}

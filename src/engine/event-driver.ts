// Replays time-ordered market event envelopes (and optionally bars) through the kernel on one clock.
import type { BarSeries } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import type { Kernel } from './kernel.js';
import { MutableBar } from './mutable-bar.js';
import type { SimulatedMarket } from './simulated-market.js';

export interface EventDriveOptions {
  /** The simulated market beside the kernel (bar-driver.ts): it sees each bar and event before the kernel. */
  readonly sim?: SimulatedMarket;
  /** Called when a step is complete (after the simulation's liquidation check). */
  readonly onStepEnd?: (time: number) => void;
  /**
   * Bars to interleave with the events. A bar is delivered at its close (time + intervalMs), not
   * at its open time as in bar-only runs: with ticks beside it, delivering it at the open would
   * show the strategy a close from the future. Bars closing at t go before events at t (events at
   * t belong to the next bar), symbols in name order.
   */
  readonly bars?: readonly BarSeries[];
  /** Called every `progressEvery` steps with (steps done, events + bars total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  /**
   * The envelope time that steps the kernel: `tsEvent` (venue time, the default, for history
   * sorted by it) or `tsInit` (our receive time, for a recorded live stream replayed in arrival
   * order: venue times of different channels interleave out of order as they arrive).
   */
  readonly stepBy?: 'tsEvent' | 'tsInit';
}

/**
 * Runs the events through the kernel (start … stop): one step per distinct timestamp
 * (`beginStep(t)`, every bar closing at t, every event with tsEvent = t in array order,
 * `endStep()`). Events must be sorted by tsEvent (see `mergeEvents`); a step never goes back.
 * Nothing is allocated per event. Returns the number of steps.
 */
export function driveEvents(kernel: Kernel, events: readonly Envelope[], opts: EventDriveOptions = {}): number {
  const series = [...(opts.bars ?? [])].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  for (let i = 1; i < series.length; i++) if (series[i].symbol === series[i - 1].symbol) throw new InvariantError(`symbol ${series[i].symbol} given twice`);
  for (const s of series) {
    if (s.length > 0 && !(s.intervalMs !== undefined && s.intervalMs > 0)) throw new BadInputError(`bars ${s.symbol}`, 'the bar interval is unknown, so the bar close time (when a bar is delivered beside tick events) is unknown');
  }
  const k = series.length;
  const pos = new Int32Array(k);
  const bars = series.map((s) => new MutableBar(s.symbol));
  const every = opts.progressEvery ?? 250_000;
  const total = events.length + series.reduce((n, s) => n + s.length, 0);
  const n = events.length;
  let e = 0;
  let steps = 0;
  let done = 0;
  let prev = Number.NEGATIVE_INFINITY;
  const byInit = opts.stepBy === 'tsInit';
  const { sim, onStepEnd } = opts;
  kernel.start();
  for (;;) {
    let t = e < n ? (byInit ? events[e].tsInit : events[e].tsEvent) : Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const s = series[j];
      if (pos[j] < s.length) {
        const close = s.time[pos[j]] + (s.intervalMs as number);
        if (close < t) t = close;
      }
    }
    if (t === Number.POSITIVE_INFINITY) break;
    if (!(t > prev)) throw new BadInputError(`event ${e} (${events[e]?.source}, seq ${events[e]?.seq})`, `events are not in time order: ${t} after ${prev}`);
    prev = t;
    kernel.beginStep(t);
    for (let j = 0; j < k; j++) {
      const s = series[j];
      const i = pos[j];
      if (i < s.length && s.time[i] + (s.intervalMs as number) === t) {
        const b = bars[j];
        b.load(s, i);
        if (sim !== undefined) sim.onBar(b);
        kernel.bar(b);
        pos[j] = i + 1;
        done++;
      }
    }
    while (e < n && (byInit ? events[e].tsInit : events[e].tsEvent) === t) {
      if (sim !== undefined) sim.onMarketEvent(events[e]);
      kernel.marketEvent(events[e]);
      e++;
      done++;
    }
    kernel.endStep();
    if (sim !== undefined) sim.afterDecisions();
    if (onStepEnd !== undefined) onStepEnd(t);
    steps++;
    if (opts.onProgress !== undefined && steps % every === 0) opts.onProgress(done, total);
  }
  kernel.stop();
  return steps;
}

/**
 * Merges lists each sorted by tsEvent into one list sorted by tsEvent; ties keep the lists' order
 * (all of list 0's events at t, then list 1's, …) and each list's own order, so the result is
 * deterministic for a given argument order.
 */
export function mergeEvents(lists: readonly (readonly Envelope[])[]): Envelope[] {
  const total = lists.reduce((n, l) => n + l.length, 0);
  const out: Envelope[] = new Array(total);
  const pos = new Int32Array(lists.length);
  for (let j = 0; j < lists.length; j++) {
    const l = lists[j];
    for (let i = 1; i < l.length; i++) {
      if (l[i].tsEvent < l[i - 1].tsEvent) throw new BadInputError(`event list ${j} (${l[i].source})`, `not sorted by tsEvent at index ${i}`);
    }
  }
  for (let o = 0; o < total; o++) {
    let best = -1;
    let bt = Number.POSITIVE_INFINITY;
    for (let j = 0; j < lists.length; j++) {
      if (pos[j] < lists[j].length && lists[j][pos[j]].tsEvent < bt) {
        bt = lists[j][pos[j]].tsEvent;
        best = j;
      }
    }
    out[o] = lists[best][pos[best]++];
  }
  return out;
}

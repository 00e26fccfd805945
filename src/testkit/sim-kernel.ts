// Test wiring: a kernel beside a simulated venue, as the backtest runner composes them, with driver shortcuts.
import type { BarSeries } from '../core/bars.js';
import { ManualClock } from '../core/manual-clock.js';
import type { Envelope } from '../core/envelope.js';
import type { Instrument } from '../core/instrument.js';
import { driveBars, type DriveOptions } from '../engine/bar-driver.js';
import { driveEvents, type EventDriveOptions } from '../engine/event-driver.js';
import { Kernel, type KernelOptions } from '../engine/kernel.js';
import { SimulatedMarket, type FundingSeries } from '../engine/simulated-market.js';
import type { Ledger } from '../ledger/ledger.js';
import { SimVenue, type SimVenueConfig } from '../sim/sim-venue.js';
import type { Strategy } from '../strategy/strategy.js';

export interface SimKernelOptions {
  readonly name?: string;
  readonly strategy: Strategy;
  readonly instruments: readonly Instrument[];
  readonly ledger: Ledger;
  readonly venue: SimVenueConfig;
  readonly clock?: ManualClock;
  readonly funding?: ReadonlyMap<string, FundingSeries>;
  readonly kernel?: Omit<KernelOptions, 'marks'>;
}

export interface SimKernel {
  readonly kernel: Kernel;
  readonly venue: SimVenue;
  readonly sim: SimulatedMarket;
  driveBars(series: readonly BarSeries[], opts?: Omit<DriveOptions, 'sim'>): number;
  driveEvents(events: readonly Envelope[], opts?: Omit<EventDriveOptions, 'sim'>): number;
}

export function simKernel(o: SimKernelOptions): SimKernel {
  const to: { kernel?: Kernel } = {};
  const venue = new SimVenue(o.venue, o.instruments, o.ledger, { onExecutionReport: (r) => (to.kernel as Kernel).onExecutionReport(r) });
  const k = new Kernel(o.name ?? 'test', o.strategy, o.clock ?? new ManualClock(0), o.ledger, o.instruments, () => venue, { ...o.kernel, marks: venue });
  to.kernel = k;
  const sim = new SimulatedMarket(venue, k, o.ledger, o.funding);
  return {
    kernel: k,
    venue,
    sim,
    driveBars: (series, opts = {}) => driveBars(k, series, { ...opts, sim }),
    driveEvents: (events, opts = {}) => driveEvents(k, events, { ...opts, sim }),
  };
}

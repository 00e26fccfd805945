// Runs one backtest: builds instruments, ledger, simulated venue and kernel over bar series, and collects the result.
import type { BarSeries } from '../core/bars.js';
import { ManualClock } from '../core/manual-clock.js';
import { BadInputError } from '../core/errors.js';
import { fixedFromNumber, fixedToNumber, fixedToString } from '../core/fixed.js';
import { makeInstrument, type Instrument } from '../core/instrument.js';
import type { Fill } from '../core/orders.js';
import { driveBars } from '../engine/bar-driver.js';
import { driveEvents } from '../engine/event-driver.js';
import type { Envelope } from '../core/envelope.js';
import { Kernel } from '../engine/kernel.js';
import { SimulatedMarket, type FundingSeries } from '../engine/simulated-market.js';
import { createStrategy } from '../engine/strategy-crash.js';
import { Ledger } from '../ledger/ledger.js';
import { unrealizedAt } from '../ledger/position-book.js';
import type { FillModel } from '../sim/fill-model.js';
import { SimVenue } from '../sim/sim-venue.js';
import type { ParamValues } from '../strategy/params.js';
import type { StrategyDefinition, StrategyOptions } from '../strategy/strategy.js';
import type { BacktestResult, FillRecord, OpenPositionRecord, RejectionRecord } from './backtest-result.js';
import { RoundTripTracker } from './round-trips.js';

export interface BacktestOptions {
  readonly strategy: StrategyDefinition;
  readonly params: ParamValues;
  readonly strategyOptions?: StrategyOptions;
  readonly series: readonly BarSeries[];
  readonly cash: number;
  readonly fillModel: FillModel;
  /** Fees in bps of notional for fills that rest (maker) and fills that take liquidity (taker). */
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** Fee in quote currency per unit of quantity. */
  readonly feePerUnit: number;
  readonly multiplier: number;
  readonly slippageBps: number;
  readonly exitSlippageBps?: number;
  /** Price tick; default: the data's own decimal grid (10^-decimals). */
  readonly tick?: number;
  readonly lotSize?: number;
  readonly leverage?: number;
  readonly maxLeverage?: number;
  readonly funding?: ReadonlyMap<string, FundingSeries>;
  /** Tick-level market events (trades, book updates), sorted by time; bars then arrive at their close. */
  readonly events?: readonly Envelope[];
  /** The envelope time that steps the kernel (event-driver.ts): `tsInit` for a recorded live stream in arrival order. */
  readonly stepBy?: 'tsEvent' | 'tsInit';
  readonly onProgress?: (done: number, total: number) => void;
  /** Rebuild the ledger from its log after the run and check DESIGN §4's invariants (default true). */
  readonly checkInvariants?: boolean;
}

export const DEFAULT_LOT_SIZE = 1e-8;
export const DEFAULT_LEVERAGE = 10;

/** The instrument a file-backed backtest trades for a series under the given options. */
export function instrumentFor(s: BarSeries, o: BacktestOptions): Instrument {
  const maxLeverage = o.maxLeverage ?? 100;
  return makeInstrument({
    symbol: s.symbol,
    venue: 'backtest',
    priceRule: { kind: 'tick', tick: o.tick ?? 10 ** -(s.priceDecimals ?? 8) },
    lotSize: o.lotSize ?? DEFAULT_LOT_SIZE,
    multiplier: o.multiplier,
    maxLeverage,
    fees: { makerBps: o.makerFeeBps, takerBps: o.takerFeeBps, perUnit: o.feePerUnit },
  });
}

export function runBacktest(o: BacktestOptions): BacktestResult {
  const events = o.events ?? [];
  if (o.series.length === 0 && events.length === 0) throw new BadInputError('backtest', 'no bars or market events to run on');
  if (!(o.cash > 0)) throw new BadInputError('--cash', `must be > 0, got ${o.cash}`);
  const instruments = o.series.map((s) => instrumentFor(s, o));
  for (const sym of eventSymbols(events)) {
    if (!instruments.some((i) => i.symbol === sym)) instruments.push(instrumentFor(emptySeries(sym), o));
  }
  const strategy = createStrategy(o.strategy, o.params, o.strategyOptions ?? {});
  const first = o.series.reduce((m, s) => (s.length > 0 ? Math.min(m, s.time[0]) : m), events.length > 0 ? (o.stepBy === 'tsInit' ? events[0].tsInit : events[0].tsEvent) : Number.POSITIVE_INFINITY);
  const clock = new ManualClock(Number.isFinite(first) ? first : 0);
  const ledger = new Ledger();
  ledger.deposit(clock.now(), fixedFromNumber(o.cash), 'initial cash');

  const totalBars = o.series.reduce((n, s) => n + s.length, 0);
  const maxSteps = totalBars + events.length;
  // One symbol of bars only: the steps are exactly its bars, so the curve shares the bar time column.
  const single = o.series.length === 1 && events.length === 0;
  const equityTime = single ? o.series[0].time : new Float64Array(maxSteps);
  const equity = new Float64Array(maxSteps);
  const inMarket = new Uint8Array(maxSteps);
  const fills: FillRecord[] = [];
  const rejections: RejectionRecord[] = [];
  const trips = new RoundTripTracker();
  let steps = 0;

  // The venue reports through the kernel's one entry; the kernel, built next, reads marks from it.
  const to: { kernel?: Kernel } = {};
  const venue = new SimVenue(
    { fillModel: o.fillModel, slippageBps: o.slippageBps, exitSlippageBps: o.exitSlippageBps, defaultLeverage: o.leverage ?? DEFAULT_LEVERAGE },
    instruments,
    ledger,
    { onExecutionReport: (r) => (to.kernel as Kernel).onExecutionReport(r) },
  );
  const kernel = new Kernel(
    o.strategy.name,
    strategy,
    clock,
    ledger,
    instruments,
    () => venue,
    {
      marks: venue,
      barIntervalMs: new Map(o.series.map((s) => [s.symbol, s.intervalMs])),
      observer: {
        onFill(fill: Fill): void {
          const p = ledger.position(fill.symbol);
          trips.onFill(fill, Number(p.realized) / 1e12, Number(fill.fee) / 1e12);
          fills.push({ time: fill.ts, symbol: fill.symbol, side: fill.side, qty: fill.qty, price: fill.price, fee: Number(fill.fee) / 1e12, reason: fill.reason });
        },
        onRejected(clientId: string, symbol: string, reason: string): void {
          rejections.push({ time: clock.now(), symbol, clientId, reason });
        },
      },
    },
  );
  to.kernel = kernel;
  const sim = new SimulatedMarket(venue, kernel, ledger, o.funding);
  const onStepEnd = (time: number): void => {
    if (!single) equityTime[steps] = time;
    venue.writeEquity(equity, steps);
    inMarket[steps] = ledger.openPositionCount > 0 ? 1 : 0;
    steps++;
  };
  if (events.length > 0) driveEvents(kernel, events, { bars: o.series, onProgress: o.onProgress, stepBy: o.stepBy, sim, onStepEnd });
  else driveBars(kernel, o.series, { onProgress: o.onProgress, sim, onStepEnd });

  if (o.checkInvariants !== false) ledger.checkInvariants();
  const marks = new Map<string, number>();
  const openPositions: OpenPositionRecord[] = [];
  for (const inst of instruments) {
    const m = venue.mark(inst.symbol);
    if (m !== undefined) marks.set(inst.symbol, m);
    const p = ledger.position(inst.symbol);
    if (p.qtyNum !== 0 && m !== undefined) {
      openPositions.push({ symbol: inst.symbol, qty: p.qtyNum, avgPrice: p.avgPriceNum, markPrice: m, unrealizedPnl: fixedToNumber(unrealizedAt(p, fixedFromNumber(m))) });
    }
  }
  const totals = ledger.totals();
  return {
    strategy: o.strategy.name,
    params: o.params,
    symbols: instruments.map((i) => i.symbol).sort(),
    fillModel: o.fillModel,
    initialCash: o.cash,
    equityTime: equityTime.subarray(0, steps),
    equity: equity.subarray(0, steps),
    inMarket: inMarket.subarray(0, steps),
    fills,
    trades: trips.closed(),
    openPositions,
    rejections,
    chartLines: o.strategy.chartLines === undefined ? undefined : () => (o.strategy.chartLines as NonNullable<typeof o.strategy.chartLines>)(o.params, o.series),
    finalCash: fixedToString(totals.cash),
    finalEquity: fixedToString(ledger.equityAt(marks)),
    totalFees: fixedToString(totals.fees),
    totalFunding: fixedToString(totals.funding),
    bars: o.series,
    barCount: totalBars,
    ledger,
  };
}

function eventSymbols(events: readonly Envelope[]): string[] {
  const out = new Set<string>();
  for (const e of events) out.add(e.symbol);
  return [...out].sort();
}

/** A placeholder series for a symbol that only has tick events: no bars, default grid. */
function emptySeries(symbol: string): BarSeries {
  const z = new Float64Array(0);
  return { symbol, intervalMs: undefined, length: 0, time: z, open: z, high: z, low: z, close: z, volume: z, priceDecimals: undefined };
}

// The simulation's side of a backtest or paper step (matching on market data, funding, liquidation), kept off the kernel.
import type { Bar } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import { fixedFromNumber } from '../core/fixed.js';
import type { Ledger } from '../ledger/ledger.js';
import type { BarView } from '../strategy/strategy.js';
import type { ReportScope } from './execution-port.js';
import type { MarkSource } from './mark-source.js';

/** A funding-rate series of one symbol: times (ms UTC) and rates per funding period. */
export interface FundingSeries {
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

/**
 * What a simulated venue does beyond the execution port. A real venue matches, charges funding and
 * liquidates on its own and reports the outcome; a simulated one must be handed the market data and
 * asked. Only the simulation's drivers and compositions call this; the kernel never sees it.
 */
export interface SimulatedVenue extends MarkSource {
  /** Market data for matching; the venue's mark moves to `close`. Reports go to the kernel's entry. */
  onBar(bar: Bar): void;
  /** Tick-level market data for matching (trades, book updates), when the run has it. */
  onMarketEvent?(event: Envelope): void;
  /** Funding owed for the current position at `mark`, received (+) or paid (−); undefined when flat. */
  fundingPayment(symbol: string, rate: number, mark: number): number | undefined;
  /** Liquidates when equity is below maintenance margin; true when it did. */
  checkLiquidation(): boolean;
}

interface FundingCursor {
  readonly series: FundingSeries;
  idx: number;
}

/**
 * One simulated market beside the kernel: per bar, funding due (paid at the bar's open) and the venue's
 * matching, before the kernel sees the bar; per tick event, matching; after the step's decisions, the
 * liquidation check at the closes. The drivers call it in that order, which is the order a backtest has
 * always had, so results stay identical.
 */
export class SimulatedMarket {
  private readonly funding = new Map<string, FundingCursor>();
  /** A plain boolean read per bar (cheaper than the map's size getter). */
  private readonly hasFunding: boolean;

  constructor(
    private readonly venue: SimulatedVenue,
    private readonly scope: ReportScope,
    private readonly ledger: Ledger,
    funding?: ReadonlyMap<string, FundingSeries>,
  ) {
    if (funding !== undefined) for (const [symbol, series] of funding) this.funding.set(symbol, { series, idx: 0 });
    this.hasFunding = this.funding.size > 0;
  }

  /** Before the kernel's `bar(bar)`: funding due, then matching along the bar. */
  onBar(bar: BarView): void {
    if (this.hasFunding) {
      const f = this.funding.get(bar.symbol);
      if (f !== undefined) this.applyFunding(f, bar);
    }
    // Not reset in a `finally`: an exception here ends the run, and the hot step stays lean.
    this.scope.reportsWithin(bar);
    this.venue.onBar(bar);
    this.scope.reportsWithin(undefined);
  }

  /** Before the kernel's `marketEvent(event)`. */
  onMarketEvent(event: Envelope): void {
    this.venue.onMarketEvent?.(event);
  }

  /** After the kernel's `endStep()`: the venue liquidates at the closes when margin is short. */
  afterDecisions(): void {
    this.venue.checkLiquidation();
  }

  /** Funding times in (previous bar, this bar] are paid at this bar's open (the price at the funding time). */
  private applyFunding(c: FundingCursor, bar: BarView): void {
    const f = c.series;
    while (c.idx < f.time.length && f.time[c.idx] <= bar.time) {
      const rate = f.rate[c.idx];
      const amount = this.venue.fundingPayment(bar.symbol, rate, bar.open);
      if (amount !== undefined && amount !== 0) this.ledger.recordFunding(f.time[c.idx], bar.symbol, fixedFromNumber(amount), rate);
      c.idx++;
    }
  }
}

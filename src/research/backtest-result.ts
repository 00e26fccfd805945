// What a backtest produces: the equity curve, fills, round trips and final account, before metrics.
import type { BarSeries } from '../core/bars.js';
import type { Side } from '../core/orders.js';
import type { Ledger } from '../ledger/ledger.js';

/** One fill as reported in results (prices and quantities as numbers on the instrument grid). */
export interface FillRecord {
  readonly time: number;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** Quote currency, exact decimal as a number (fixed-point source). */
  readonly fee: number;
  readonly reason: string;
}

/** A closed round trip: from flat (or a reversal) to flat (or the next reversal) in one symbol. */
export interface RoundTrip {
  readonly symbol: string;
  /** 'long' or 'short'. */
  readonly direction: 'long' | 'short';
  readonly entryTime: number;
  readonly exitTime: number;
  /** Largest absolute size held during the trip. */
  readonly qty: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Realised PnL before fees (× multiplier). */
  readonly grossPnl: number;
  /** Fees paid by the fills of this trip. */
  readonly fees: number;
  readonly netPnl: number;
  readonly exitReason: string;
}

/** An order the venue refused; `reason` reads `code` or `code: detail` (engine/execution-port.ts). */
export interface RejectionRecord {
  readonly time: number;
  readonly symbol: string;
  readonly clientId: string;
  readonly reason: string;
}

/**
 * A line to draw over a symbol's bars: `values[i]` belongs to that symbol's bar i (NaN = no value
 * yet, e.g. during warm-up). `pane: 'price'` overlays the candles; `'own'` gets a pane of its own
 * (lines of one symbol with the same label prefix before '.' share it, e.g. `macd.signal`).
 */
export interface IndicatorLine {
  readonly symbol: string;
  readonly label: string;
  readonly pane: 'price' | 'own';
  readonly values: Float64Array;
}

export interface OpenPositionRecord {
  readonly symbol: string;
  /** Signed: positive long, negative short. */
  readonly qty: number;
  readonly avgPrice: number;
  readonly markPrice: number;
  readonly unrealizedPnl: number;
}

export interface BacktestResult {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbols: readonly string[];
  readonly fillModel: string;
  readonly initialCash: number;
  /** Equity (cash + open positions at close) after each step; `time` is the step time (ms UTC). */
  readonly equityTime: Float64Array;
  readonly equity: Float64Array;
  /** 1 where any position was open at the end of the step, else 0. */
  readonly inMarket: Uint8Array;
  readonly fills: readonly FillRecord[];
  readonly trades: readonly RoundTrip[];
  readonly openPositions: readonly OpenPositionRecord[];
  /** Every order the venue rejected, in time order. */
  readonly rejections: readonly RejectionRecord[];
  /** Lines the strategy draws over its bars (report only). */
  readonly indicators?: readonly IndicatorLine[] | undefined;
  /**
   * Computes `indicators` when they are not given: only a report needs them, and a run of 1M bars
   * would otherwise keep 8 bytes per bar and line for nothing.
   */
  readonly chartLines?: () => readonly IndicatorLine[];
  /** Exact decimal strings from the ledger. */
  readonly finalCash: string;
  readonly finalEquity: string;
  readonly totalFees: string;
  readonly totalFunding: string;
  /** The input bars (for the report's price chart). */
  readonly bars: readonly BarSeries[];
  readonly barCount: number;
  /** The run's ledger (the source of truth behind the figures above), for audits and invariant checks. */
  readonly ledger?: Ledger;
}
